package art.empathic.features.dsp;

import java.util.Arrays;

/**
 * Utterance functionals in the spirit of eGeMAPS, from a {@link VoiceFrames} matrix: statistics
 * over the frames whose energy is within {@link #ACTIVE_RANGE_DB} of the clip's loudest frame
 * (so pauses and leading silence do not count). Five statistics per row, in this order: mean,
 * standard deviation (ddof 0), 10th and 90th percentile (numpy's linear interpolation) and the
 * standard deviation of the row's delta ({@code librosa.feature.delta}, width 9, on the whole
 * clip, then restricted to the same frames; 0 for clips under 9 frames).
 *
 * <p>Layout, {@code 5 * (nMels + nMfcc + 4) + 2} values:
 * <ol>
 *   <li>log-mel rows with the clip's mean log-mel level removed (one scalar over the active
 *       frames and all bands: a per-utterance normalisation that makes them gain-invariant);
 *   <li>MFCC rows;
 *   <li>F0 in semitones over voiced active frames only (its delta taken along the voiced
 *       frames in order), aperiodicity, energy in dB relative to the loudest frame, spectral
 *       slope;
 *   <li>the voiced share of the active frames and the active share of all frames.
 * </ol>
 * A clip with no voiced frame gets zeros for its F0 statistics.
 *
 * <p>{@link #aboveNoise} also leaves out the frames less than {@link #NOISE_MARGIN_DB} above the
 * clip's noise floor (the {@link #NOISE_FLOOR_PERCENTILE}th percentile of its frame energies).
 * Noise at 20 dB SNR lifts a clip's pauses to within 40 dB of its loudest frame, so the plain
 * rule counts every frame of a noisy clip as speech and every statistic moves; above the floor,
 * the pauses stay out (docs/research/ROBUSTNESS.md).
 *
 * <p>{@link #robust} is the view the channel-robust kind uses: {@link #aboveNoise}, with the five
 * statistics of every log-mel band centred outside the telephone band ({@link #PHONE_LOW_HZ} to
 * {@link #PHONE_HIGH_HZ}) and the active share set to 0, in the same layout. A telephone line
 * removes those bands, white noise swamps the quiet high ones, and noise or a pause-free clip
 * moves the active share, so a model is better off never learning from them.
 */
public final class Functionals {
  /** Frames quieter than the loudest by more than this are left out. */
  public static final double ACTIVE_RANGE_DB = 40.0;
  /** Statistics per row. */
  public static final int STATISTICS = 5;
  private static final int DELTA_WIDTH = 9;
  /** The noise floor of {@link #aboveNoise}: this percentile of the clip's frame energies. */
  public static final double NOISE_FLOOR_PERCENTILE = 10;
  /** {@link #aboveNoise} keeps frames at least this far above the noise floor, in dB. */
  public static final double NOISE_MARGIN_DB = 10;
  /** {@link #robust} keeps the log-mel bands centred from this frequency (Hz) ... */
  public static final double PHONE_LOW_HZ = 300;
  /** ... to this one: the narrow-band telephone band. */
  public static final double PHONE_HIGH_HZ = 3400;

  private Functionals() {}

  /** Values per clip for a configuration. */
  public static int size(MfccConfig c) {
    return STATISTICS * VoiceFrames.rows(c) + 2;
  }

  /** The functionals of one clip's {@link VoiceFrames} matrix. */
  public static float[] of(float[][] frames, MfccConfig c) {
    return of(frames, c, false);
  }

  /**
   * As {@link #of}, over the frames that are also at least {@link #NOISE_MARGIN_DB} above the
   * clip's noise floor (the loudest frame always counts).
   */
  public static float[] aboveNoise(float[][] frames, MfccConfig c) {
    return of(frames, c, true);
  }

  /**
   * {@link #aboveNoise} with the log-mel bands centred outside {@link #PHONE_LOW_HZ}-{@link #PHONE_HIGH_HZ}
   * and the active share left out (0), in the layout of {@link #of}.
   */
  public static float[] robust(float[][] frames, MfccConfig c) {
    float[] out = of(frames, c, true);
    double[] mels = MelFilterbank.melFrequencies(c.nMels() + 2, c.fmin(), c.fmax());
    for (int m = 0; m < c.nMels(); m++) {
      double centre = mels[m + 1];
      if (centre < PHONE_LOW_HZ || centre > PHONE_HIGH_HZ) {
        java.util.Arrays.fill(out, m * STATISTICS, (m + 1) * STATISTICS, 0f);
      }
    }
    out[out.length - 1] = 0f;
    return out;
  }

  private static float[] of(float[][] frames, MfccConfig c, boolean aboveNoiseFloor) {
    int rows = VoiceFrames.rows(c);
    if (frames.length != rows) {
      throw new IllegalArgumentException("functionals: expected " + rows + " rows, got " + frames.length);
    }
    int n = frames[0].length;
    int f0Row = VoiceFrames.f0Row(c);
    int energyRow = f0Row + 2;
    float loudest = Float.NEGATIVE_INFINITY;
    for (float v : frames[energyRow]) {
      loudest = Math.max(loudest, v);
    }
    double threshold = loudest - ACTIVE_RANGE_DB;
    if (aboveNoiseFloor) {
      double[] energy = new double[n];
      for (int t = 0; t < n; t++) {
        energy[t] = frames[energyRow][t];
      }
      Arrays.sort(energy);
      // Capped at the loudest frame, so a steady clip (a tone, pure noise) keeps at least one frame.
      threshold = Math.max(threshold, Math.min(loudest, percentile(energy, NOISE_FLOOR_PERCENTILE) + NOISE_MARGIN_DB));
    }
    boolean[] active = new boolean[n];
    int activeCount = 0;
    for (int t = 0; t < n; t++) {
      active[t] = frames[energyRow][t] >= threshold;
      activeCount += active[t] ? 1 : 0;
    }
    float[][] deltas = n >= DELTA_WIDTH ? SavitzkyGolay.delta(frames, DELTA_WIDTH, 1) : null;
    float[] out = new float[size(c)];
    int k = 0;
    // Log-mel, less the clip's mean level over the active frames.
    double level = 0;
    for (int m = 0; m < c.nMels(); m++) {
      for (int t = 0; t < n; t++) {
        level += active[t] ? frames[m][t] : 0;
      }
    }
    level /= (double) activeCount * c.nMels();
    for (int r = 0; r < rows; r++) {
      if (r == f0Row) {
        k = pitch(frames[r], active, out, k);
        continue;
      }
      double shift = r < c.nMels() ? level : r == energyRow ? loudest : 0;
      double[] v = select(frames[r], active, activeCount, shift);
      double[] d = deltas == null ? null : select(deltas[r], active, activeCount, 0);
      k = put(out, k, v, d);
    }
    int voiced = 0;
    for (int t = 0; t < n; t++) {
      voiced += active[t] && frames[f0Row][t] > 0 ? 1 : 0;
    }
    out[k++] = (float) voiced / activeCount;
    out[k++] = (float) activeCount / n;
    return out;
  }

  private static int pitch(float[] f0, boolean[] active, float[] out, int k) {
    int count = 0;
    for (int t = 0; t < f0.length; t++) {
      count += active[t] && f0[t] > 0 ? 1 : 0;
    }
    if (count == 0) {
      return k + STATISTICS;
    }
    double[] v = new double[count];
    int i = 0;
    for (int t = 0; t < f0.length; t++) {
      if (active[t] && f0[t] > 0) {
        v[i++] = f0[t];
      }
    }
    double[] d = new double[Math.max(0, count - 1)];
    for (int j = 1; j < count; j++) {
      d[j - 1] = v[j] - v[j - 1];
    }
    return put(out, k, v, d.length == 0 ? null : d);
  }

  private static double[] select(float[] row, boolean[] active, int count, double shift) {
    double[] v = new double[count];
    int i = 0;
    for (int t = 0; t < row.length; t++) {
      if (active[t]) {
        v[i++] = row[t] - shift;
      }
    }
    return v;
  }

  private static int put(float[] out, int k, double[] v, double[] delta) {
    double mean = mean(v);
    out[k++] = (float) mean;
    out[k++] = (float) std(v, mean);
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    out[k++] = (float) percentile(sorted, 10);
    out[k++] = (float) percentile(sorted, 90);
    out[k++] = delta == null ? 0f : (float) std(delta, mean(delta));
    return k;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double std(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return Math.sqrt(s / v.length);
  }

  /** numpy.percentile with linear interpolation on sorted values. */
  static double percentile(double[] sorted, double q) {
    double pos = q / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
