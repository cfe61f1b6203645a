package art.empathic.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The figures of clips each decided once by the product, where a clip may have no decision at
 * all: no voice was heard in it (the recognizer's "no voice" answer), so no class was named.
 * {@code study voices} reports these. The arithmetic is {@link ClassificationMetrics}'; this class
 * only fixes the two rules that choice needs:
 *
 * <ul>
 *   <li>how a clip without a decision counts, {@link NoVoice}: as a miss ({@link NoVoice#MISS}:
 *       in the clip count and its true class's support, never right, against no class's
 *       precision) or not at all ({@link NoVoice#LEFT_OUT});
 *   <li>which classes macro-F1 averages, {@link ClassificationMetrics.MacroClasses}: the classes in
 *       the truth ({@code IN_TRUTH}), the classes in the truth or the decisions ({@code
 *       IN_TRUTH_OR_PREDICTED}, scikit-learn's default), or every class either side names ({@code
 *       EVALUATED}, here the same set as {@code IN_TRUTH_OR_PREDICTED}).
 * </ul>
 *
 * <p>Accuracy is the share of counted clips whose decision is the true class (WA, weighted
 * accuracy); UAR (UA) is {@link ClassificationMetrics#uar()}, the mean recall over the true classes
 * present; {@code majority} is the share of the most frequent true class, what always answering
 * it would score. A true class the decisions never name has recall and F1 0.0. Labels are compared
 * exactly (as {@link String#equals}); the classes are ordered by first appearance, the true
 * classes first, so that the means are summed in that order.
 *
 * @param clips clips counted (with {@link NoVoice#MISS}, those without a decision included)
 * @param accuracy share of counted clips decided as their true class (NaN when none is counted)
 * @param uar unweighted average recall over the true classes present (NaN when none is counted)
 * @param macroF1 mean F1 over the classes the chosen {@link ClassificationMetrics.MacroClasses} keeps
 * @param majority share of the most frequent true class among the counted clips (NaN when none)
 * @param noVoice clips without a decision, whether counted or left out
 */
public record DecisionScore(int clips, double accuracy, double uar, double macroF1, double majority, int noVoice) {

  /** How a clip without a decision (no voice heard) counts. */
  public enum NoVoice {
    /**
     * It counts as a wrong answer: it is one of the clips and one of its true class's, so it
     * lowers accuracy, that class's recall (so UAR) and F1, and it lowers no class's precision
     * (no class was named). The product gave the user no emotion, so the figures say so.
     */
    MISS,
    /** It is left out of every figure, as though it had not been scored; only {@code noVoice} counts it. */
    LEFT_OUT
  }

  /** The column of the clips without a decision: never evaluated, so never a class (no label may be this). */
  static final String UNDECIDED = "(no decision)";

  /**
   * @param truth each clip's true class
   * @param decided each clip's decided class, null where none was decided (no voice heard)
   * @param noVoice how a clip without a decision counts
   * @param macroF1Over which classes macro-F1 averages
   */
  public static DecisionScore of(List<String> truth, List<String> decided, NoVoice noVoice,
      ClassificationMetrics.MacroClasses macroF1Over) {
    if (truth.size() != decided.size()) {
      throw new IllegalArgumentException("true and decided classes differ in length: " + truth.size() + " vs "
          + decided.size());
    }
    Set<String> classSet = new LinkedHashSet<>();
    int undecided = 0;
    for (int i = 0; i < truth.size(); i++) {
      if (truth.get(i) == null) {
        throw new IllegalArgumentException("clip " + i + " has no true class");
      }
      if (UNDECIDED.equals(truth.get(i)) || UNDECIDED.equals(decided.get(i))) {
        throw new IllegalArgumentException("clip " + i + " is labelled '" + UNDECIDED + "', which is no class");
      }
      if (decided.get(i) == null) {
        undecided++;
      }
      if (decided.get(i) != null || noVoice == NoVoice.MISS) {
        classSet.add(truth.get(i));
      }
    }
    for (String d : decided) {
      if (d != null) {
        classSet.add(d);
      }
    }
    List<String> evaluated = new ArrayList<>(classSet);
    List<String> classes = new ArrayList<>(evaluated);
    classes.add(UNDECIDED);
    List<Integer> yTrue = new ArrayList<>();
    List<Integer> yPred = new ArrayList<>();
    for (int i = 0; i < truth.size(); i++) {
      String d = decided.get(i);
      if (d == null && noVoice == NoVoice.LEFT_OUT) {
        continue;
      }
      yTrue.add(classes.indexOf(truth.get(i)));
      yPred.add(classes.indexOf(d == null ? UNDECIDED : d));
    }
    int n = yTrue.size();
    if (n == 0) {
      return new DecisionScore(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, undecided);
    }
    ClassificationMetrics m = ClassificationMetrics.compute(classes, evaluated,
        yTrue.stream().mapToInt(Integer::intValue).toArray(), yPred.stream().mapToInt(Integer::intValue).toArray(),
        null);
    long most = 0;
    for (PerClassMetrics c : m.perClass().values()) {
      most = Math.max(most, c.support());
    }
    return new DecisionScore(n, m.accuracy(), m.uar(), m.f1Macro(macroF1Over), most / (double) n, undecided);
  }
}
