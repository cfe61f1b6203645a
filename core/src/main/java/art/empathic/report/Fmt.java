package art.empathic.report;

import java.util.List;
import java.util.Locale;

/** Number formats the reports share. */
final class Fmt {
  static final String NONE = "—";

  private Fmt() {}

  /** 0.8012 -> "80.1%". */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }

  /** Three decimals, or a dash for null. */
  static String decimal(Double v) {
    return v == null || v.isNaN() ? NONE : String.format(Locale.ROOT, "%.3f", v);
  }

  /** 12.34 -> "12.3 s", 95 -> "1.6 min", 4000 -> "1 h 07 min". */
  static String duration(Double seconds) {
    if (seconds == null || seconds.isNaN()) {
      return NONE;
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }
    long min = Math.round(seconds / 60);
    return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
  }

  static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).sum() / xs.size();
  }

  /** Sample standard deviation (n - 1); NaN for fewer than two values. */
  static double std(List<Double> xs) {
    if (xs.size() < 2) {
      return Double.NaN;
    }
    double m = mean(xs);
    double ss = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
    return Math.sqrt(ss / (xs.size() - 1));
  }

  /** "47.0%" for one value, "49.5% ± 3.5" (percentage points) for several. */
  static String percentMeanStd(List<Double> xs) {
    if (xs.size() == 1) {
      return percent(xs.get(0));
    }
    return percent(mean(xs)) + String.format(Locale.ROOT, " ± %.1f", 100 * std(xs));
  }

  /** "0.471" for one value, "0.495 ± 0.035" for several. */
  static String decimalMeanStd(List<Double> xs) {
    if (xs.size() == 1) {
      return decimal(xs.get(0));
    }
    return decimal(mean(xs)) + " ± " + decimal(std(xs));
  }
}
