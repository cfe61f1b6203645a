package art.empathic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import art.empathic.eval.ClassificationMetrics.MacroClasses;
import art.empathic.eval.DecisionScore.NoVoice;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The figures of {@code study voices} (formerly computed by the lab's own {@code
 * VoicesStudy.Figures}) by hand, on ten clips holding each case the two rules decide: clips with
 * no voice heard (null), a true class never decided (fear) and a class decided but absent from the
 * truth (calm).
 */
class DecisionScoreTest {
  private static final double TOL = 1e-15;

  //            clip:   1        2        3        4        5        6        7        8        9        10
  static final List<String> TRUTH = List.of("angry", "angry", "angry", "angry", "happy", "happy", "sad", "sad",
      "fear", "fear");
  static final List<String> DECIDED = Arrays.asList("angry", "angry", "happy", null, "happy", "calm", "sad", "angry",
      "sad", null);

  /**
   * What {@code VoicesStudy.Figures.of} gave (no voice: a miss; macro-F1 over the true classes).
   *
   * <pre>
   * clips 10 (both no-voice clips counted); right: 1, 2, 5, 7          -> accuracy 4/10 = 0.4
   * support  angry 4, happy 2, sad 2, fear 2 (calm 0)                   -> majority 4/10 = 0.4
   * hits     angry 2, happy 1, sad 1, fear 0
   * recall   angry 2/4, happy 1/2, sad 1/2, fear 0/2                    -> UAR (0.5+0.5+0.5+0)/4 = 0.375
   * decided  angry 3 (1, 2, 8), happy 2 (3, 5), sad 2 (7, 9), calm 1 (6), fear 0; clips 4, 10 name no class
   * precision angry 2/3, happy 1/2, sad 1/2, fear 0 (never decided), calm 0/1
   * F1       angry 2(2/3)(1/2)/(2/3+1/2) = 4/7, happy 1/2, sad 1/2, fear 0, calm 0
   * macro-F1 over the true classes (angry, happy, sad, fear): (4/7 + 1/2 + 1/2 + 0)/4 = (11/7)/4 = 11/28
   * </pre>
   */
  @Test
  void noVoiceIsAMissAndMacroF1CoversTheTrueClasses() {
    DecisionScore s = DecisionScore.of(TRUTH, DECIDED, NoVoice.MISS, MacroClasses.IN_TRUTH);
    assertThat(s.clips()).isEqualTo(10);
    assertThat(s.noVoice()).isEqualTo(2);
    assertThat(s.accuracy()).isEqualTo(0.4);
    assertThat(s.uar()).isEqualTo(0.375);
    assertThat(s.macroF1()).isCloseTo(11.0 / 28, within(TOL));
    assertThat(s.majority()).isEqualTo(0.4);
  }

  /**
   * scikit-learn's default labels (true or decided: calm joins with F1 0): (11/7)/5 = 11/35. The
   * no-voice clips are not a label. Every class either side names is here the same set.
   */
  @Test
  void macroF1OverTheTrueOrDecidedClassesIsScikitLearnsDefault() {
    DecisionScore s = DecisionScore.of(TRUTH, DECIDED, NoVoice.MISS, MacroClasses.IN_TRUTH_OR_PREDICTED);
    assertThat(s.macroF1()).isCloseTo(11.0 / 35, within(TOL));
    assertThat(s.uar()).isEqualTo(0.375); // UAR never counts a class without clips
    assertThat(DecisionScore.of(TRUTH, DECIDED, NoVoice.MISS, MacroClasses.EVALUATED).macroF1())
        .isCloseTo(11.0 / 35, within(TOL));
  }

  /**
   * Left out, clips 4 and 10 vanish: 8 clips, right 4 -> 0.5; support angry 3, happy 2, sad 2, fear 1
   * -> majority 3/8; recall angry 2/3, happy 1/2, sad 1/2, fear 0 -> UAR (2/3 + 1)/4 = 5/12;
   * precision unchanged (they named no class), F1 angry 2/3 (P = R = 2/3) -> (2/3 + 1/2 + 1/2 + 0)/4 = 5/12.
   */
  @Test
  void noVoiceLeftOut() {
    DecisionScore s = DecisionScore.of(TRUTH, DECIDED, NoVoice.LEFT_OUT, MacroClasses.IN_TRUTH);
    assertThat(s.clips()).isEqualTo(8);
    assertThat(s.noVoice()).isEqualTo(2);
    assertThat(s.accuracy()).isEqualTo(0.5);
    assertThat(s.uar()).isCloseTo(5.0 / 12, within(TOL));
    assertThat(s.macroF1()).isCloseTo(5.0 / 12, within(TOL));
    assertThat(s.majority()).isEqualTo(3.0 / 8);
  }

  @Test
  void nothingCountedIsNaNAndBadInputIsRefused() {
    DecisionScore none = DecisionScore.of(List.of("sad"), Arrays.asList((String) null), NoVoice.LEFT_OUT,
        MacroClasses.IN_TRUTH);
    assertThat(none.clips()).isZero();
    assertThat(none.noVoice()).isEqualTo(1);
    assertThat(none.accuracy()).isNaN();
    assertThat(none.uar()).isNaN();
    assertThat(DecisionScore.of(List.of(), List.of(), NoVoice.MISS, MacroClasses.IN_TRUTH).clips()).isZero();
    // One clip, one class, no voice: a miss on a single class still has a figure.
    DecisionScore one = DecisionScore.of(List.of("sad"), Arrays.asList((String) null), NoVoice.MISS,
        MacroClasses.IN_TRUTH);
    assertThat(one.accuracy()).isZero();
    assertThat(one.uar()).isZero();
    assertThat(one.macroF1()).isZero();
    assertThatThrownBy(() -> DecisionScore.of(List.of("sad"), List.of(), NoVoice.MISS, MacroClasses.IN_TRUTH))
        .hasMessageContaining("differ in length");
    assertThatThrownBy(() -> DecisionScore.of(Arrays.asList((String) null), List.of("sad"), NoVoice.MISS,
        MacroClasses.IN_TRUTH)).hasMessage("clip 0 has no true class");
    assertThatThrownBy(() -> DecisionScore.of(List.of("sad"), List.of(DecisionScore.UNDECIDED), NoVoice.MISS,
        MacroClasses.IN_TRUTH)).hasMessage("clip 0 is labelled '(no decision)', which is no class");
  }
}
