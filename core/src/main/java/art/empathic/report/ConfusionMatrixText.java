package art.empathic.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The confusion matrix as a table with class names: rows true, columns predicted. */
public final class ConfusionMatrixText {
  /** Heading of the corner cell. */
  public static final String CORNER = "True \\ Predicted";

  private ConfusionMatrixText() {}

  public static Table table(List<String> classes, int[][] counts) {
    if (counts.length != classes.size()) {
      throw new IllegalArgumentException("confusion matrix has " + counts.length + " rows for "
          + classes.size() + " classes");
    }
    List<String> headers = new ArrayList<>();
    headers.add(CORNER);
    headers.addAll(classes);
    List<Boolean> numeric = new ArrayList<>();
    numeric.add(false);
    numeric.addAll(Collections.nCopies(classes.size(), true));
    List<List<String>> rows = new ArrayList<>();
    for (int t = 0; t < classes.size(); t++) {
      List<String> row = new ArrayList<>();
      row.add(classes.get(t));
      for (int p = 0; p < classes.size(); p++) {
        row.add(Integer.toString(counts[t][p]));
      }
      rows.add(row);
    }
    return new Table(headers, numeric, rows);
  }

  /** Aligned text, for terminals and logs. */
  public static String format(List<String> classes, int[][] counts) {
    return table(classes, counts).toText();
  }
}
