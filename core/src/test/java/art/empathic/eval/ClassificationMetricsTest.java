package art.empathic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small cases computed by hand (the scikit-learn cases are in {@link SklearnReferenceTest}). */
class ClassificationMetricsTest {
  private static final List<String> ABC = List.of("a", "b", "c");
  private static final double TOL = 1e-15;

  // y_true a a a b b c, y_pred a a b b c c  ->  confusion [[2,1,0],[0,1,1],[0,0,1]]
  private static final int[] Y_TRUE = {0, 0, 0, 1, 1, 2};
  private static final int[] Y_PRED = {0, 0, 1, 1, 2, 2};

  @Test
  void threeClassCaseByHand() {
    ClassificationMetrics m = ClassificationMetrics.compute(ABC, Y_TRUE, Y_PRED, null);
    assertThat(m.confusionMatrix()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 1, 1}, {0, 0, 1}});
    assertThat(m.n()).isEqualTo(6);
    assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(TOL));
    // precision: a 2/2, b 1/2, c 1/2; recall: a 2/3, b 1/2, c 1/1
    assertThat(m.perClass().get("a")).isEqualTo(new PerClassMetrics(1.0, 2.0 / 3, 0.8, 3));
    assertThat(m.perClass().get("b").precision()).isEqualTo(0.5);
    assertThat(m.perClass().get("b").f1()).isEqualTo(0.5);
    assertThat(m.perClass().get("c").f1()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(m.precisionMacro()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(m.recallMacro()).isCloseTo(13.0 / 18, within(TOL));
    assertThat(m.f1Macro()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(TOL));
    assertThat(m.precisionWeighted()).isCloseTo((3 * 1.0 + 2 * 0.5 + 1 * 0.5) / 6, within(TOL));
    assertThat(m.recallWeighted()).isCloseTo(4.0 / 6, within(TOL));
    assertThat(m.f1Weighted()).isCloseTo((3 * 0.8 + 2 * 0.5 + 2.0 / 3) / 6, within(TOL));
    assertThat(m.uar()).isCloseTo(13.0 / 18, within(TOL));
    assertThat(m.loss()).isNull();
    assertThat(m.microIsAccuracy()).isTrue();
    assertThat(m.notes()).isEmpty();
  }

  @Test
  void logLossIsTheMeanNegativeLogOfTheTrueClass() {
    double[][] p = {{0.5, 0.25, 0.25}, {0.8, 0.1, 0.1}, {0.2, 0.6, 0.2}, {0.1, 0.6, 0.3},
        {0.1, 0.4, 0.5}, {0.0, 0.3, 0.7}};
    double expected = -(Math.log(0.5) + Math.log(0.8) + Math.log(0.2) + Math.log(0.6)
        + Math.log(0.4) + Math.log(0.7)) / 6;
    ClassificationMetrics m = ClassificationMetrics.compute(ABC, Y_TRUE, Y_PRED, p);
    assertThat(m.loss()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void logLossClipsZeroProbabilitiesToEpsAndRenormalises() {
    // True class has probability 0: clipped to eps, the other to 1 - eps; the row sums to 1.
    double loss = ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{0.0, 1.0}}, 2);
    assertThat(loss).isCloseTo(-Math.log(2.220446049250313e-16), within(1e-12));
    assertThat(loss).isCloseTo(36.04365338911715, within(1e-9));
    // Unnormalised rows are renormalised: {2, 6} -> 0.25 / 0.75.
    double l2 = ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{0.2, 0.6}}, 2);
    assertThat(l2).isCloseTo(-Math.log(0.25), within(1e-12));
  }

  @Test
  void neverPredictedClassHasZeroPrecisionAndANote() {
    // c is never predicted; b has no true clips.
    int[] yTrue = {0, 0, 2, 2};
    int[] yPred = {0, 1, 0, 0};
    ClassificationMetrics m = ClassificationMetrics.compute(ABC, yTrue, yPred, null);
    assertThat(m.perClass().get("c").precision()).isZero();
    assertThat(m.perClass().get("c").f1()).isZero();
    assertThat(m.perClass().get("b").recall()).isZero();
    assertThat(m.notes()).anySatisfy(n -> assertThat(n).contains("Precision").contains("c (never predicted)"));
    assertThat(m.notes()).anySatisfy(n -> assertThat(n).contains("Recall").contains("b (no test clips"));
    // UAR over the classes with test clips (a: 1/2, c: 0/2); macro recall also counts b as 0.
    assertThat(m.uar()).isEqualTo(0.25);
    assertThat(m.recallMacro()).isCloseTo(1.0 / 6, within(TOL));
  }

  @Test
  void evaluatedSubsetIgnoresOtherRowsInAveragesButCountsTheirPredictions() {
    // Evaluate over a and b only; a prediction of c for a true a lowers a's recall.
    int[] yTrue = {0, 0, 1, 1};
    int[] yPred = {0, 2, 1, 0};
    ClassificationMetrics m = ClassificationMetrics.compute(ABC, List.of("b", "a"), yTrue, yPred, null);
    assertThat(m.evaluatedClasses()).containsExactly("a", "b");
    assertThat(m.perClass()).containsOnlyKeys("a", "b");
    assertThat(m.perClass().get("a").recall()).isEqualTo(0.5);
    assertThat(m.perClass().get("a").precision()).isEqualTo(0.5);
    assertThat(m.precisionMicro()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(m.recallMicro()).isEqualTo(0.5);
    assertThat(m.microIsAccuracy()).isFalse();
  }

  @Test
  void rebuildingFromTheConfusionMatrixGivesTheSameMetrics() {
    ClassificationMetrics m = ClassificationMetrics.compute(ABC, Y_TRUE, Y_PRED, null);
    ClassificationMetrics r = ClassificationMetrics.fromConfusionMatrix(ABC, ABC, m.confusionMatrix(), 0.5);
    assertThat(r.perClass()).isEqualTo(m.perClass());
    assertThat(r.f1Weighted()).isEqualTo(m.f1Weighted());
    assertThat(r.loss()).isEqualTo(0.5);
  }

  @Test
  void badInputIsAClearError() {
    assertThatThrownBy(() -> ClassificationMetrics.compute(ABC, new int[] {0, 3}, new int[] {0, 1}, null))
        .hasMessageContaining("true label 3 of item 1 is outside the 3 classes");
    assertThatThrownBy(() -> ClassificationMetrics.compute(ABC, new int[] {0}, new int[] {0, 1}, null))
        .hasMessageContaining("differ in length");
    assertThatThrownBy(() -> ClassificationMetrics.compute(ABC, new int[] {0}, new int[] {0},
        new double[][] {{0.5, Double.NaN, 0.5}})).hasMessageContaining("NaN");
    assertThatThrownBy(() -> ClassificationMetrics.compute(ABC, new int[0], new int[0], null))
        .hasMessageContaining("no test clips");
    assertThatThrownBy(() -> ClassificationMetrics.compute(ABC, List.of("z"), Y_TRUE, Y_PRED, null))
        .hasMessageContaining("'z' is not one of the model's classes");
  }

  @Test
  void crossCorpusDropsUnknownClassesAndNamesMissingOnes() {
    List<String> model = List.of("Angry", "Calm", "Sad");
    List<String> corpus = List.of("Angry", "Boredom", "Sad");
    List<String> truth = List.of("Angry", "Boredom", "Sad", "Sad", "Boredom");
    int[] pred = {0, 1, 1, 2, 0};
    CrossCorpusMetrics x = CrossCorpusMetrics.compute(model, corpus, truth, pred, null);
    assertThat(x.sharedClasses()).containsExactly("Angry", "Sad");
    assertThat(x.missingClasses()).containsExactly("Calm");
    assertThat(x.unknownClasses()).containsExactly("Boredom");
    assertThat(x.droppedClips()).containsEntry("Boredom", 2);
    ClassificationMetrics m = x.metrics();
    assertThat(m.n()).isEqualTo(3);
    assertThat(m.accuracy()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(m.perClass().get("Sad").recall()).isEqualTo(0.5);
    assertThat(x.explanation()).contains("lacks Calm").contains("2 Boredom");
  }

  /**
   * The three conventions on ClassificationMetrics itself. Classes a b c d; y_true a a b, y_pred a c b:
   * F1 a = 2(1)(1/2)/(3/2) = 2/3, b = 1, c = 0 (predicted, no clips), d = 0 (neither).
   * EVALUATED (a b c d) (2/3 + 1)/4 = 5/12; IN_TRUTH (a b) 5/6; IN_TRUTH_OR_PREDICTED (a b c) 5/9,
   * which is scikit-learn's f1_score(["a","a","b"], ["a","c","b"], average="macro").
   */
  @Test
  void macroF1NamesEachConvention() {
    ClassificationMetrics m = ClassificationMetrics.compute(List.of("a", "b", "c", "d"), new int[] {0, 0, 1},
        new int[] {0, 2, 1}, null);
    assertThat(m.f1Macro(ClassificationMetrics.MacroClasses.EVALUATED)).isEqualTo(m.f1Macro());
    assertThat(m.f1Macro()).isCloseTo(5.0 / 12, within(TOL));
    assertThat(m.f1Macro(ClassificationMetrics.MacroClasses.IN_TRUTH)).isCloseTo(5.0 / 6, within(TOL));
    assertThat(m.f1Macro(ClassificationMetrics.MacroClasses.IN_TRUTH_OR_PREDICTED)).isCloseTo(5.0 / 9, within(TOL));
    // Restricted to evaluated classes (as for a cross-corpus test): c is not evaluated, so it never joins.
    ClassificationMetrics ab = ClassificationMetrics.compute(List.of("a", "b", "c", "d"), List.of("a", "b"),
        new int[] {0, 0, 1}, new int[] {0, 2, 1}, null);
    assertThat(ab.f1Macro(ClassificationMetrics.MacroClasses.IN_TRUTH_OR_PREDICTED)).isCloseTo(5.0 / 6, within(TOL));
  }
}
