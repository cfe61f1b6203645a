package art.empathic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

  static float[] sine(double hz, int rate, double seconds, double amplitude) {
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  /** Amplitude of the {@code hz} component of x[from..to) by a least-squares sine/cosine fit. */
  static double amplitudeAt(float[] x, double hz, int rate, int from, int to) {
    double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
    for (int i = from; i < to; i++) {
      double s = Math.sin(2 * Math.PI * hz * i / rate);
      double c = Math.cos(2 * Math.PI * hz * i / rate);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      xs += x[i] * s;
      xc += x[i] * c;
    }
    double det = ss * cc - sc * sc;
    double a = (xs * cc - xc * sc) / det;
    double b = (xc * ss - xs * sc) / det;
    return Math.hypot(a, b);
  }

  static double rms(float[] x, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += x[i] * (double) x[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  @ParameterizedTest(name = "{0} -> {1} Hz")
  @CsvSource({"48000, 16000", "16000, 22050", "44100, 16000", "22050, 16000", "8000, 16000", "16000, 44100",
      "44101, 16000", "16000, 16001"})
  void aOneKilohertzSineKeepsItsAmplitudeAndTiming(int from, int to) {
    double amplitude = 0.5;
    float[] x = sine(1000, from, 1.0, amplitude);
    float[] y = Resampler.resample(x, from, to);

    assertThat(y).hasSize(Resampler.outputLength(x.length, from, to));
    int margin = to / 10; // away from the edges, where the filter sees zeros beyond the signal
    double gainDb = 20 * Math.log10(amplitudeAt(y, 1000, to, margin, y.length - margin) / amplitude);
    assertThat(gainDb).isCloseTo(0, within(0.1));
    // No delay: output sample k is the sine at time k / to.
    float[] expected = sine(1000, to, 1.0, amplitude);
    for (int k = margin; k < y.length - margin; k++) {
      assertThat((double) y[k]).as("sample %d", k).isCloseTo(expected[k], within(1e-4));
    }
  }

  @Test
  void aTenKilohertzSineIsRemovedWhenDownsamplingTo16k() {
    float[] x = sine(10000, 48000, 1.0, 0.5);
    float[] y = Resampler.resample(x, 48000, 16000);
    // 10 kHz is above the new Nyquist frequency (8 kHz); anything left would alias to 6 kHz.
    double leftDb = 20 * Math.log10(Math.sqrt(2) * rms(y, 1600, y.length - 1600) / 0.5);
    assertThat(leftDb).isLessThan(-60);
  }

  @Test
  void frequenciesWellInsideThePassbandKeepTheirLevelAndThoseOutsideAreGone() {
    // 7 kHz is below the 0.9476 * 8 kHz = 7.58 kHz cut-off; 9 kHz is well into the stop band.
    float[] pass = Resampler.resample(sine(7000, 48000, 1.0, 0.5), 48000, 16000);
    assertThat(20 * Math.log10(amplitudeAt(pass, 7000, 16000, 1600, 14400) / 0.5)).isCloseTo(0, within(0.1));
    float[] stop = Resampler.resample(sine(9000, 44100, 1.0, 0.5), 44100, 16000);
    assertThat(20 * Math.log10(Math.sqrt(2) * rms(stop, 1600, stop.length - 1600) / 0.5)).isLessThan(-100);
  }

  @Test
  void aConstantStaysConstantAwayFromTheEdges() {
    float[] x = new float[8000];
    java.util.Arrays.fill(x, 0.25f);
    float[] y = Resampler.resample(x, 8000, 22050);
    for (int k = 2205; k < y.length - 2205; k++) {
      assertThat((double) y[k]).isCloseTo(0.25, within(1e-5));
    }
  }

  @Test
  void equalRatesGiveACopy() {
    float[] x = sine(440, 16000, 0.01, 0.3);
    float[] y = Resampler.resample(x, 16000, 16000);
    assertThat(y).containsExactly(x).isNotSameAs(x);
    Audio audio = new Audio(x, 16000);
    assertThat(Resampler.resample(audio, 16000)).isSameAs(audio);
    assertThat(Resampler.resample(audio, 8000).sampleRate()).isEqualTo(8000);
  }

  @ParameterizedTest(name = "n={0}: {1} -> {2} Hz gives {3}")
  @CsvSource({
    // expected values from numpy: int(np.ceil(n * (float(to) / from)))
    "48000, 48000, 16000, 16000",
    "10, 16000, 22050, 14",
    "1, 44100, 16000, 1",
    "52853, 16000, 22050, 72839",
    "7, 3, 1, 3",
    "0, 44100, 16000, 0"})
  void outputLengthFollowsLibrosa(int n, int from, int to, int expected) {
    assertThat(Resampler.outputLength(n, from, to)).isEqualTo(expected);
    assertThat(Resampler.resample(new float[n], from, to)).hasSize(expected);
  }

  @Test
  void shortInputsAndBadRates() {
    assertThat(Resampler.resample(new float[] {1f}, 16000, 48000)).hasSize(3);
    assertThatThrownBy(() -> Resampler.resample(new float[4], 0, 16000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> Resampler.resample(new float[1 << 20], 1, 1_000_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too many samples");
  }

  @Test
  void theKaiserWindowUsesTheRightBesselFunction() {
    // I0(0) = 1, I0(1) = 1.2660658777520082, I0(5) = 27.239871823604442 (Abramowitz & Stegun).
    assertThat(Resampler.besselI0(0)).isEqualTo(1.0);
    assertThat(Resampler.besselI0(1)).isCloseTo(1.2660658777520082, within(1e-15));
    assertThat(Resampler.besselI0(5)).isCloseTo(27.239871823604442, within(1e-12));
    assertThat(Resampler.windowedSinc(0)).isCloseTo(Resampler.ROLLOFF, within(1e-15));
    assertThat(Resampler.windowedSinc(Resampler.ZERO_CROSSINGS)).isZero();
  }
}
