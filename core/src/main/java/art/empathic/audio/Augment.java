package art.empathic.audio;

import java.util.Random;
import java.util.Arrays;

/**
 * Training-only data augmentation on mono samples: additive noise at a signal-to-noise ratio,
 * time shift, speed change and duration-preserving pitch shift. Every method returns a new array
 * and leaves its input alone; the random ones are deterministic given their {@link Random}. Output
 * is not clipped to [-1, 1] (clipping would change the requested SNR; features do not need it).
 *
 * <p>Never apply these to test clips: altered copies of a test clip in training leak it.
 */
public final class Augment {
  /** Colour of additive noise. */
  public enum Noise {
    /** Flat spectrum: equal power per hertz. */
    WHITE,
    /** 1/f spectrum: equal power per octave, -3 dB per octave (Paul Kellet's filter). */
    PINK
  }

  /** A random shift moves a clip by at most this fraction of its length, whatever is asked. */
  public static final double MAX_SHIFT_FRACTION = 0.25;

  /** Speed and pitch factors are rounded to this step so the resampler's ratio stays small. */
  static final int FACTOR_STEPS = 1000;

  private Augment() {}

  // ---------------------------------------------------------------------------------------------
  // Noise

  /**
   * Adds noise scaled so that {@code 10 log10(P_signal / P_noise) = snrDb} holds exactly for this
   * clip (powers are means of squares over the clip). A silent clip has no power to be relative to
   * and is returned unchanged (as a copy).
   */
  public static float[] addNoise(float[] x, double snrDb, Noise colour, Random random) {
    if (!Double.isFinite(snrDb)) {
      throw new IllegalArgumentException("SNR must be a finite number of dB, got " + snrDb);
    }
    double signalPower = power(x);
    if (signalPower == 0 || x.length == 0) {
      return x.clone();
    }
    double[] noise = colour == Noise.PINK ? pinkNoise(x.length, random) : whiteNoise(x.length, random);
    double noisePower = 0;
    for (double v : noise) {
      noisePower += v * v;
    }
    noisePower /= noise.length;
    double gain = Math.sqrt(signalPower / (noisePower * Math.pow(10, snrDb / 10)));
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (x[i] + gain * noise[i]);
    }
    return y;
  }

  /** Mean square of the samples (0 for an empty array). */
  static double power(float[] x) {
    double sum = 0;
    for (float v : x) {
      sum += (double) v * v;
    }
    return x.length == 0 ? 0 : sum / x.length;
  }

  private static double[] whiteNoise(int n, Random random) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = random.nextGaussian();
    }
    return w;
  }

  /** Gaussian white noise through Paul Kellet's "refined" pinking filter (±0.05 dB above 9 Hz at 44.1 kHz). */
  private static double[] pinkNoise(int n, Random random) {
    int warmUp = 4096; // lets the slowest pole (time constant ~900 samples) settle
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    double[] p = new double[n];
    for (int i = -warmUp; i < n; i++) {
      double white = random.nextGaussian();
      b0 = 0.99886 * b0 + white * 0.0555179;
      b1 = 0.99332 * b1 + white * 0.0750759;
      b2 = 0.96900 * b2 + white * 0.1538520;
      b3 = 0.86650 * b3 + white * 0.3104856;
      b4 = 0.55000 * b4 + white * 0.5329522;
      b5 = -0.7616 * b5 - white * 0.0168980;
      double pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
      b6 = white * 0.115926;
      if (i >= 0) {
        p[i] = pink;
      }
    }
    return p;
  }

  // ---------------------------------------------------------------------------------------------
  // Time shift

  /**
   * Shifts by {@code samples}, filling with zeros: positive delays the clip (silence first),
   * negative advances it (its start is cut). The length stays the same.
   */
  public static float[] shift(float[] x, int samples) {
    float[] y = new float[x.length];
    if (Math.abs((long) samples) < x.length) {
      int from = Math.max(0, -samples);
      int to = Math.max(0, samples);
      System.arraycopy(x, from, y, to, x.length - Math.abs(samples));
    }
    return y;
  }

  /**
   * Shifts by a uniformly drawn whole number of samples in {@code [-maxSamples, maxSamples]},
   * where {@code maxSamples} is first capped at {@link #MAX_SHIFT_FRACTION} of the clip so most of
   * an utterance survives.
   */
  public static float[] randomShift(float[] x, int maxSamples, Random random) {
    if (maxSamples < 0) {
      throw new IllegalArgumentException("maximum shift must not be negative, got " + maxSamples);
    }
    int max = (int) Math.min(maxSamples, Math.floor(MAX_SHIFT_FRACTION * x.length));
    return shift(x, max == 0 ? 0 : random.nextInt(2 * max + 1) - max);
  }

  // ---------------------------------------------------------------------------------------------
  // Speed, stretch and pitch

  /**
   * Plays the clip {@code factor} times faster, like a tape: tempo and pitch both rise by {@code
   * factor} and the length becomes about {@code n / factor}. Done by band-limited resampling;
   * the factor is rounded to 1/1000 and must lie in [0.25, 4].
   */
  public static float[] speed(float[] x, double factor) {
    int steps = factorSteps(factor, "speed factor");
    return steps == FACTOR_STEPS ? x.clone() : Resampler.resample(x, steps, FACTOR_STEPS);
  }

  /**
   * Changes the pitch by {@code semitones} (in [-24, 24]) and keeps the length exactly: the clip is
   * time-stretched by the pitch factor {@code 2^(semitones/12)} (rounded to 1/1000) with WSOLA,
   * then sped up by the same factor.
   */
  public static float[] pitchShift(float[] x, double semitones, int sampleRate) {
    if (!(Math.abs(semitones) <= 24)) {
      throw new IllegalArgumentException("pitch shift must lie in [-24, 24] semitones, got " + semitones);
    }
    int steps = factorSteps(Math.pow(2, semitones / 12), "pitch factor");
    if (steps == FACTOR_STEPS) {
      return x.clone();
    }
    double factor = steps / (double) FACTOR_STEPS;
    float[] stretched = stretch(x, factor, sampleRate);
    return Arrays.copyOf(Resampler.resample(stretched, steps, FACTOR_STEPS), x.length);
  }

  private static int factorSteps(double factor, String what) {
    if (!(factor >= 0.25 && factor <= 4)) {
      throw new IllegalArgumentException(what + " must lie in [0.25, 4], got " + factor);
    }
    return (int) Math.round(factor * FACTOR_STEPS);
  }

  /**
   * Changes the duration by {@code lengthFactor} (in [0.25, 4]; 2 makes it twice as long) and
   * keeps the pitch, by WSOLA (waveform-similarity overlap-add, Verhelst and Roelands 1993): 30 ms
   * Hann-windowed frames are laid down every 15 ms of output; each is taken from near its nominal
   * input position, moved by up to 10 ms to where it best continues the previous frame's
   * waveform. The output has {@code round(n * lengthFactor)} samples.
   */
  public static float[] stretch(float[] x, double lengthFactor, int sampleRate) {
    if (!(lengthFactor >= 0.25 && lengthFactor <= 4)) {
      throw new IllegalArgumentException("stretch factor must lie in [0.25, 4], got " + lengthFactor);
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
    int outLength = (int) Math.round(x.length * lengthFactor);
    int frame = Math.max(4, 2 * (int) Math.round(0.015 * sampleRate));
    int hop = frame / 2;
    int tolerance = Math.max(1, (int) Math.round(0.010 * sampleRate));
    double analysisHop = hop / lengthFactor;
    double[] window = new double[frame];
    for (int i = 0; i < frame; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame); // periodic Hann: sums to 1 at 50%
    }
    // Zero padding so frame reads never leave the array: positions run from -tolerance to about
    // n + tolerance + hop.
    int front = tolerance + 1;
    float[] padded = new float[front + x.length + 2 * frame + 2 * tolerance + (int) Math.ceil(analysisHop) + 2];
    System.arraycopy(x, 0, padded, front, x.length);

    double[] out = new double[outLength + frame];
    double[] weight = new double[outLength + frame];
    int previous = 0;
    for (int m = 0; (long) m * hop < outLength; m++) {
      int position;
      if (m == 0) {
        position = 0;
      } else {
        int nominal = (int) Math.round(m * analysisHop);
        int natural = previous + hop; // where the previous frame's waveform naturally continues
        position = bestMatch(padded, front, natural, nominal - tolerance, nominal + tolerance, frame);
      }
      int at = m * hop;
      for (int i = 0; i < frame; i++) {
        out[at + i] += window[i] * padded[front + position + i];
        weight[at + i] += window[i];
      }
      previous = position;
    }
    float[] y = new float[outLength];
    for (int i = 0; i < outLength; i++) {
      y[i] = weight[i] > 1e-9 ? (float) (out[i] / weight[i]) : 0f;
    }
    return y;
  }

  /** The position in [from, to] whose frame correlates best with the frame at {@code target}. */
  private static int bestMatch(float[] padded, int front, int target, int from, int to, int frame) {
    from = Math.max(from, -front);
    int best = from;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int p = from; p <= to; p++) {
      double score = 0;
      int a = front + p;
      int b = front + target;
      for (int i = 0; i < frame; i++) {
        score += padded[a + i] * padded[b + i];
      }
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }
}
