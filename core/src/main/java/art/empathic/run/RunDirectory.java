package art.empathic.run;

import art.empathic.corpus.Protocol;
import art.empathic.io.Json;
import art.empathic.model.ModelFamily;
import art.empathic.model.ModelSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of one run directory that reports read: {@code spec.json}, {@code history.json},
 * {@code summary.json}, {@code metrics.json}. Any may be missing (an unfinished run has no
 * metrics); a present file that is malformed is an error naming the file.
 */
public record RunDirectory(Path dir, RunSpec spec, TrainingHistory history, ModelSummary summary,
    RunMetrics metrics) {

  /** Loads {@code dir}; it must hold at least {@code spec.json} or {@code metrics.json}. */
  public static RunDirectory load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    if (!isRunDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a run directory (no " + RunSpec.FILE
          + " or " + RunMetrics.FILE + ")");
    }
    RunSpec spec = Files.exists(dir.resolve(RunSpec.FILE)) ? RunSpec.read(dir) : null;
    TrainingHistory history = Files.exists(dir.resolve(TrainingHistory.FILE)) ? TrainingHistory.read(dir) : null;
    ModelSummary summary = Files.exists(dir.resolve(RunFiles.SUMMARY)) ? readSummary(dir) : null;
    RunMetrics metrics = Files.exists(dir.resolve(RunMetrics.FILE)) ? RunMetrics.read(dir) : null;
    return new RunDirectory(dir, spec, history, summary, metrics);
  }

  /** Reads {@code summary.json} of {@code dir}. */
  public static ModelSummary readSummary(Path dir) throws IOException {
    return Json.read(dir.resolve(RunFiles.SUMMARY), ModelSummary.class);
  }

  /** Whether {@code dir} looks like a run directory. */
  public static boolean isRunDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(RunSpec.FILE)) || Files.isRegularFile(dir.resolve(RunMetrics.FILE));
  }

  /**
   * The run directories an argument names: the directory itself if it is one, else its
   * immediate subdirectories that are (sorted by name), so {@code compare runs/} works.
   */
  public static List<Path> expand(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    if (isRunDirectory(dir)) {
      return List.of(dir);
    }
    List<Path> out = new ArrayList<>();
    // Runs may be grouped in folders (e.g. random/seed-42/mlp); a run's own sub-folders
    // (evaluations/...) belong to it and are not listed.
    try (var s = Files.walk(dir, MAX_DEPTH)) {
      s.filter(p -> !p.equals(dir) && Files.isDirectory(p) && isRunDirectory(p))
          .filter(p -> !insideAnotherRun(dir, p)).sorted().forEach(out::add);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(dir + ": neither a run directory nor a folder of run"
          + " directories (no " + RunSpec.FILE + " or " + RunMetrics.FILE + ")");
    }
    return out;
  }

  /** How deep below a folder runs are looked for. */
  static final int MAX_DEPTH = 4;

  private static boolean insideAnotherRun(Path root, Path run) {
    for (Path p = run.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (isRunDirectory(p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether training finished and the run was evaluated. */
  public boolean finished() {
    return metrics != null;
  }

  /** The model family, e.g. {@code cnn_lstm_paper}. */
  public String model() {
    return spec != null && spec.model() != null ? spec.model()
        : metrics != null && metrics.model() != null ? metrics.model() : "unknown";
  }

  /** The configuration's human name, e.g. "MLP (alpha 0.01)". */
  public String displayName() {
    if (spec != null && spec.displayName() != null) {
      return spec.displayName();
    }
    if (metrics != null && metrics.displayName() != null) {
      return metrics.displayName();
    }
    return ModelFamily.byCliName(model()).map(ModelFamily::title).orElse(model());
  }

  /** The input feature's description. */
  public String featureName() {
    if (spec != null && spec.featureName() != null) {
      return spec.featureName();
    }
    if (metrics != null && metrics.featureText() != null) {
      return metrics.featureText();
    }
    return spec != null && spec.feature() != null ? spec.feature().toString() : "unknown";
  }

  /** The run's protocol ({@link Protocol#RANDOM} when the run has no split record). */
  public Protocol protocol() {
    return metrics != null && metrics.split() != null ? metrics.split().protocolKind() : Protocol.RANDOM;
  }

  /** The epochs the run was configured for ({@code hyperparameters.epochs}), if recorded. */
  public Optional<Integer> plannedEpochs() {
    return spec == null ? Optional.empty() : spec.hyperparameter("epochs").map(Double::intValue);
  }

  /** The epochs trained: from metrics.json, else the history's length. */
  public int epochsRun() {
    if (metrics != null && metrics.epochs() != null) {
      return metrics.epochs();
    }
    return history == null ? 0 : history.epochs().size();
  }

  /** The seed: from the split record, else the spec. */
  public Optional<Long> seed() {
    if (metrics != null && metrics.split() != null && metrics.split().seed() != null) {
      return Optional.of(metrics.split().seed());
    }
    return spec == null ? Optional.empty() : Optional.ofNullable(spec.seed());
  }

  /** The fold number (speaker protocol), if any. */
  public Optional<Integer> fold() {
    return metrics == null || metrics.split() == null ? Optional.empty() : Optional.ofNullable(metrics.split().fold());
  }

  /** The directory's name, used to label the run. */
  public String name() {
    Path f = dir.toAbsolutePath().normalize().getFileName();
    return f == null ? dir.toString() : f.toString();
  }
}
