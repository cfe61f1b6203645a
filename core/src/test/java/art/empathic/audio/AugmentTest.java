package art.empathic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AugmentTest {
  private static final int RATE = 16000;

  /** Frequency from the spacing of upward zero crossings in x[from..to), interpolated linearly. */
  static double zeroCrossingFrequency(float[] x, int from, int to, int rate) {
    double first = -1;
    double last = -1;
    int crossings = 0;
    for (int i = Math.max(1, from); i < to; i++) {
      if (x[i - 1] < 0 && x[i] >= 0) {
        double t = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
        if (first < 0) {
          first = t;
        }
        last = t;
        crossings++;
      }
    }
    return (crossings - 1) / (last - first) * rate;
  }

  // ---------------------------------------------------------------- noise

  @ParameterizedTest
  @CsvSource({"0, WHITE", "10, WHITE", "20, PINK", "35, PINK", "-5, PINK"})
  void noiseIsAddedAtTheRequestedSnr(double snrDb, Augment.Noise colour) {
    float[] x = WavReaderTest.testSignal(RATE, 1);
    float[] y = Augment.addNoise(x, snrDb, colour, new Random(7));
    float[] noise = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      noise[i] = y[i] - x[i];
    }
    double measured = 10 * Math.log10(Augment.power(x) / Augment.power(noise));
    assertThat(measured).isCloseTo(snrDb, within(0.5));
    assertThat(y).isNotEqualTo(x);
  }

  @Test
  void noiseIsDeterministicGivenTheSeedAndSilenceStaysSilent() {
    float[] x = WavReaderTest.testSignal(4000, 2);
    assertThat(Augment.addNoise(x, 10, Augment.Noise.WHITE, new Random(1)))
        .containsExactly(Augment.addNoise(x, 10, Augment.Noise.WHITE, new Random(1)))
        .isNotEqualTo(Augment.addNoise(x, 10, Augment.Noise.WHITE, new Random(2)));
    assertThat(Augment.addNoise(new float[100], 10, Augment.Noise.PINK, new Random(1))).containsOnly(0f);
    assertThatThrownBy(() -> Augment.addNoise(x, Double.NaN, Augment.Noise.WHITE, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pinkNoiseHasEqualPowerPerOctaveAndWhiteNoisePerHertz() {
    float[] tone = WavReaderTest.testSignal(1 << 16, 3);
    double[] pink = bandPowersDb(Augment.addNoise(tone, -40, Augment.Noise.PINK, new Random(3)));
    double[] white = bandPowersDb(Augment.addNoise(tone, -40, Augment.Noise.WHITE, new Random(3)));
    // Octaves 250-500 Hz and 2000-4000 Hz: the second is 8 times wider (9 dB) for white noise.
    assertThat(pink[1] - pink[0]).isCloseTo(0, within(2.0));
    assertThat(white[1] - white[0]).isCloseTo(9.03, within(1.0));
  }

  /** Power in the octaves 250-500 Hz and 2-4 kHz, in dB (noise at -40 dB SNR dominates the tone). */
  private static double[] bandPowersDb(float[] x) {
    double[] spectrum = new double[2 * x.length];
    for (int i = 0; i < x.length; i++) {
      spectrum[2 * i] = x[i];
    }
    new DoubleFFT_1D(x.length).complexForward(spectrum);
    double[] bands = {250, 500, 2000, 4000};
    double[] db = new double[2];
    for (int b = 0; b < 2; b++) {
      int lo = (int) (bands[2 * b] * x.length / RATE);
      int hi = (int) (bands[2 * b + 1] * x.length / RATE);
      double sum = 0;
      for (int k = lo; k < hi; k++) {
        sum += spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1];
      }
      db[b] = 10 * Math.log10(sum);
    }
    return db;
  }

  // ---------------------------------------------------------------- shift

  @Test
  void shiftsFillWithZeros() {
    float[] x = {1, 2, 3, 4};
    assertThat(Augment.shift(x, 1)).containsExactly(0, 1, 2, 3);
    assertThat(Augment.shift(x, -2)).containsExactly(3, 4, 0, 0);
    assertThat(Augment.shift(x, 0)).containsExactly(1, 2, 3, 4);
    assertThat(Augment.shift(x, 4)).containsExactly(0, 0, 0, 0);
    assertThat(Augment.shift(x, Integer.MIN_VALUE)).containsExactly(0, 0, 0, 0);
    assertThat(x).containsExactly(1, 2, 3, 4);
  }

  @Test
  void randomShiftsAreCappedAtAQuarterOfTheClipAndReproducible() {
    float[] ones = new float[1000];
    Arrays.fill(ones, 1f);
    int largest = 0;
    for (int seed = 0; seed < 200; seed++) {
      float[] y = Augment.randomShift(ones, 1_000_000, new Random(seed));
      int zeros = 0;
      for (float v : y) {
        zeros += v == 0 ? 1 : 0;
      }
      largest = Math.max(largest, zeros);
      assertThat(y).containsExactly(Augment.randomShift(ones, 1_000_000, new Random(seed)));
    }
    assertThat(largest).isLessThanOrEqualTo(250).isGreaterThan(200);
    assertThat(Augment.randomShift(ones, 0, new Random(1))).containsExactly(ones);
  }

  // ---------------------------------------------------------------- speed, stretch, pitch

  @ParameterizedTest
  @ValueSource(doubles = {1.1, 0.8, 1.5})
  void speedChangesLengthAndPitchTogether(double factor) {
    float[] x = ResamplerTest.sine(440, RATE, 1.0, 0.5);
    float[] y = Augment.speed(x, factor);
    assertThat((double) y.length).isCloseTo(x.length / factor, within(1.0));
    double f = zeroCrossingFrequency(y, 1600, y.length - 1600, RATE);
    assertThat(f / 440).isCloseTo(factor, within(factor * 0.002));
  }

  @ParameterizedTest
  @ValueSource(doubles = {3, -5, 7, 12})
  void pitchShiftMovesTheFrequencyAndKeepsTheLength(double semitones) {
    float[] x = ResamplerTest.sine(300, RATE, 1.0, 0.5);
    float[] y = Augment.pitchShift(x, semitones, RATE);
    assertThat(y).hasSize(x.length);
    double expected = 300 * Math.pow(2, semitones / 12);
    assertThat(zeroCrossingFrequency(y, 1600, y.length - 1600, RATE)).isCloseTo(expected, within(0.01 * expected));
    // The level survives too (no holes or doubled frames from the overlap-add).
    assertThat(ResamplerTest.amplitudeAt(y, expected, RATE, 1600, y.length - 1600)).isCloseTo(0.5, within(0.05));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.7, 1.3, 2.0})
  void stretchChangesTheLengthAndKeepsThePitch(double lengthFactor) {
    float[] x = ResamplerTest.sine(220, RATE, 1.0, 0.5);
    float[] y = Augment.stretch(x, lengthFactor, RATE);
    assertThat(y).hasSize((int) Math.round(x.length * lengthFactor));
    assertThat(zeroCrossingFrequency(y, 1600, y.length - 1600, RATE)).isCloseTo(220, within(2.2));
  }

  @Test
  void outOfRangeFactorsAreRefused() {
    float[] x = new float[100];
    assertThatThrownBy(() -> Augment.speed(x, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("speed factor must lie in [0.25, 4], got 0.0");
    assertThatThrownBy(() -> Augment.pitchShift(x, 30, RATE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Augment.stretch(x, Double.NaN, RATE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Augment.randomShift(x, -1, new Random(1))).isInstanceOf(IllegalArgumentException.class);
    assertThat(Augment.speed(new float[0], 1.2)).isEmpty();
    assertThat(Augment.pitchShift(new float[0], 2, RATE)).isEmpty();
  }
}
