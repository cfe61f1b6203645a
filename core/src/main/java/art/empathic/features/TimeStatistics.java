package art.empathic.features;

import java.util.Arrays;
import java.util.List;

/** Statistics of feature rows over time, for the {@code mfcc-stats} kind. */
final class TimeStatistics {
  private TimeStatistics() {}

  /**
   * The statistics, grouped by statistic in the order given (all rows' first statistic, then
   * all rows' second, ...). {@code stacked} holds {@code baseRows} MFCC rows, then the delta
   * rows, then the delta-delta rows.
   */
  static float[] of(float[][] stacked, int baseRows, List<TimeStatistic> statistics) {
    float[] out = new float[size(statistics, baseRows)];
    float[][] sorted = new float[baseRows][];
    int at = 0;
    for (TimeStatistic stat : statistics) {
      for (int r = 0; r < baseRows; r++) {
        float[] row = stacked[stat.deltaOrder() * baseRows + r];
        if (stat == TimeStatistic.SEG3) {
          for (int k = 0; k < 3; k++) {
            // numpy.array_split's segments: the first (n % 3) get one frame more.
            // Clips of fewer than 3 frames: a third is at least one frame (the last ones repeat).
            int from = Math.min(segmentStart(row.length, k), row.length - 1);
            int to = Math.max(segmentStart(row.length, k + 1), from + 1);
            out[at + k * baseRows + r] = (float) mean(Arrays.copyOfRange(row, from, to));
          }
          continue;
        }
        out[at + r] = (float) switch (stat) {
          case MEAN, DMEAN -> mean(row);
          case STD, DSTD, D2STD -> std(row);
          case MIN -> sorted(sorted, r, row)[0];
          case MAX -> sorted(sorted, r, row)[row.length - 1];
          case MEDIAN -> percentile(sorted(sorted, r, row), 50);
          case P10 -> percentile(sorted(sorted, r, row), 10);
          case P90 -> percentile(sorted(sorted, r, row), 90);
          case SEG3 -> throw new AssertionError("handled above");
        };
      }
      at += stat.valuesPerRow() * baseRows;
    }
    return out;
  }

  /** Values for {@code baseRows} MFCC rows. */
  static int size(List<TimeStatistic> statistics, int baseRows) {
    return statistics.stream().mapToInt(TimeStatistic::valuesPerRow).sum() * baseRows;
  }

  /** Start of segment k of 3 over n frames, as numpy.array_split cuts (a frame per segment at least). */
  static int segmentStart(int n, int k) {
    int base = n / 3;
    int extra = n % 3;
    return k * base + Math.min(k, extra);
  }

  /** The MFCC row sorted once, on first use. */
  private static float[] sorted(float[][] cache, int r, float[] row) {
    if (cache[r] == null) {
      cache[r] = row.clone();
      Arrays.sort(cache[r]);
    }
    return cache[r];
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
