package art.empathic.recognize;

import art.empathic.corpus.DataLocator;
import art.empathic.run.RunMetrics;
import art.empathic.train.ModelSpec;
import art.empathic.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model used when no {@code --model} is given:
 *
 * <ol>
 *   <li>{@code EMPATHIC_ART_MODEL}, if set, names the run directory;
 *   <li>otherwise, among finished runs (spec.json, model parameters or fusion.json, and metrics.json) found up
 *       to four levels below the runs folder ({@code EMPATHIC_ART_RUNS}, default {@code runs/}
 *       in the project), the one with the highest test accuracy; runs within 0.5 percentage
 *       points of the best count as equal and the most recently finished of them wins.
 * </ol>
 */
public final class DefaultModel {
  static final String MODEL_ENV = "EMPATHIC_ART_MODEL";
  static final String RUNS_ENV = "EMPATHIC_ART_RUNS";
  private static final double TIE = 0.005;

  private DefaultModel() {}

  record Candidate(Path dir, double accuracy, FileTime finished) {}

  /** System property that overrides the runs folder (tests point it at an empty folder). */
  public static final String RUNS_PROPERTY = "empathic.art.runs";

  static Path runsFolder() {
    String property = System.getProperty(RUNS_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv(RUNS_ENV);
    return env != null && !env.isBlank() ? Path.of(env) : DataLocator.projectRoot().resolve("runs");
  }

  /**
   * The default model's run directory: {@code $EMPATHIC_ART_MODEL} if set, else the best
   * finished run found under the runs folder.
   *
   * @throws ModelUnavailableException if there is none; the message says how to train one
   */
  public static Path find() throws IOException {
    String env = System.getenv(MODEL_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path runs = runsFolder();
    return best(runs).orElseThrow(() -> new ModelUnavailableException("no trained model: found no finished run under "
        + runs + "; train one (./empathic-art train --model mlp, or ./empathic-art demo) or pass --model RUNDIR"));
  }

  static Optional<Path> best(Path runs) throws IOException {
    if (!Files.isDirectory(runs)) {
      return Optional.empty();
    }
    List<Candidate> candidates = new ArrayList<>();
    try (Stream<Path> dirs = Files.find(runs, 4, (p, a) -> a.isDirectory())) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        Path metrics = d.resolve(RunMetrics.FILE);
        if (Files.exists(metrics) && Files.exists(d.resolve(ModelSpec.FILE))
            && (Files.exists(SavedModel.parametersFile(d, 1)) || Fusion.isFused(d))) {
          try {
            candidates.add(new Candidate(d, RunMetrics.read(d).accuracy(), Files.getLastModifiedTime(metrics)));
          } catch (IOException | RuntimeException unreadable) {
            // A damaged run is not a candidate; `compare` names such runs.
          }
        }
      }
    }
    double top = candidates.stream().mapToDouble(Candidate::accuracy).max().orElse(Double.NaN);
    return candidates.stream().filter(c -> c.accuracy() >= top - TIE)
        .max(Comparator.comparing(Candidate::finished)).map(Candidate::dir);
  }
}
