package art.empathic.run;

import art.empathic.io.AtomicFiles;
import art.empathic.io.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Files of a run directory that training and evaluation both write. */
public final class RunFiles {
  static final String PREDICTIONS = "predictions.csv";
  /** What a report of a run reads besides predictions and metrics. */
  static final List<String> DESCRIPTION = List.of("spec.json", TrainingHistory.FILE, ModelSummary.FILE);

  private RunFiles() {}

  /**
   * Writes {@code predictions.csv}: path, true class, predicted class, then one probability
   * column per class ({@code p_<class>}), one row per clip.
   */
  public static void writePredictions(Path dir, List<String> paths, List<String> trueLabels, float[][] probs,
      List<String> classes) throws IOException {
    List<String> header = new ArrayList<>(List.of("path", "true", "predicted"));
    classes.forEach(c -> header.add("p_" + c));
    StringBuilder csv = new StringBuilder(Csv.formatLine(header)).append('\n');
    for (int i = 0; i < paths.size(); i++) {
      List<String> row = new ArrayList<>(List.of(paths.get(i), trueLabels.get(i),
          classes.get(argMax(probs[i]))));
      for (float p : probs[i]) {
        row.add(Float.toString(p));
      }
      csv.append(Csv.formatLine(row)).append('\n');
    }
    AtomicFiles.write(dir.resolve(PREDICTIONS), csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The paths of clips, as predictions.csv records them. */
  public static List<String> paths(List<art.empathic.corpus.Clip> clips) {
    return clips.stream().map(c -> c.path().toString()).toList();
  }

  /** Copies the files that describe a run (spec, history, summary) into another directory. */
  public static void copyDescription(Path runDir, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : DESCRIPTION) {
      Path from = runDir.resolve(name);
      if (Files.exists(from)) {
        Files.copy(from, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  public static int argMax(float[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}

