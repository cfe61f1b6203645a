package art.empathic.audio;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Simulated recording channels for robustness measurements: what a clip sounds like through a
 * noisy room, a telephone, a reverberant hall, a quiet microphone or an overdriven one. Each
 * condition is deterministic for a given {@link Random} and keeps the sample rate and length.
 *
 * <ul>
 *   <li>{@link Kind#WHITE}: Gaussian white noise scaled to an exact clip SNR (signal and noise
 *       powers are means of squares over the whole clip);
 *   <li>{@link Kind#BABBLE}: the sum of {@link #BABBLE_TALKERS} other clips (each at unit power,
 *       started at random offsets and looped), scaled to an exact clip SNR;
 *   <li>{@link Kind#TELEPHONE}: resampled to 8 kHz, 4th-order Butterworth high-pass at 300 Hz and
 *       low-pass at 3400 Hz (the narrow-band telephone band), then back to the original rate;
 *   <li>{@link Kind#REVERB}: convolved with a synthetic impulse response: a direct path plus
 *       Gaussian noise under an exponential envelope falling 60 dB in {@code value} seconds
 *       (the RT60), 1.5 RT60 long, with the reverberant tail at the direct path's energy; the
 *       result is scaled back to the input's power;
 *   <li>{@link Kind#GAIN}: multiplied by {@code 10^(value/20)} ({@code value} in dB, e.g. -20);
 *   <li>{@link Kind#CLIP}: amplified so the peak is {@code value} dB over full scale, then
 *       hard-clipped to [-1, 1].
 * </ul>
 *
 * @param kind the channel
 * @param value SNR in dB, RT60 in seconds, gain in dB or overdrive in dB (ignored for clean and telephone)
 */
public record Channel(Kind kind, double value) {
  /** Talkers mixed into babble noise. */
  public static final int BABBLE_TALKERS = 5;

  public enum Kind { CLEAN, WHITE, BABBLE, TELEPHONE, REVERB, GAIN, CLIP }

  public Channel {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("channel value must be finite, got " + value);
    }
    if (kind == Kind.REVERB && !(value > 0 && value <= 5)) {
      throw new IllegalArgumentException("RT60 must be in (0, 5] s, got " + value);
    }
  }

  /** The conditions of the generalisation study, clean first. */
  public static List<Channel> studyConditions() {
    return List.of(new Channel(Kind.CLEAN, 0), new Channel(Kind.WHITE, 20), new Channel(Kind.WHITE, 10),
        new Channel(Kind.BABBLE, 20), new Channel(Kind.BABBLE, 10), new Channel(Kind.TELEPHONE, 0),
        new Channel(Kind.REVERB, 0.3), new Channel(Kind.REVERB, 0.6), new Channel(Kind.GAIN, -20),
        new Channel(Kind.CLIP, 12));
  }

  /** A short name, e.g. "white noise SNR 20 dB", "telephone 300-3400 Hz", "reverb RT60 0.3 s". */
  public String describe() {
    return switch (kind) {
      case CLEAN -> "clean";
      case WHITE -> String.format(Locale.ROOT, "white noise SNR %.0f dB", value);
      case BABBLE -> String.format(Locale.ROOT, "babble noise SNR %.0f dB", value);
      case TELEPHONE -> "telephone 8 kHz, 300-3400 Hz";
      case REVERB -> String.format(Locale.ROOT, "reverb RT60 %.1f s", value);
      case GAIN -> String.format(Locale.ROOT, "gain %+.0f dB", value);
      case CLIP -> String.format(Locale.ROOT, "clipping (peak %+.0f dB over full scale)", value);
    };
  }

  /** Like {@link #describe()} but with the value to two decimals (for drawn, non-round values). */
  public String describeExact() {
    return switch (kind) {
      case CLEAN, TELEPHONE -> describe();
      case WHITE -> String.format(Locale.ROOT, "white noise SNR %.2f dB", value);
      case BABBLE -> String.format(Locale.ROOT, "babble noise SNR %.2f dB", value);
      case REVERB -> String.format(Locale.ROOT, "reverb RT60 %.2f s", value);
      case GAIN -> String.format(Locale.ROOT, "gain %+.2f dB", value);
      case CLIP -> String.format(Locale.ROOT, "clipping (peak %+.2f dB over full scale)", value);
    };
  }

  /**
   * The clip through this channel.
   *
   * @param others clips (any rate is fine as long as it is the clip's) babble is made from; only
   *     {@link Kind#BABBLE} reads them and needs at least one
   */
  public Audio apply(Audio audio, List<float[]> others, Random random) {
    float[] x = audio.samples();
    int sr = audio.sampleRate();
    float[] y = switch (kind) {
      case CLEAN -> x.clone();
      case WHITE -> addAtSnr(x, gaussian(x.length, random), value);
      case BABBLE -> addAtSnr(x, babble(others, x.length, random), value);
      case TELEPHONE -> telephone(x, sr);
      case REVERB -> matchPower(Fft.convolve(x, impulseResponse(value, sr, random), x.length), x);
      case GAIN -> scale(x, Math.pow(10, value / 20));
      case CLIP -> clip(x, value);
    };
    return new Audio(y, sr);
  }

  /**
   * As {@link #apply}, except that babble is the sum of exactly {@code voices} (each once, at unit
   * power, from a random offset, looped) instead of {@link #BABBLE_TALKERS} picks among them: babble
   * of fewer talkers for training ({@code talkers=} of the augmentation spec). Other kinds are {@link #apply}.
   */
  public Audio applyVoices(Audio audio, List<float[]> voices, Random random) {
    if (kind != Kind.BABBLE) {
      return apply(audio, voices, random);
    }
    List<float[]> usable = withSound(voices);
    float[] x = audio.samples();
    return new Audio(addAtSnr(x, sumAtUnitPower(x.length, usable.size(), usable::get, random), value),
        audio.sampleRate());
  }

  /**
   * Adds {@code noise} (cut or looped to the clip's length) scaled so that
   * {@code 10 log10(P_signal / P_noise) = snrDb} over the clip. A silent clip is returned as a copy.
   */
  public static float[] addAtSnr(float[] x, double[] noise, double snrDb) {
    double ps = Augment.power(x);
    double pn = 0;
    for (int i = 0; i < x.length; i++) {
      double v = noise[i % noise.length];
      pn += v * v;
    }
    pn /= Math.max(1, x.length);
    if (ps == 0 || pn == 0) {
      return x.clone();
    }
    double g = Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10)));
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (x[i] + g * noise[i % noise.length]);
    }
    return y;
  }

  static double[] gaussian(int n, Random random) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = random.nextGaussian();
    }
    return w;
  }

  /** {@link #BABBLE_TALKERS} clips drawn from {@code others}, each at unit power, random offsets, looped. */
  static double[] babble(List<float[]> others, int n, Random random) {
    List<float[]> usable = withSound(others);
    return sumAtUnitPower(n, BABBLE_TALKERS, k -> usable.get(random.nextInt(usable.size())), random);
  }

  /** The clips babble can be made of (not empty, not silent); none is an error. */
  private static List<float[]> withSound(List<float[]> others) {
    List<float[]> usable = others.stream().filter(o -> o.length > 0 && Augment.power(o) > 0).toList();
    if (usable.isEmpty()) {
      throw new IllegalArgumentException("babble noise needs other clips with sound to mix, got none");
    }
    return usable;
  }

  /**
   * {@code n} samples of babble: {@code voices} clips ({@code voice.apply(k)} for the k-th, asked
   * for just before its offset is drawn), each scaled to unit power and read from a random offset,
   * looped, and summed.
   */
  private static double[] sumAtUnitPower(int n, int voices, java.util.function.IntFunction<float[]> voice,
      Random random) {
    double[] b = new double[n];
    for (int k = 0; k < voices; k++) {
      float[] o = voice.apply(k);
      double g = 1 / Math.sqrt(Augment.power(o));
      int off = random.nextInt(o.length);
      for (int i = 0; i < n; i++) {
        b[i] += g * o[(off + i) % o.length];
      }
    }
    return b;
  }

  /** Narrow-band telephone: 8 kHz, 300-3400 Hz band-pass (4th-order Butterworth each side), back to {@code sr}. */
  public static float[] telephone(float[] x, int sr) {
    float[] narrow = Resampler.resample(x, sr, 8000);
    double[] y = new double[narrow.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = narrow[i];
    }
    for (double q : new double[] {0.5411961, 1.3065630}) {
      y = Biquad.highPass(300, q, 8000).filter(y);
      y = Biquad.lowPass(3400, q, 8000).filter(y);
    }
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = (float) y[i];
    }
    float[] back = Resampler.resample(f, 8000, sr);
    float[] out = new float[x.length];
    System.arraycopy(back, 0, out, 0, Math.min(back.length, x.length));
    return out;
  }

  /** Direct path (1 at t=0) plus exponentially decaying Gaussian noise with the tail's energy equal to 1. */
  public static float[] impulseResponse(double rt60, int sr, Random random) {
    int n = Math.max(2, (int) Math.round(1.5 * rt60 * sr));
    double decay = 3 * Math.log(10) / rt60; // amplitude: 60 dB down after rt60
    double[] h = new double[n];
    double e = 0;
    for (int i = 1; i < n; i++) {
      h[i] = random.nextGaussian() * Math.exp(-decay * i / sr);
      e += h[i] * h[i];
    }
    float[] out = new float[n];
    out[0] = 1f;
    for (int i = 1; i < n; i++) {
      out[i] = (float) (h[i] / Math.sqrt(e));
    }
    return out;
  }

  private static float[] matchPower(float[] y, float[] reference) {
    double py = Augment.power(y);
    double pr = Augment.power(reference);
    return py == 0 ? y : scale(y, Math.sqrt(pr / py));
  }

  private static float[] scale(float[] x, double g) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (x[i] * g);
    }
    return y;
  }

  private static float[] clip(float[] x, double overdriveDb) {
    float peak = 0;
    for (float v : x) {
      peak = Math.max(peak, Math.abs(v));
    }
    if (peak == 0) {
      return x.clone();
    }
    double g = Math.pow(10, overdriveDb / 20) / peak;
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) Math.max(-1, Math.min(1, x[i] * g));
    }
    return y;
  }

  /** A second-order IIR section (RBJ audio-EQ cookbook), direct form I. */
  record Biquad(double b0, double b1, double b2, double a1, double a2) {
    static Biquad lowPass(double f, double q, int sr) {
      double w = 2 * Math.PI * f / sr;
      double alpha = Math.sin(w) / (2 * q);
      double c = Math.cos(w);
      double a0 = 1 + alpha;
      return new Biquad((1 - c) / 2 / a0, (1 - c) / a0, (1 - c) / 2 / a0, -2 * c / a0, (1 - alpha) / a0);
    }

    static Biquad highPass(double f, double q, int sr) {
      double w = 2 * Math.PI * f / sr;
      double alpha = Math.sin(w) / (2 * q);
      double c = Math.cos(w);
      double a0 = 1 + alpha;
      return new Biquad((1 + c) / 2 / a0, -(1 + c) / a0, (1 + c) / 2 / a0, -2 * c / a0, (1 - alpha) / a0);
    }

    double[] filter(double[] x) {
      double[] y = new double[x.length];
      double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
      for (int i = 0; i < x.length; i++) {
        double v = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x[i];
        y2 = y1;
        y1 = v;
        y[i] = v;
      }
      return y;
    }
  }

  /** Radix-2 complex FFT, enough for fast convolution. */
  static final class Fft {
    private Fft() {}

    /** The first {@code length} samples of the linear convolution of x and h. */
    static float[] convolve(float[] x, float[] h, int length) {
      int n = Integer.highestOneBit(Math.max(1, x.length + h.length - 1) - 1) << 1;
      n = Math.max(n, 2);
      double[] ar = new double[n], ai = new double[n], br = new double[n], bi = new double[n];
      for (int i = 0; i < x.length; i++) ar[i] = x[i];
      for (int i = 0; i < h.length; i++) br[i] = h[i];
      transform(ar, ai, false);
      transform(br, bi, false);
      for (int i = 0; i < n; i++) {
        double r = ar[i] * br[i] - ai[i] * bi[i];
        double im = ar[i] * bi[i] + ai[i] * br[i];
        ar[i] = r;
        ai[i] = im;
      }
      transform(ar, ai, true);
      float[] out = new float[length];
      for (int i = 0; i < length; i++) out[i] = (float) (ar[i] / n);
      return out;
    }

    static void transform(double[] re, double[] im, boolean inverse) {
      int n = re.length;
      for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) {
          double t = re[i]; re[i] = re[j]; re[j] = t;
          t = im[i]; im[i] = im[j]; im[j] = t;
        }
      }
      // The twiddle factors of a stage, by the same recurrence as ever (so the same values to the
      // last bit), computed once per stage instead of once per block: the recurrence is a chain of
      // dependent multiplies that made every butterfly wait for the one before.
      double[] twr = new double[Math.max(1, n / 2)];
      double[] twi = new double[twr.length];
      for (int len = 2; len <= n; len <<= 1) {
        double ang = 2 * Math.PI / len * (inverse ? 1 : -1);
        double wr = Math.cos(ang), wi = Math.sin(ang);
        int half = len / 2;
        double cr = 1, ci = 0;
        for (int k = 0; k < half; k++) {
          twr[k] = cr;
          twi[k] = ci;
          double ncr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = ncr;
        }
        for (int i = 0; i < n; i += len) {
          for (int k = 0; k < half; k++) {
            int a = i + k, b = i + k + half;
            double tr = re[b] * twr[k] - im[b] * twi[k], ti = re[b] * twi[k] + im[b] * twr[k];
            re[b] = re[a] - tr; im[b] = im[a] - ti;
            re[a] += tr; im[a] += ti;
          }
        }
      }
    }
  }
}
