package art.empathic.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import art.empathic.eval.ClassificationMetrics;
import art.empathic.eval.CrossCorpusMetrics;
import art.empathic.eval.PerClassMetrics;
import art.empathic.io.Json;

/**
 * {@code metrics.json} of a run directory: the test-set metrics plus what was trained and how
 * the clips were split. Keys are snake_case ({@code training_seconds}, {@code f1_macro}, ...).
 *
 * @param model model family ({@code --model} value)
 * @param displayName human name of the configuration (see {@link RunSpec#displayName()})
 * @param feature the input feature: a description string (older files may hold an object)
 * @param epochs epochs trained
 * @param trainingSeconds wall time of the training loop alone
 * @param loss test cross-entropy ({@code log_loss}); null if unknown
 * @param uar unweighted average recall (balanced accuracy)
 * @param confusionMatrix rows true, columns predicted, {@code classes} order
 * @param evaluatedOn the corpus the test clips came from (a path or name), null for the run's own split
 * @param evaluatedClasses classes the averages cover; null or absent means all {@code classes}
 * @param missingClasses model classes the test corpus lacks (cross-corpus), else empty
 * @param notes notes on ill-defined values and cross-corpus restrictions
 */
public record RunMetrics(
    String model,
    String displayName,
    JsonNode feature,
    Integer epochs,
    Double trainingSeconds,
    double accuracy,
    double f1Macro,
    double f1Weighted,
    Double loss,
    Double uar,
    Double precisionMacro,
    Double recallMacro,
    Double precisionWeighted,
    Double recallWeighted,
    List<String> classes,
    int[][] confusionMatrix,
    Map<String, PerClassMetrics> perClass,
    SplitInfo split,
    Integer nTrain,
    Integer nTest,
    String evaluatedOn,
    List<String> evaluatedClasses,
    List<String> missingClasses,
    List<String> notes) {

  public static final String FILE = RunFiles.METRICS;

  public RunMetrics {
    classes = classes == null ? List.of() : List.copyOf(classes);
    perClass = perClass == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
    missingClasses = missingClasses == null ? List.of() : List.copyOf(missingClasses);
    notes = notes == null ? List.of() : List.copyOf(notes);
    evaluatedClasses = evaluatedClasses == null ? null : List.copyOf(evaluatedClasses);
  }

  /**
   * The metrics.json of a run evaluated on its own test split.
   *
   * @param spec the run's spec (model, display name, feature name)
   * @param epochs epochs trained
   * @param trainingSeconds wall time of the training loop alone
   */
  public static RunMetrics of(RunSpec spec, ClassificationMetrics m, SplitInfo split, int epochs,
      double trainingSeconds) {
    return create(spec, m, split, epochs, trainingSeconds, null, List.of(), List.of());
  }

  /** The metrics.json of a cross-corpus test of a run's model on {@code corpus}. */
  public static RunMetrics ofCrossCorpus(RunSpec spec, CrossCorpusMetrics x, SplitInfo split,
      int epochs, double trainingSeconds, String corpus) {
    return create(spec, x.metrics(), split, epochs, trainingSeconds, corpus, x.missingClasses(),
        List.of(x.explanation()));
  }

  private static RunMetrics create(RunSpec spec, ClassificationMetrics m, SplitInfo split,
      int epochs, double trainingSeconds, String evaluatedOn, List<String> missing, List<String> extraNotes) {
    List<String> notes = new ArrayList<>(extraNotes);
    notes.addAll(m.notes());
    return new RunMetrics(spec.model(), spec.displayName(),
        spec.featureName() == null ? spec.feature() : TextNode.valueOf(spec.featureName()),
        epochs, trainingSeconds, m.accuracy(), m.f1Macro(), m.f1Weighted(), m.loss(), m.uar(),
        m.precisionMacro(), m.recallMacro(), m.precisionWeighted(), m.recallWeighted(),
        m.classes(), m.confusionMatrix(), m.perClass(), split,
        split == null ? null : split.nTrain(), (int) m.n(), evaluatedOn,
        m.evaluatedClasses().equals(m.classes()) ? null : m.evaluatedClasses(), missing, notes);
  }

  public static RunMetrics read(Path runDir) throws IOException {
    RunMetrics m = Json.read(runDir.resolve(FILE), RunMetrics.class);
    m.check(runDir.resolve(FILE));
    return m;
  }

  /** Writes {@code runDir/metrics.json} atomically. */
  public void write(Path runDir) throws IOException {
    Json.write(runDir.resolve(FILE), this);
  }

  /** The metrics rebuilt from the confusion matrix, for the classification report. */
  public ClassificationMetrics toClassificationMetrics() {
    return ClassificationMetrics.fromConfusionMatrix(classes,
        evaluatedClasses == null ? classes : evaluatedClasses, confusionMatrix, loss);
  }

  /** The feature as text: the description, or the spec object's JSON. */
  public String featureText() {
    if (feature == null || feature.isNull()) {
      return null;
    }
    return feature.isTextual() ? feature.asText() : feature.toString();
  }

  private void check(Path file) {
    if (classes.size() < 2) {
      throw new IllegalArgumentException(file + ": 'classes' must list at least two classes");
    }
    if (confusionMatrix == null) {
      throw new IllegalArgumentException(file + ": no 'confusion_matrix'");
    }
    try {
      toClassificationMetrics();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
