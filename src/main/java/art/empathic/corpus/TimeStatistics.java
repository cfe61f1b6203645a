package art.empathic.corpus;

import java.util.Arrays;

/** Statistics of feature rows over time, for the {@code mfcc-stats} kind. */
final class TimeStatistics {
  private TimeStatistics() {}

  /**
   * Means, standard deviations, 10th and 90th percentiles of the first {@code baseRows} rows,
   * then the standard deviations of the remaining (delta) rows.
   */
  static float[] of(float[][] stacked, int baseRows) {
    int deltaRows = stacked.length - baseRows;
    float[] out = new float[4 * baseRows + deltaRows];
    for (int r = 0; r < baseRows; r++) {
      float[] row = stacked[r];
      out[r] = (float) mean(row);
      out[baseRows + r] = (float) std(row);
      float[] sorted = row.clone();
      Arrays.sort(sorted);
      out[2 * baseRows + r] = (float) percentile(sorted, 10);
      out[3 * baseRows + r] = (float) percentile(sorted, 90);
    }
    for (int r = 0; r < deltaRows; r++) {
      out[4 * baseRows + r] = (float) std(stacked[baseRows + r]);
    }
    return out;
  }

  static double mean(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Population standard deviation (numpy's default, ddof=0). */
  static double std(float[] v) {
    double m = mean(v);
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / v.length);
  }

  /** numpy.percentile's default ("linear") interpolation on sorted values. */
  static double percentile(float[] sorted, double q) {
    double pos = (sorted.length - 1) * q / 100.0;
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
