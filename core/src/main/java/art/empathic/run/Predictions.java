package art.empathic.run;

import art.empathic.eval.ArgMax;
import art.empathic.io.Csv;
import art.empathic.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code predictions.csv}: one row per test clip, header {@code path,true,predicted,p_<class>...}.
 * Labels are class names (an integer is read as an index into the classes). Fields may be
 * quoted as in RFC 4180.
 *
 * @param classes the classes, from the {@code p_} columns (or given when there are none)
 * @param probabilities one row per clip, null when the file has no {@code p_} columns
 */
public record Predictions(List<String> classes, List<String> paths, int[] yTrue, int[] yPred,
    double[][] probabilities) {

  public static final String FILE = RunFiles.PREDICTIONS;

  /**
   * Reads {@code csv}. {@code classes} is the model's class list (from spec.json); the
   * {@code p_} columns, if present, must name the same classes in the same order.
   */
  public static Predictions read(Path csv, List<String> classes) throws IOException {
    List<String> lines;
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      lines = r.lines().toList();
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(csv + ": empty file (expected a header path,true,predicted,p_...)");
    }
    List<String> header = splitCsvLine(lines.get(0), csv, 1);
    if (header.size() < 3 || !header.get(0).equals("path") || !header.get(1).equals("true")
        || !header.get(2).equals("predicted")) {
      throw new IllegalArgumentException(csv + ": header must start with path,true,predicted, got "
          + String.join(",", header));
    }
    List<String> pClasses = new ArrayList<>();
    for (String h : header.subList(3, header.size())) {
      if (!h.startsWith("p_")) {
        throw new IllegalArgumentException(csv + ": column '" + h + "' is not a p_<class> column");
      }
      pClasses.add(h.substring(2));
    }
    if (!pClasses.isEmpty() && !pClasses.equals(classes)) {
      throw new IllegalArgumentException(csv + ": probability columns " + pClasses
          + " do not match the model's classes " + classes);
    }
    int n = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        n++;
      }
    }
    List<String> paths = new ArrayList<>(n);
    int[] yTrue = new int[n];
    int[] yPred = new int[n];
    double[][] probs = pClasses.isEmpty() ? null : new double[n][];
    int row = 0;
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = splitCsvLine(lines.get(i), csv, i + 1);
      if (f.size() != header.size()) {
        throw new IllegalArgumentException(csv + ": line " + (i + 1) + " has " + f.size()
            + " fields, the header has " + header.size());
      }
      paths.add(f.get(0));
      yTrue[row] = label(f.get(1), classes, csv, i + 1);
      yPred[row] = label(f.get(2), classes, csv, i + 1);
      if (probs != null) {
        probs[row] = new double[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
          try {
            probs[row][c] = Double.parseDouble(f.get(3 + c));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ": line " + (i + 1) + ": '" + f.get(3 + c)
                + "' is not a number", e);
          }
        }
      }
      row++;
    }
    if (n == 0) {
      throw new IllegalArgumentException(csv + ": no prediction rows");
    }
    return new Predictions(List.copyOf(classes), paths, yTrue, yPred, probs);
  }

  /**
   * Writes {@code dir/predictions.csv} atomically: path, true class, predicted class (the most
   * probable), then one probability column per class ({@code p_<class>}, the float as Java
   * prints it), one row per clip. The one writer of the file: training, evaluation and fusion
   * all call it.
   */
  public static void write(Path dir, List<String> paths, List<String> trueLabels, float[][] probs,
      List<String> classes) throws IOException {
    List<String> header = new ArrayList<>(List.of("path", "true", "predicted"));
    classes.forEach(c -> header.add("p_" + c));
    StringBuilder csv = new StringBuilder(Csv.formatLine(header)).append('\n');
    for (int i = 0; i < paths.size(); i++) {
      List<String> row = new ArrayList<>(List.of(paths.get(i), trueLabels.get(i),
          classes.get(ArgMax.of(probs[i]))));
      for (float p : probs[i]) {
        row.add(Float.toString(p));
      }
      csv.append(Csv.formatLine(row)).append('\n');
    }
    AtomicFiles.write(dir.resolve(FILE), csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static int label(String s, List<String> classes, Path csv, int line) {
    int idx = classes.indexOf(s);
    if (idx >= 0) {
      return idx;
    }
    for (int i = 0; i < classes.size(); i++) {
      if (classes.get(i).toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    if (s.matches("\\d+") && Integer.parseInt(s) < classes.size()) {
      return Integer.parseInt(s);
    }
    throw new IllegalArgumentException(csv + ": line " + line + ": label '" + s
        + "' is not one of the classes " + classes);
  }

  /** Splits one CSV line ({@link Csv#parseLine}), naming the file and line if a quote is unterminated. */
  static List<String> splitCsvLine(String line, Path csv, int lineNo) {
    try {
      return Csv.parseLine(line, ',');
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(csv + ": line " + lineNo + ": unterminated quoted field", e);
    }
  }
}
