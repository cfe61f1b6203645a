package art.empathic.audio;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Band-limited sample-rate conversion between any two integer rates: windowed-sinc interpolation
 * (Smith's bandlimited interpolation, as in resampy) with the parameters of resampy's original
 * {@code kaiser_best} filter: 64 zero crossings each side, a Kaiser window with beta 14.7697 and a
 * cut-off at 0.9476 of the lower Nyquist frequency (stop band attenuation well beyond 100 dB).
 *
 * <p>Output sample {@code k} is the band-limited input evaluated at input time {@code k * from /
 * to}, so both signals start at the same instant (no delay). The ratio is reduced by the gcd of
 * the two rates to {@code L/M}; output sample positions are exact fractions {@code p/L} of an input
 * sample, and for each of the {@code L} phases the filter taps are computed exactly once and kept
 * in a polyphase table cached per rate pair. Only when such a table would be unreasonably large
 * (co-prime rates such as 44101 to 16000) are taps interpolated from a finely sampled filter (4096
 * points per zero crossing, error below 1e-7), as resampy always does. Samples outside the input
 * are taken as zero.
 *
 * <p>The output length is librosa's: {@code ceil(n * (to / from))} computed in double precision,
 * exactly as {@code librosa.resample} does ({@code int(np.ceil(n * ratio))} with {@code ratio =
 * float(target_sr) / orig_sr}, then {@code fix_length}).
 */
public final class Resampler {
  /** Zero crossings of the sinc kept on each side of the centre. */
  static final int ZERO_CROSSINGS = 64;
  /** Kaiser window shape of resampy's original kaiser_best filter. */
  static final double KAISER_BETA = 14.769656459379492;
  /** Cut-off as a fraction of the lower of the two Nyquist frequencies. */
  static final double ROLLOFF = 0.9475937167399596;

  /** Exact polyphase tables larger than this many floats (8 MiB) give way to interpolation. */
  private static final long MAX_TABLE_FLOATS = 1L << 21;
  /** Samples per zero crossing of the finely sampled filter used for interpolation. */
  private static final int FINE_STEPS = 4096;
  /**
   * Polyphase tables kept, least recently used dropped first, up to this many floats in all
   * (160 MiB). Big enough for every ratio the augmentation's speed range 0.8-1.2 can draw (401
   * ratios of n/1000, 122 MB in all): a table of a co-prime ratio such as 1037/1000 has 1000
   * phases and takes about 16 ms to build, 1.6 times the whole voice matrix of a clip, while
   * resampling the clip with it takes under 1 ms. With 16 tables kept, as before, nearly every
   * copy rebuilt its table.
   */
  private static final long MAX_CACHED_FLOATS = 40L << 20;
  /** Filters kept at most (those that interpolate have no table but are counted here). */
  private static final int MAX_CACHED_FILTERS = 1024;

  private static final Map<Long, PolyphaseFilter> CACHE = new LinkedHashMap<>(64, 0.75f, true);
  private static long cachedFloats; // guarded by CACHE

  private static float[] fineFilter; // g(u) for u = 0, 1/FINE_STEPS, ..., ZERO_CROSSINGS; lazily

  private Resampler() {}

  /**
   * Resamples {@code samples} from {@code fromRate} to {@code toRate} Hz. Returns a copy when the
   * rates are equal. The input is not modified.
   *
   * @throws IllegalArgumentException if a rate is not positive or the output would not fit an array
   */
  public static float[] resample(float[] samples, int fromRate, int toRate) {
    int outLength = outputLength(samples.length, fromRate, toRate);
    if (fromRate == toRate) {
      return samples.clone();
    }
    return filterFor(fromRate, toRate).apply(samples, outLength);
  }

  /** Resamples audio to {@code toRate}; audio already at that rate is returned as it is. */
  public static Audio resample(Audio audio, int toRate) {
    return audio.sampleRate() == toRate ? audio : new Audio(resample(audio.samples(), audio.sampleRate(), toRate), toRate);
  }

  /** librosa's output length: {@code ceil(n * (toRate / (double) fromRate))}. */
  public static int outputLength(int n, int fromRate, int toRate) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive, got " + fromRate + " and " + toRate);
    }
    double length = Math.ceil(n * ((double) toRate / fromRate));
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "resampling " + n + " samples from " + fromRate + " to " + toRate + " Hz gives too many samples");
    }
    return (int) length;
  }

  private static PolyphaseFilter filterFor(int fromRate, int toRate) {
    long key = (long) fromRate << 32 | toRate;
    synchronized (CACHE) {
      PolyphaseFilter filter = CACHE.get(key);
      if (filter != null) {
        return filter;
      }
    }
    // Built outside the lock so that other threads' resampling does not wait for it; two threads
    // building the same table make equal ones and the first stored is kept.
    PolyphaseFilter built = new PolyphaseFilter(fromRate, toRate);
    synchronized (CACHE) {
      PolyphaseFilter filter = CACHE.get(key);
      if (filter != null) {
        return filter;
      }
      CACHE.put(key, built);
      cachedFloats += built.floats();
      for (var eldest = CACHE.entrySet().iterator(); (cachedFloats > MAX_CACHED_FLOATS || CACHE.size() > MAX_CACHED_FILTERS)
          && CACHE.size() > 1;  ) {
        cachedFloats -= eldest.next().getValue().floats();
        eldest.remove();
      }
      return built;
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The filter for one rate pair. For output position {@code n + p/L} (input sample n, phase p)
   * the taps cover input samples {@code n - K + 1 ... n + K}, tap t weighing input {@code n - K + 1
   * + t} by {@code h(p/L - (t - K + 1))}.
   */
  private static final class PolyphaseFilter {
    private final int up; // L: output samples per ...
    private final int down; // M: ... input samples
    private final double scale; // min(1, L/M): stretches the filter when downsampling
    private final int halfTaps; // K
    private final float[] table; // L x 2K exact taps, or null when interpolating

    PolyphaseFilter(int fromRate, int toRate) {
      int g = gcd(fromRate, toRate);
      up = toRate / g;
      down = fromRate / g;
      scale = Math.min(1.0, (double) up / down);
      halfTaps = (int) Math.floor(ZERO_CROSSINGS / scale) + 1;
      int taps = 2 * halfTaps;
      if ((long) up * taps <= MAX_TABLE_FLOATS) {
        table = new float[up * taps];
        for (int p = 0; p < up; p++) {
          for (int t = 0; t < taps; t++) {
            table[p * taps + t] = (float) exactTap(p, t);
          }
        }
      } else {
        table = null;
      }
    }

    /** Floats this filter keeps (its exact table, or none when interpolating). */
    long floats() {
      return table == null ? 0 : table.length;
    }

    /** h(tau) = s * g(s * tau) with g the windowed sinc in units of zero crossings. */
    private double exactTap(int phase, int t) {
      double tau = (double) phase / up - (t - halfTaps + 1);
      return scale * windowedSinc(Math.abs(scale * tau));
    }

    private void interpolatedTaps(int phase, float[] out) {
      float[] fine = fineFilter();
      for (int t = 0; t < out.length; t++) {
        double tau = (double) phase / up - (t - halfTaps + 1);
        double u = Math.abs(scale * tau) * FINE_STEPS;
        int i = (int) u;
        if (i >= fine.length - 1) {
          out[t] = 0f;
        } else {
          double frac = u - i;
          out[t] = (float) (scale * (fine[i] + frac * (fine[i + 1] - fine[i])));
        }
      }
    }

    float[] apply(float[] x, int outLength) {
      int taps = 2 * halfTaps;
      float[] y = new float[outLength];
      float[] scratch = table == null ? new float[taps] : null;
      long n = 0; // input sample at or before the output position
      int p = 0; // phase: the position is n + p / up
      int wholeStep = down / up;
      int phaseStep = down % up;
      for (int k = 0; k < outLength; k++) {
        float[] coefficients;
        int offset;
        if (table != null) {
          coefficients = table;
          offset = p * taps;
        } else {
          interpolatedTaps(p, scratch);
          coefficients = scratch;
          offset = 0;
        }
        long start = n - halfTaps + 1;
        int from = (int) Math.max(0, -start);
        int to = (int) Math.min(taps, x.length - start);
        y[k] = from < to ? (float) dot(coefficients, offset + from, x, (int) (start + from), to - from) : 0f;
        n += wholeStep;
        p += phaseStep;
        if (p >= up) {
          p -= up;
          n++;
        }
      }
      return y;
    }
  }

  /** Four independent sums keep the multiply-adds from waiting on each other. */
  private static double dot(float[] a, int aOff, float[] b, int bOff, int len) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += a[aOff + i] * b[bOff + i];
      s1 += a[aOff + i + 1] * b[bOff + i + 1];
      s2 += a[aOff + i + 2] * b[bOff + i + 2];
      s3 += a[aOff + i + 3] * b[bOff + i + 3];
    }
    for (; i < len; i++) {
      s0 += a[aOff + i] * b[bOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * The prototype low-pass in units of zero crossings: {@code r sinc(r u) w(u / Z)} for {@code |u|
   * <= Z}, with r the roll-off, Z the zero crossings and w the Kaiser window.
   */
  static double windowedSinc(double u) {
    if (u >= ZERO_CROSSINGS) {
      return 0;
    }
    double ru = ROLLOFF * u;
    double sinc = ru == 0 ? 1 : Math.sin(Math.PI * ru) / (Math.PI * ru);
    double w = u / ZERO_CROSSINGS;
    return ROLLOFF * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - w * w)) / BESSEL_I0_BETA;
  }

  private static final double BESSEL_I0_BETA = besselI0(KAISER_BETA);

  /** Modified Bessel function of the first kind, order 0, by its power series. */
  static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 500; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }

  private static synchronized float[] fineFilter() {
    if (fineFilter == null) {
      float[] fine = new float[ZERO_CROSSINGS * FINE_STEPS + 2];
      for (int i = 0; i < fine.length; i++) {
        fine[i] = (float) windowedSinc(i / (double) FINE_STEPS);
      }
      fineFilter = fine;
    }
    return fineFilter;
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
