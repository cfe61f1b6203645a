package art.empathic.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * scikit-learn's {@code classification_report} text, character for character: a header of
 * precision / recall / f1-score / support, one row per class, a blank line, then "accuracy"
 * (or "micro avg" when the classes evaluated are not exactly those seen), "macro avg" and
 * "weighted avg". Equals {@code classification_report(y_true, y_pred, labels=evaluated,
 * target_names=names, digits=digits)}.
 */
public final class ClassificationReport {
  private static final String LONGEST_LAST_LINE_HEADING = "weighted avg";
  private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};

  private ClassificationReport() {}

  /** The report with the evaluated classes' own names and two decimals. */
  public static String format(ClassificationMetrics m) {
    return format(m, m.evaluatedClasses(), 2);
  }

  /**
   * The report with {@code targetNames} (one per evaluated class, in order) and {@code digits}
   * decimals.
   */
  public static String format(ClassificationMetrics m, List<String> targetNames, int digits) {
    List<String> evaluated = m.evaluatedClasses();
    if (targetNames.size() != evaluated.size()) {
      throw new IllegalArgumentException("number of classes, " + evaluated.size()
          + ", does not match number of target names, " + targetNames.size());
    }
    if (digits < 0) {
      throw new IllegalArgumentException("digits must be >= 0, got " + digits);
    }
    int width = Math.max(LONGEST_LAST_LINE_HEADING.length(), digits);
    for (String name : targetNames) {
      width = Math.max(width, codePoints(name));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(padLeft("", width)).append(' ');
    for (String h : HEADERS) {
      sb.append(' ').append(padLeft(h, 9));
    }
    sb.append("\n\n");
    long supportTotal = 0;
    for (int j = 0; j < evaluated.size(); j++) {
      PerClassMetrics pc = m.perClass().get(evaluated.get(j));
      row(sb, targetNames.get(j), width, digits, pc.precision(), pc.recall(), pc.f1(), pc.support());
      supportTotal += pc.support();
    }
    sb.append('\n');
    if (m.microIsAccuracy()) {
      sb.append(padLeft("accuracy", width)).append(' ')
          .append(' ').append(padLeft("", 9))
          .append(' ').append(padLeft("", 9))
          .append(' ').append(padLeft(fixed(m.f1Micro(), digits), 9))
          .append(' ').append(padLeft(Long.toString(supportTotal), 9)).append('\n');
    } else {
      row(sb, "micro avg", width, digits, m.precisionMicro(), m.recallMicro(), m.f1Micro(), supportTotal);
    }
    row(sb, "macro avg", width, digits, m.precisionMacro(), m.recallMacro(), m.f1Macro(), supportTotal);
    row(sb, "weighted avg", width, digits, m.precisionWeighted(), m.recallWeighted(),
        m.f1Weighted(), supportTotal);
    return sb.toString();
  }

  private static void row(StringBuilder sb, String heading, int width, int digits,
      double p, double r, double f, long support) {
    sb.append(padLeft(heading, width)).append(' ');
    for (double v : new double[] {p, r, f}) {
      sb.append(' ').append(padLeft(fixed(v, digits), 9));
    }
    sb.append(' ').append(padLeft(Long.toString(support), 9)).append('\n');
  }

  /**
   * Python's {@code format(v, '.Nf')}: the exact binary value rounded half to even. Java's
   * {@code %.2f} rounds the shortest decimal form half up, which prints 0.125 as "0.13" where
   * Python prints "0.12".
   */
  static String fixed(double v, int digits) {
    return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Right-aligns to a width counted in code points, as Python's str.format does. */
  static String padLeft(String s, int width) {
    int len = codePoints(s);
    return len >= width ? s : " ".repeat(width - len) + s;
  }

  private static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }
}
