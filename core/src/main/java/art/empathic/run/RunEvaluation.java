package art.empathic.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import art.empathic.eval.ClassificationMetrics;

/**
 * Turns a trained run's predictions into its {@code metrics.json}: reads {@code spec.json}
 * (classes, model, feature) and {@code predictions.csv}, computes {@link ClassificationMetrics}
 * and writes {@link RunMetrics} atomically.
 */
public final class RunEvaluation {
  private RunEvaluation() {}

  /**
   * Computes and writes {@code runDir/metrics.json} from the run's own test predictions.
   *
   * @param split how the clips were split (protocol, seed, fold, speakers, sizes)
   * @param epochs epochs trained
   * @param trainingSeconds wall time of the training loop alone
   */
  public static RunMetrics writeMetrics(Path runDir, SplitInfo split, int epochs,
      double trainingSeconds) throws IOException {
    if (!Files.isDirectory(runDir)) {
      throw new NoSuchFileException(runDir.toString());
    }
    RunSpec spec = RunSpec.read(runDir);
    if (spec.classes().size() < 2) {
      throw new IllegalArgumentException(runDir.resolve(RunSpec.FILE) + ": 'classes' must list at least two classes");
    }
    Predictions p = Predictions.read(runDir.resolve(Predictions.FILE), spec.classes());
    ClassificationMetrics m;
    try {
      m = ClassificationMetrics.compute(spec.classes(), p.yTrue(), p.yPred(), p.probabilities());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(runDir.resolve(Predictions.FILE) + ": " + e.getMessage(), e);
    }
    RunMetrics metrics = RunMetrics.of(spec, m, split, epochs, trainingSeconds);
    metrics.write(runDir);
    return metrics;
  }
}
