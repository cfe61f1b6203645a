package art.empathic.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cross-corpus scoring on a synthetic corpus with a class set different from the model's. */
class VoiceScoreTest {
  private static final List<String> MODEL = List.of("Angry", "Calm", "Happy", "Sad", "Surprise");
  /** The "other corpus" has no Calm and no Surprise, and a Boredom class the model does not know. */
  private static final Set<String> TEST = Set.of("Angry", "Happy", "Sad", "Boredom");

  @Test
  void restrictedArgmaxIgnoresClassesTheTestCorpusLacks() {
    List<String> truth = List.of("Angry", "Happy", "Sad", "Sad", "Boredom");
    double[][] p = {
      {0.3, 0.4, 0.1, 0.1, 0.1},   // Calm wins overall; Angry among the corpus classes
      {0.1, 0.0, 0.2, 0.1, 0.6},   // Surprise wins overall; Happy among the corpus classes
      {0.1, 0.5, 0.1, 0.3, 0.0},   // Sad among the corpus classes
      {0.6, 0.1, 0.1, 0.2, 0.0},   // Angry either way: wrong
      {0.2, 0.2, 0.2, 0.2, 0.2},   // Boredom: left out
    };
    VoiceScore r = VoiceScore.of(MODEL, TEST, truth, p, VoiceScore.Decision.RESTRICTED);
    assertEquals(4, r.clips());
    assertEquals(0.75, r.accuracy(), 1e-12);
    assertEquals((1.0 + 1.0 + 0.5) / 3, r.uar(), 1e-12); // recalls: angry 1, happy 1, sad 1/2
    // F1: angry P=1/2 R=1 -> 2/3; happy 1; sad P=1 R=1/2 -> 2/3.
    assertEquals((2.0 / 3 + 1 + 2.0 / 3) / 3, r.macroF1(), 1e-12);

    VoiceScore a = VoiceScore.of(MODEL, TEST, truth, p, VoiceScore.Decision.AS_PREDICTED);
    // Over every model class the four clips are called Calm, Surprise, Calm and Angry: all wrong.
    assertEquals(0.0, a.accuracy(), 1e-12);
    assertEquals(0.0, a.uar(), 1e-12);
  }

  @Test
  void arousalValenceAndCalibration() {
    List<String> truth = List.of("Angry", "Sad", "Happy", "Calm");
    double[][] p = {
      {0.9, 0.0, 0.1, 0.0, 0.0},   // high arousal, right, confidence 0.9
      {0.0, 0.1, 0.0, 0.9, 0.0},   // low, right
      {0.0, 0.6, 0.4, 0.0, 0.0},   // Happy called Calm: arousal wrong (0.4 high), valence right (positive)
      {0.0, 0.9, 0.0, 0.1, 0.0},   // Calm, right
    };
    VoiceScore r = VoiceScore.of(MODEL, Set.copyOf(MODEL), truth, p, VoiceScore.Decision.AS_PREDICTED);
    assertEquals(0.75, r.accuracy(), 1e-12);
    assertEquals((1.0 / 2 + 1.0) / 2, r.arousalUar(), 1e-12); // high: 1 of 2; low: 2 of 2
    assertEquals(1.0, r.valenceUar(), 1e-12);
    // Bins: 0.9 x3 all right (|1 - 0.9| = 0.1), 0.6 x1 wrong (|0 - 0.6| = 0.6): ECE = 0.75 * 0.1 + 0.25 * 0.6.
    assertEquals(0.75 * 0.1 + 0.25 * 0.6, r.ece(), 1e-9);
  }

  @Test
  void binaryUarIsNanWithOneSideAndNoKnownClassIsAnError() {
    VoiceScore r = VoiceScore.of(MODEL, Set.copyOf(MODEL), List.of("Angry"), new double[][] {{1, 0, 0, 0, 0}},
        VoiceScore.Decision.AS_PREDICTED);
    assertTrue(Double.isNaN(r.arousalUar()));
    assertThrows(IllegalArgumentException.class, () -> VoiceScore.of(MODEL, TEST, List.of("Boredom"),
        new double[][] {{1, 0, 0, 0, 0}}, VoiceScore.Decision.RESTRICTED));
  }
}
