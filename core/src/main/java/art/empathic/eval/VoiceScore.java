package art.empathic.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Scores of a model on clips of possibly another corpus, as the field reports them for new
 * voices: accuracy, unweighted average recall (UAR, the mean of per-class recalls over the true
 * classes present: {@link ClassificationMetrics#uar()}), macro-F1 (over the same classes: {@link
 * ClassificationMetrics.MacroClasses#IN_TRUTH}), binary arousal and valence UAR, and the
 * expected calibration error of the top probability. Every clip here has probabilities; clips
 * with no voice heard are scored by {@link DecisionScore}.
 *
 * <p>Two ways to decide: {@link Decision#RESTRICTED} takes the argmax over the classes the test
 * corpus has (the field's cross-corpus convention; probabilities renormalised over them), and
 * {@link Decision#AS_PREDICTED} the argmax over every class the model knows (what a user sees).
 * Clips whose true class the model does not know are left out.
 *
 * <p>Arousal is high for angry, fear, happy and surprise and low for the rest (calm, disgust,
 * sad, neutral, boredom); valence is positive for calm, happy, surprise and neutral and negative
 * for the rest. The binary decision sums the (restricted or full) probabilities of each side.
 *
 * @param clips clips scored
 * @param accuracy share of clips whose decided class is the true class
 * @param uar unweighted average recall over the true classes present
 * @param macroF1 mean F1 over the true classes present
 * @param arousalUar UAR of high vs low arousal (NaN when only one side is present)
 * @param valenceUar UAR of positive vs negative valence (NaN when only one side is present)
 * @param ece expected calibration error of the top probability, 10 equal-width bins
 */
public record VoiceScore(int clips, double accuracy, double uar, double macroF1, double arousalUar, double valenceUar,
    double ece) {

  /** How the decided class is picked among the model's classes. */
  public enum Decision { RESTRICTED, AS_PREDICTED }

  /** Classes of high arousal (lower-case labels). */
  public static final Set<String> HIGH_AROUSAL = Set.of("angry", "fear", "happy", "surprise");
  /** Classes of positive valence (lower-case labels). */
  public static final Set<String> POSITIVE_VALENCE = Set.of("calm", "happy", "surprise", "neutral");
  /** Bins of the expected calibration error. */
  public static final int ECE_BINS = 10;

  /**
   * @param modelClasses the model's classes, the columns of {@code probabilities} (labels, any case)
   * @param testClasses the classes the test corpus has (used by {@link Decision#RESTRICTED})
   * @param trueLabels each clip's true class
   * @param probabilities each clip's probabilities over {@code modelClasses}
   */
  public static VoiceScore of(List<String> modelClasses, Set<String> testClasses, List<String> trueLabels,
      double[][] probabilities, Decision decision) {
    if (trueLabels.size() != probabilities.length) {
      throw new IllegalArgumentException("labels and probabilities differ in length: " + trueLabels.size() + " vs "
          + probabilities.length);
    }
    List<String> model = modelClasses.stream().map(VoiceScore::key).toList();
    Set<String> test = new LinkedHashSet<>();
    testClasses.forEach(c -> test.add(key(c)));
    boolean[] allowed = new boolean[model.size()];
    for (int c = 0; c < model.size(); c++) {
      allowed[c] = decision == Decision.AS_PREDICTED || test.contains(model.get(c));
    }
    int k = model.size();
    int[][] confusion = new int[k][k];
    int[][] arousal = new int[2][2];
    int[][] valence = new int[2][2];
    double[] binConf = new double[ECE_BINS];
    double[] binAcc = new double[ECE_BINS];
    int[] binCount = new int[ECE_BINS];
    int n = 0;
    int correct = 0;
    for (int i = 0; i < probabilities.length; i++) {
      int t = model.indexOf(key(trueLabels.get(i)));
      if (t < 0) {
        continue;
      }
      double[] p = probabilities[i];
      if (p.length != k) {
        throw new IllegalArgumentException("clip " + i + " has " + p.length + " probabilities for " + k + " classes");
      }
      double total = 0;
      int best = -1;
      for (int c = 0; c < k; c++) {
        if (allowed[c]) {
          total += p[c];
          if (best < 0 || p[c] > p[best]) {
            best = c;
          }
        }
      }
      double high = 0;
      double positive = 0;
      for (int c = 0; c < k; c++) {
        if (allowed[c]) {
          high += HIGH_AROUSAL.contains(model.get(c)) ? p[c] : 0;
          positive += POSITIVE_VALENCE.contains(model.get(c)) ? p[c] : 0;
        }
      }
      total = total > 0 ? total : 1;
      confusion[t][best]++;
      n++;
      correct += t == best ? 1 : 0;
      arousal[HIGH_AROUSAL.contains(model.get(t)) ? 1 : 0][high / total > 0.5 ? 1 : 0]++;
      valence[POSITIVE_VALENCE.contains(model.get(t)) ? 1 : 0][positive / total > 0.5 ? 1 : 0]++;
      double conf = p[best] / total;
      int bin = Math.min(ECE_BINS - 1, (int) (conf * ECE_BINS));
      binConf[bin] += conf;
      binAcc[bin] += t == best ? 1 : 0;
      binCount[bin]++;
    }
    if (n == 0) {
      throw new IllegalArgumentException("no clip has a class the model knows " + modelClasses);
    }
    // UAR and macro-F1 over the true classes present: ClassificationMetrics' rules (uar, MacroClasses.IN_TRUTH).
    ClassificationMetrics m = ClassificationMetrics.fromConfusionMatrix(model, model, confusion, null);
    double ece = 0;
    for (int b = 0; b < ECE_BINS; b++) {
      if (binCount[b] > 0) {
        ece += Math.abs(binAcc[b] / binCount[b] - binConf[b] / binCount[b]) * binCount[b] / n;
      }
    }
    return new VoiceScore(n, (double) correct / n, m.uar(), m.f1Macro(ClassificationMetrics.MacroClasses.IN_TRUTH),
        binaryUar(arousal), binaryUar(valence), ece);
  }

  private static String key(String label) {
    return label.trim().toLowerCase(Locale.ROOT);
  }

  /** Mean recall of the two sides of a 2x2 [true][predicted] table; NaN when a side is absent. */
  private static double binaryUar(int[][] m) {
    int lo = m[0][0] + m[0][1];
    int hi = m[1][0] + m[1][1];
    if (lo == 0 || hi == 0) {
      return Double.NaN;
    }
    return ((double) m[0][0] / lo + (double) m[1][1] / hi) / 2;
  }
}
