package art.empathic.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;

/**
 * The test-set metrics of a classifier, with scikit-learn 1.2's definitions.
 *
 * <p>Everything but the loss follows from the confusion matrix, so a report can be rebuilt
 * from a {@code metrics.json} alone ({@link #fromConfusionMatrix}). The averages run over
 * {@link #evaluatedClasses()}: all classes normally, the classes both sides share for a
 * cross-corpus test (see {@link CrossCorpusMetrics}); this is scikit-learn called with
 * {@code labels=evaluated}.
 *
 * <ul>
 *   <li>precision, recall, F1 per class; a ratio with a zero denominator is 0.0 (scikit-learn's
 *       default {@code zero_division="warn"}: 0.0 and a warning; here 0.0 and a line in {@link #notes()});
 *   <li>macro averages are plain means over the evaluated classes, weighted averages weight by
 *       support, micro averages pool the counts;
 *   <li>{@link #uar()} (unweighted average recall) is {@code balanced_accuracy_score}: the mean
 *       recall over the classes that occur in the true labels. It equals the macro recall
 *       whenever every evaluated class has test clips;
 *   <li>{@link #f1Macro()} averages F1 over every evaluated class, a class without test clips and
 *       never predicted included (with F1 0.0); {@link #f1Macro(MacroClasses)} names the other two
 *       conventions: over the classes in the true labels only ({@link MacroClasses#IN_TRUTH}, the
 *       new-voices figures' rule, the classes {@link #uar()} averages), or over the classes in the
 *       true or the predicted labels ({@link MacroClasses#IN_TRUTH_OR_PREDICTED}, scikit-learn's
 *       {@code f1_score(average="macro")} called without {@code labels});
 *   <li>{@link #loss()} is {@code log_loss}: mean cross-entropy of the true class after clipping
 *       probabilities to [eps, 1 - eps] (eps = 2.22e-16, the float64 machine epsilon scikit-learn
 *       1.2 uses for "auto") and renormalising each row; {@code null} when no probabilities were given.
 * </ul>
 *
 * @param classes the model's classes; the confusion matrix is in this order
 * @param evaluatedClasses classes the per-class rows and the averages cover
 * @param confusionMatrix counts, rows true, columns predicted, {@code classes} order
 * @param perClass metrics of each evaluated class, in {@code classes} order
 * @param n number of test clips
 * @param microIsAccuracy whether the micro average equals accuracy, i.e. the evaluated classes
 *     are exactly the classes seen in the true and predicted labels; scikit-learn's report then
 *     prints an "accuracy" row, otherwise a "micro avg" row
 * @param notes plain-language notes on ill-defined values (zero divisions)
 */
public record ClassificationMetrics(
    List<String> classes,
    List<String> evaluatedClasses,
    int[][] confusionMatrix,
    Map<String, PerClassMetrics> perClass,
    long n,
    double accuracy,
    double precisionMacro,
    double recallMacro,
    double f1Macro,
    double precisionWeighted,
    double recallWeighted,
    double f1Weighted,
    double precisionMicro,
    double recallMicro,
    double f1Micro,
    double uar,
    Double loss,
    boolean microIsAccuracy,
    List<String> notes) {

  /**
   * Which classes a macro average runs over. All three take the classes from the evaluated ones
   * ({@link #evaluatedClasses()}), in the model's order; they differ only in the classes that
   * have no test clip.
   */
  public enum MacroClasses {
    /** Every evaluated class: scikit-learn with {@code labels=evaluated}; {@link #f1Macro()}. */
    EVALUATED,
    /**
     * The evaluated classes that have test clips (occur in {@code y_true}): a class predicted but
     * absent from the truth adds nothing. With every class evaluated these are the classes {@link
     * #uar()} averages; the new-voices figures ({@link VoiceScore}, {@link DecisionScore}) use it.
     */
    IN_TRUTH,
    /**
     * The evaluated classes that occur in the true or the predicted labels: scikit-learn's default
     * {@code labels=unique_labels(y_true, y_pred)}. A class predicted but absent from the truth
     * counts with F1 0.0 (recall ill-defined, set to 0.0); a class neither has adds nothing.
     */
    IN_TRUTH_OR_PREDICTED
  }

  /** The machine epsilon of float64, scikit-learn 1.2's {@code log_loss(eps="auto")} for float64 input. */
  public static final double LOG_LOSS_EPS = Math.ulp(1.0);

  public ClassificationMetrics {
    classes = List.copyOf(classes);
    evaluatedClasses = List.copyOf(evaluatedClasses);
    confusionMatrix = deepCopy(confusionMatrix);
    perClass = Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
    notes = List.copyOf(notes);
  }

  /** A copy of the confusion matrix (rows true, columns predicted). */
  @Override
  public int[][] confusionMatrix() {
    return deepCopy(confusionMatrix);
  }

  /**
   * The mean F1 over the evaluated classes that {@code over} keeps (see {@link MacroClasses}),
   * summed in the model's class order; NaN when it keeps none. {@code EVALUATED} is {@link
   * #f1Macro()}.
   */
  public double f1Macro(MacroClasses over) {
    if (over == MacroClasses.EVALUATED) {
      return f1Macro;
    }
    double sum = 0;
    int count = 0;
    for (Map.Entry<String, PerClassMetrics> e : perClass.entrySet()) {
      boolean inTruth = e.getValue().support() > 0;
      if (inTruth || (over == MacroClasses.IN_TRUTH_OR_PREDICTED && predicted(classes.indexOf(e.getKey())) > 0)) {
        sum += e.getValue().f1();
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Clips predicted as class {@code c} (a column sum of the confusion matrix). */
  private long predicted(int c) {
    long s = 0;
    for (int[] row : confusionMatrix) {
      s += row[c];
    }
    return s;
  }

  /** Metrics over all {@code classes}; {@code probabilities} (n x classes) may be null. */
  public static ClassificationMetrics compute(List<String> classes, int[] yTrue, int[] yPred,
      double[][] probabilities) {
    return compute(classes, classes, yTrue, yPred, probabilities);
  }

  /**
   * Metrics whose per-class rows and averages cover {@code evaluatedClasses} (a subset of
   * {@code classes}, kept in the order of {@code classes}), like scikit-learn with
   * {@code labels=evaluated}. Labels are indices into
   * {@code classes}; {@code probabilities} (n x classes) may be null.
   */
  public static ClassificationMetrics compute(List<String> classes, List<String> evaluatedClasses,
      int[] yTrue, int[] yPred, double[][] probabilities) {
    int k = classes.size();
    if (yTrue.length != yPred.length) {
      throw new IllegalArgumentException("true and predicted labels differ in length: "
          + yTrue.length + " vs " + yPred.length);
    }
    int[][] cm = new int[k][k];
    for (int i = 0; i < yTrue.length; i++) {
      checkLabel(yTrue[i], k, "true", i);
      checkLabel(yPred[i], k, "predicted", i);
      cm[yTrue[i]][yPred[i]]++;
    }
    Double loss = probabilities == null ? null : logLoss(yTrue, probabilities, k);
    return fromConfusionMatrix(classes, evaluatedClasses, cm, loss);
  }

  /**
   * Metrics from a confusion matrix (rows true, columns predicted, {@code classes} order) and
   * an optional loss, e.g. to rebuild a report from {@code metrics.json}.
   */
  public static ClassificationMetrics fromConfusionMatrix(List<String> classes,
      List<String> evaluatedClasses, int[][] cm, Double loss) {
    int k = classes.size();
    if (k < 2) {
      throw new IllegalArgumentException("need at least two classes, got " + classes);
    }
    if (cm.length != k) {
      throw new IllegalArgumentException("confusion matrix has " + cm.length + " rows for "
          + k + " classes");
    }
    long[] trueSum = new long[k];
    long[] predSum = new long[k];
    long n = 0;
    long trace = 0;
    for (int t = 0; t < k; t++) {
      if (cm[t].length != k) {
        throw new IllegalArgumentException("confusion matrix row " + classes.get(t) + " has "
            + cm[t].length + " columns for " + k + " classes");
      }
      for (int p = 0; p < k; p++) {
        if (cm[t][p] < 0) {
          throw new IllegalArgumentException("confusion matrix has a negative count at ("
              + classes.get(t) + ", " + classes.get(p) + ")");
        }
        trueSum[t] += cm[t][p];
        predSum[p] += cm[t][p];
      }
      trace += cm[t][t];
      n += trueSum[t];
    }
    if (n == 0) {
      throw new IllegalArgumentException("no test clips to evaluate (empty confusion matrix)");
    }
    int[] labels = indicesOf(classes, evaluatedClasses);
    List<String> evaluatedInOrder = new ArrayList<>();
    for (int c : labels) {
      evaluatedInOrder.add(classes.get(c));
    }

    List<String> notes = new ArrayList<>();
    List<String> neverPredicted = new ArrayList<>();
    List<String> noTrueSamples = new ArrayList<>();
    Map<String, PerClassMetrics> perClass = new LinkedHashMap<>();
    double[] precision = new double[labels.length];
    double[] recall = new double[labels.length];
    double[] f1 = new double[labels.length];
    double[] support = new double[labels.length];
    long tpTotal = 0;
    long predTotal = 0;
    long trueTotal = 0;
    for (int j = 0; j < labels.length; j++) {
      int c = labels[j];
      long tp = cm[c][c];
      if (predSum[c] == 0) {
        neverPredicted.add(classes.get(c));
      }
      if (trueSum[c] == 0) {
        noTrueSamples.add(classes.get(c));
      }
      precision[j] = ratio(tp, predSum[c]);
      recall[j] = ratio(tp, trueSum[c]);
      f1[j] = fScore(precision[j], recall[j]);
      support[j] = trueSum[c];
      perClass.put(classes.get(c), new PerClassMetrics(precision[j], recall[j], f1[j], trueSum[c]));
      tpTotal += tp;
      predTotal += predSum[c];
      trueTotal += trueSum[c];
    }
    if (!neverPredicted.isEmpty()) {
      notes.add("Precision and F-score are ill-defined for " + String.join(", ", neverPredicted)
          + " (never predicted) and set to 0.0, as scikit-learn does by default.");
    }
    if (!noTrueSamples.isEmpty()) {
      notes.add("Recall and F-score are ill-defined for " + String.join(", ", noTrueSamples)
          + " (no test clips of that class) and set to 0.0, as scikit-learn does by default;"
          + " UAR averages only the classes that have test clips.");
    }
    if (trueTotal == 0) {
      throw new IllegalArgumentException("no test clips of the evaluated classes " + evaluatedClasses);
    }

    double precisionMicro = ratio(tpTotal, predTotal);
    double recallMicro = ratio(tpTotal, trueTotal);

    // balanced_accuracy_score: per-class recall over the classes present in y_true.
    double recallSum = 0;
    int present = 0;
    for (int c = 0; c < k; c++) {
      if (trueSum[c] > 0) {
        recallSum += (double) cm[c][c] / trueSum[c];
        present++;
      }
    }

    // The report prints "accuracy" only when the labels are exactly those seen in y_true/y_pred.
    boolean microIsAccuracy = true;
    boolean[] evaluated = new boolean[k];
    for (int c : labels) {
      evaluated[c] = true;
    }
    for (int c = 0; c < k; c++) {
      boolean seen = trueSum[c] > 0 || predSum[c] > 0;
      if (seen != evaluated[c]) {
        microIsAccuracy = false;
      }
    }

    return new ClassificationMetrics(classes, evaluatedInOrder, cm, perClass, n,
        (double) trace / n,
        mean(precision), mean(recall), mean(f1),
        weightedMean(precision, support), weightedMean(recall, support), weightedMean(f1, support),
        precisionMicro, recallMicro, fScore(precisionMicro, recallMicro),
        recallSum / present, loss, microIsAccuracy, notes);
  }

  /**
   * scikit-learn's {@code log_loss(y_true, probabilities, labels=range(k))}: probabilities are
   * clipped to [eps, 1 - eps] with eps = {@link #LOG_LOSS_EPS}, each row renormalised, and the
   * mean of -ln(p[true]) returned.
   */
  public static double logLoss(int[] yTrue, double[][] probabilities, int k) {
    if (probabilities.length != yTrue.length) {
      throw new IllegalArgumentException("probabilities have " + probabilities.length
          + " rows for " + yTrue.length + " labels");
    }
    double sum = 0;
    for (int i = 0; i < yTrue.length; i++) {
      double[] row = probabilities[i];
      if (row.length != k) {
        throw new IllegalArgumentException("probability row " + i + " has " + row.length
            + " values for " + k + " classes");
      }
      checkLabel(yTrue[i], k, "true", i);
      double rowSum = 0;
      for (double p : row) {
        if (!(p >= 0) || Double.isInfinite(p)) {
          throw new IllegalArgumentException("probability row " + i + " holds " + p
              + " (probabilities must be finite and non-negative)");
        }
        rowSum += clip(p);
      }
      sum += -Math.log(clip(row[yTrue[i]]) / rowSum);
    }
    return sum / yTrue.length;
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  /** F1 as scikit-learn computes it from (already zero-division-handled) precision and recall. */
  private static double fScore(double precision, double recall) {
    double denom = precision + recall;
    return 2.0 * precision * recall / (denom == 0.0 ? 1.0 : denom);
  }

  private static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /** numpy.average(values, weights): sum(v * w) / sum(w). */
  private static double weightedMean(double[] values, double[] weights) {
    double s = 0;
    double w = 0;
    for (int i = 0; i < values.length; i++) {
      s += values[i] * weights[i];
      w += weights[i];
    }
    return s / w;
  }

  private static int[] indicesOf(List<String> classes, List<String> subset) {
    if (subset.isEmpty()) {
      throw new IllegalArgumentException("no classes to evaluate");
    }
    int[] idx = new int[subset.size()];
    for (int j = 0; j < subset.size(); j++) {
      idx[j] = classes.indexOf(subset.get(j));
      if (idx[j] < 0) {
        throw new IllegalArgumentException("evaluated class '" + subset.get(j)
            + "' is not one of the model's classes " + classes);
      }
    }
    // Keep the model's class order, as scikit-learn keeps the labels' order.
    Arrays.sort(idx);
    for (int j = 1; j < idx.length; j++) {
      if (idx[j] == idx[j - 1]) {
        throw new IllegalArgumentException("class '" + classes.get(idx[j]) + "' is listed twice");
      }
    }
    return idx;
  }

  private static void checkLabel(int label, int k, String which, int row) {
    if (label < 0 || label >= k) {
      throw new IllegalArgumentException(which + " label " + label + " of item " + row
          + " is outside the " + k + " classes");
    }
  }

  private static int[][] deepCopy(int[][] m) {
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
