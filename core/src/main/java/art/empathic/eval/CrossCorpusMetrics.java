package art.empathic.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Metrics of a model tested on another corpus (e.g. trained on RAVDESS, tested on EmoDB),
 * whose class set differs from the model's.
 *
 * <p>Clips whose true class the model does not know are dropped (counted in {@link
 * #droppedClips()}); the metrics cover the classes both sides share (scikit-learn with
 * {@code labels=shared}), while the confusion matrix keeps every model class as a column, since
 * the model may still predict a class the corpus lacks (such predictions count against recall
 * but against no class's precision).
 *
 * @param metrics metrics over the shared classes
 * @param sharedClasses model classes the corpus has, in the model's order
 * @param missingClasses model classes the corpus lacks
 * @param unknownClasses corpus classes the model does not know
 * @param droppedClips number of test clips dropped per unknown class
 */
public record CrossCorpusMetrics(
    ClassificationMetrics metrics,
    List<String> sharedClasses,
    List<String> missingClasses,
    List<String> unknownClasses,
    Map<String, Integer> droppedClips) {

  public CrossCorpusMetrics {
    sharedClasses = List.copyOf(sharedClasses);
    missingClasses = List.copyOf(missingClasses);
    unknownClasses = List.copyOf(unknownClasses);
    droppedClips = Collections.unmodifiableMap(new LinkedHashMap<>(droppedClips));
  }

  /**
   * @param modelClasses the model's classes (the columns of {@code probabilities})
   * @param corpusClasses every class the test corpus has
   * @param trueLabels the true class name of each test clip (a corpus class)
   * @param yPred the predicted class of each clip, an index into {@code modelClasses}
   * @param probabilities per clip, one probability per model class; may be null
   */
  public static CrossCorpusMetrics compute(List<String> modelClasses, Collection<String> corpusClasses,
      List<String> trueLabels, int[] yPred, double[][] probabilities) {
    if (trueLabels.size() != yPred.length) {
      throw new IllegalArgumentException("true and predicted labels differ in length: "
          + trueLabels.size() + " vs " + yPred.length);
    }
    Set<String> corpus = new LinkedHashSet<>(corpusClasses);
    List<String> shared = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String c : modelClasses) {
      (corpus.contains(c) ? shared : missing).add(c);
    }
    List<String> unknown = new ArrayList<>();
    for (String c : corpus) {
      if (!modelClasses.contains(c)) {
        unknown.add(c);
      }
    }
    if (shared.isEmpty()) {
      throw new IllegalArgumentException("the corpus shares no class with the model: corpus "
          + corpus + ", model " + modelClasses);
    }
    Map<String, Integer> dropped = new LinkedHashMap<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < trueLabels.size(); i++) {
      String t = trueLabels.get(i);
      if (!corpus.contains(t)) {
        throw new IllegalArgumentException("clip " + i + " is labelled '" + t
            + "', which is not one of the corpus classes " + corpus);
      }
      if (shared.contains(t)) {
        kept.add(i);
      } else {
        dropped.merge(t, 1, Integer::sum);
      }
    }
    int[] yt = new int[kept.size()];
    int[] yp = new int[kept.size()];
    double[][] pr = probabilities == null ? null : new double[kept.size()][];
    for (int j = 0; j < kept.size(); j++) {
      int i = kept.get(j);
      yt[j] = modelClasses.indexOf(trueLabels.get(i));
      yp[j] = yPred[i];
      if (pr != null) {
        pr[j] = probabilities[i];
      }
    }
    if (yt.length == 0) {
      throw new IllegalArgumentException("no test clip belongs to a class the model knows "
          + shared);
    }
    ClassificationMetrics m = ClassificationMetrics.compute(modelClasses, shared, yt, yp, pr);
    return new CrossCorpusMetrics(m, shared, missing, unknown, dropped);
  }

  /** One sentence for reports: what was left out and why. */
  public String explanation() {
    StringBuilder sb = new StringBuilder("Cross-corpus test: metrics cover the "
        + sharedClasses.size() + " classes the model and the corpus share ("
        + String.join(", ", sharedClasses) + ").");
    if (!missingClasses.isEmpty()) {
      sb.append(" The corpus lacks ").append(String.join(", ", missingClasses)).append('.');
    }
    if (!droppedClips.isEmpty()) {
      List<String> parts = new ArrayList<>();
      droppedClips.forEach((c, count) -> parts.add(count + " " + c));
      sb.append(" Clips of classes the model does not know were left out: ")
          .append(String.join(", ", parts)).append('.');
    }
    return sb.toString();
  }
}
