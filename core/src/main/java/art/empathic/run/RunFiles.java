package art.empathic.run;

import art.empathic.corpus.Clip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The names of the files in a run directory, and nothing else names them: every writer and
 * reader resolves a run's files through these constants (ArchitectureTest checks that no other
 * main source spells them).
 *
 * <pre>
 * RUNDIR/
 *   spec.json            what was trained and how (train.ModelSpec; reports read it as RunSpec)
 *   history.json         one entry per epoch (TrainingHistory)
 *   summary.json         the network, layer by layer (model.ModelSummary)
 *   model.params         the trained weights (model-2.params ... for ensemble members)
 *   checkpoint.ckpt      resumable training state (checkpoint-N.ckpt per ensemble member)
 *   predictions.csv      one row per test clip (Predictions)
 *   metrics.json         test metrics and the split (RunMetrics)
 *   release.json         only in a release run (--split none): its training set (ReleaseInfo)
 *   MODEL_CARD.md        only in a release run: the model card (report.ModelCard)
 *   fusion.json          only in a fused run: member runs and weights
 *   cache-keys.txt       the feature-cache groups the run's features came from (cache prune --unused keeps them)
 *   report.md/.html, confusion_matrix.png, training_curves.png   the run's report
 *   evaluations/NAME/    cross-corpus evaluations, each a run directory of its own
 * </pre>
 */
public final class RunFiles {
  public static final String SPEC = "spec.json";
  public static final String HISTORY = "history.json";
  public static final String SUMMARY = "summary.json";
  public static final String METRICS = "metrics.json";
  public static final String PREDICTIONS = "predictions.csv";
  public static final String FUSION = "fusion.json";
  /** A release run's model card (report.ModelCard). */
  public static final String MODEL_CARD = "MODEL_CARD.md";
  /**
   * The feature-cache groups a training run used, one line each: 16 hex digits, then the base
   * kind, corpus and augmentation they stand for ({@code FeaturePipeline.cacheGroups}).
   */
  public static final String CACHE_KEYS = "cache-keys.txt";
  public static final String REPORT_MARKDOWN = "report.md";
  public static final String REPORT_HTML = "report.html";
  public static final String CONFUSION_PNG = "confusion_matrix.png";
  public static final String CURVES_PNG = "training_curves.png";
  /** The folder of a run's cross-corpus evaluations. */
  public static final String EVALUATIONS = "evaluations";

  /** Files of {@code features export}'s output folder (not a run directory; its spec is a FeatureSpec). */
  public static final String EXPORT_FEATURES = "features.npy";
  public static final String EXPORT_CLIPS = "clips.csv";
  public static final String EXPORT_SPEC = SPEC;

  /** What a report of a run reads besides predictions and metrics. */
  static final List<String> DESCRIPTION = List.of(SPEC, HISTORY, SUMMARY);

  private RunFiles() {}

  /** The weights of ensemble member {@code member} (1-based): {@code model.params}, {@code model-2.params}, ... */
  public static Path modelParams(Path runDir, int member) {
    return runDir.resolve(member == 1 ? "model.params" : "model-" + member + ".params");
  }

  /** The resumable checkpoint of member {@code member} of an ensemble of {@code ensemble}. */
  public static Path checkpoint(Path runDir, int member, int ensemble) {
    return runDir.resolve(ensemble == 1 ? "checkpoint.ckpt" : "checkpoint-" + member + ".ckpt");
  }

  /**
   * Writes {@code predictions.csv} into {@code dir}; see {@link Predictions#write(Path, List, List,
   * float[][], List)}.
   */
  public static void writePredictions(Path dir, List<String> paths, List<String> trueLabels, float[][] probs,
      List<String> classes) throws IOException {
    Predictions.write(dir, paths, trueLabels, probs, classes);
  }

  /** The paths of clips, as predictions.csv records them. */
  public static List<String> paths(List<Clip> clips) {
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
}
