package art.empathic.lab.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import art.empathic.corpus.Clip;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.Gender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneralizationStudyTest {
  private static Clip clip(String speaker, Gender g) {
    String hash = String.format("%064x", (long) (speaker + g).hashCode() & 0xffffffffL);
    return new Clip(Path.of("/x/" + speaker + ".wav"), "emodb", speaker, g, Emotion.ANGRY, "angry", null, hash, hash,
        1.0);
  }

  @Test
  void emoDbFoldsPairOneManWithOneWomanInSpeakerOrder() {
    List<Clip> clips = new ArrayList<>();
    for (String m : List.of("15", "03", "10", "11", "12")) {
      clips.add(clip(m, Gender.MALE));
    }
    for (String w : List.of("08", "16", "09", "13", "14")) {
      clips.add(clip(w, Gender.FEMALE));
    }
    List<Set<String>> folds = GeneralizationStudy.pairedGenderFolds(clips);
    assertEquals(List.of(Set.of("03", "08"), Set.of("10", "09"), Set.of("11", "13"), Set.of("12", "14"),
        Set.of("15", "16")), folds);
  }

  @Test
  void unevenGendersAreAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GeneralizationStudy.pairedGenderFolds(List.of(clip("03", Gender.MALE))));
    assertEquals(true, e.getMessage().contains("as many men as women"), e.getMessage());
  }

  /** Late fusion of two systems' rows: the per-clip probability average, scored again (round 5a). */
  @Test
  void fusionAveragesTheTwoSystemsProbabilitiesPerClipAndFold() {
    List<String> classes = List.of("angry", "happy", "sad");
    java.util.Set<String> test = java.util.Set.of("angry", "happy", "sad");
    List<String> truth = List.of("angry", "happy", "sad", "sad");
    double[][] pa = {{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.5, 0.1, 0.4}, {0.1, 0.2, 0.7}}; // 3 of 4 right
    double[][] pb = {{0.2, 0.7, 0.1}, {0.1, 0.8, 0.1}, {0.0, 0.1, 0.9}, {0.3, 0.3, 0.4}}; // 3 of 4 right
    GeneralizationStudy.Row a = GeneralizationStudy.Row.of("folds", List.of(
        new GeneralizationStudy.Fold(classes, test, truth, pa, art.empathic.eval.VoiceScore.Decision.AS_PREDICTED)));
    GeneralizationStudy.Row b = GeneralizationStudy.Row.of("folds", List.of(
        new GeneralizationStudy.Fold(classes, test, truth, pb, art.empathic.eval.VoiceScore.Decision.AS_PREDICTED)));
    assertThat(a.mean(art.empathic.eval.VoiceScore::accuracy)).isEqualTo(0.75);
    GeneralizationStudy.Row half = GeneralizationStudy.fuse("folds", a, b, 0.5);
    // Averaged: (0.4, 0.5, 0.1) wrong, (0.15, 0.65, 0.2) right, (0.25, 0.1, 0.65) right, (0.2, 0.25, 0.55) right.
    assertThat(half.mean(art.empathic.eval.VoiceScore::accuracy)).isEqualTo(0.75);
    assertThat(half.predictions().get(0).probabilities()[0]).containsExactly(new double[] {0.4, 0.5, 0.1}, offset(1e-12));
    GeneralizationStudy.Row quarter = GeneralizationStudy.fuse("folds", a, b, 0.25);
    // 0.75 a + 0.25 b: (0.5, 0.4, 0.1) right, (0.175, 0.575, 0.25) right, (0.375, 0.1, 0.525) right, (0.15, 0.225, 0.625) right.
    assertThat(quarter.mean(art.empathic.eval.VoiceScore::accuracy)).isEqualTo(1.0);
    assertThat(GeneralizationStudy.fuse("folds", a, b, 0).predictions().get(0).probabilities()).isDeepEqualTo(pa);
    GeneralizationStudy.Row other = GeneralizationStudy.Row.of("folds", List.of(new GeneralizationStudy.Fold(
        List.of("angry", "happy", "fear"), test, truth, pb, art.empathic.eval.VoiceScore.Decision.AS_PREDICTED)));
    assertThatThrownBy(() -> GeneralizationStudy.fuse("folds", a, other, 0.5)).hasMessageContaining("other classes");
    assertThatThrownBy(() -> GeneralizationStudy.fuse("folds", a, new GeneralizationStudy.Row("x", List.of()), 0.5))
        .hasMessageContaining("cannot fuse");
  }

  /**
   * Arousal-preserving fusion (round 5d), on probabilities computed by hand: each clip's fused
   * probabilities with the high side (angry, happy) scaled by A_mlp / A_fused and the low side (sad,
   * calm) by (1 - A_mlp) / (1 - A_fused).
   */
  @Test
  void arousalPreservingFusionKeepsTheMlpsArousalAndTheFusionsRatiosWithinASide() {
    List<String> classes = List.of("angry", "happy", "sad", "calm");
    Set<String> test = Set.of("angry", "happy", "sad", "calm");
    List<String> truth = List.of("sad", "happy", "calm");
    double[][] mlp = {{0.1, 0.2, 0.5, 0.2}, {0.3, 0.3, 0.3, 0.1}, {0.1, 0.1, 0.3, 0.5}}; // A = 0.3, 0.6, 0.2
    double[][] crnn = {{0.6, 0.2, 0.1, 0.1}, {0.1, 0.8, 0.05, 0.05}, {0.5, 0.4, 0.05, 0.05}};
    var as = art.empathic.eval.VoiceScore.Decision.AS_PREDICTED;
    GeneralizationStudy.Row a = GeneralizationStudy.Row.of("folds", List.of(
        new GeneralizationStudy.Fold(classes, test, truth, mlp, as)));
    GeneralizationStudy.Row b = GeneralizationStudy.Row.of("folds", List.of(
        new GeneralizationStudy.Fold(classes, test, truth, crnn, as)));
    GeneralizationStudy.Row fused = GeneralizationStudy.fuse("folds", a, b, 0.5);
    // Fused: (0.35, 0.2, 0.3, 0.15) A 0.55; (0.2, 0.55, 0.175, 0.075) A 0.75; (0.3, 0.25, 0.175, 0.275) A 0.55.
    GeneralizationStudy.Row kept = GeneralizationStudy.preserveArousal("folds", fused, a);
    double[][] p = kept.predictions().get(0).probabilities();
    // Clip 1: high x 0.3/0.55, low x 0.7/0.45.
    assertThat(p[0]).containsExactly(new double[] {0.105 / 0.55, 0.06 / 0.55, 0.21 / 0.45, 0.105 / 0.45}, offset(1e-12));
    // Clip 2: high x 0.6/0.75 = 0.8, low x 0.4/0.25 = 1.6.
    assertThat(p[1]).containsExactly(new double[] {0.16, 0.44, 0.28, 0.12}, offset(1e-12));
    // Clip 3: high x 0.2/0.55, low x 0.8/0.45.
    assertThat(p[2]).containsExactly(new double[] {0.06 / 0.55, 0.05 / 0.55, 0.14 / 0.45, 0.22 / 0.45}, offset(1e-12));
    double[] mlpHigh = {0.3, 0.6, 0.2};
    for (int i = 0; i < p.length; i++) {
      assertThat(p[i][0] + p[i][1]).as("arousal mass of clip %d", i).isCloseTo(mlpHigh[i], offset(1e-12));
      assertThat(p[i][0] + p[i][1] + p[i][2] + p[i][3]).as("sum of clip %d", i).isCloseTo(1.0, offset(1e-12));
      double[] f = fused.predictions().get(0).probabilities()[i];
      assertThat(p[i][0] / p[i][1]).as("high-side ratio of clip %d", i).isCloseTo(f[0] / f[1], offset(1e-9));
      assertThat(p[i][2] / p[i][3]).as("low-side ratio of clip %d", i).isCloseTo(f[2] / f[3], offset(1e-9));
    }
    // Arousal: the MLP is right on all three (UAR 1), the plain fusion calls clips 1 and 3 high (UAR 0.5),
    // the arousal-preserving fusion is the MLP's. Classes: MLP 2 of 3 (clip 2 ties to angry), fused 1, kept 3.
    assertThat(a.mean(art.empathic.eval.VoiceScore::arousalUar)).isEqualTo(1.0);
    assertThat(fused.mean(art.empathic.eval.VoiceScore::arousalUar)).isEqualTo(0.5);
    assertThat(kept.mean(art.empathic.eval.VoiceScore::arousalUar)).isEqualTo(1.0);
    assertThat(fused.mean(art.empathic.eval.VoiceScore::accuracy)).isCloseTo(1.0 / 3, offset(1e-12));
    assertThat(kept.mean(art.empathic.eval.VoiceScore::accuracy)).isEqualTo(1.0);
    GeneralizationStudy.Row other = GeneralizationStudy.Row.of("folds", List.of(new GeneralizationStudy.Fold(
        List.of("angry", "happy", "calm", "sad"), test, truth, mlp, as)));
    assertThatThrownBy(() -> GeneralizationStudy.preserveArousal("folds", fused, other))
        .hasMessageContaining("other classes");
  }

  /** Scored on the test corpus's classes only, the arousal share is the MLP's among those classes; the rest is left alone. */
  @Test
  void arousalPreservingFusionWorksOnTheScoredClassesAndGuardsAnEmptySide() {
    boolean[] high = {true, true, false, false}; // angry, happy, sad, calm
    // Restricted to angry and sad: fused share 0.2 / 0.3, the MLP's 0.1 / 0.5 = 0.2; target 0.06 and 0.24.
    double[] out = GeneralizationStudy.preserveArousal(new double[] {0.2, 0.3, 0.1, 0.4},
        new double[] {0.1, 0.1, 0.4, 0.4}, high, new boolean[] {true, false, true, false});
    assertThat(out).containsExactly(new double[] {0.06, 0.3, 0.24, 0.4}, offset(1e-12));
    double[][] one = {{0.06, 0.3, 0.24, 0.4}};
    var score = art.empathic.eval.VoiceScore.of(List.of("angry", "happy", "sad", "calm"), Set.of("angry", "sad"),
        List.of("angry"), one, art.empathic.eval.VoiceScore.Decision.RESTRICTED);
    assertThat(score.accuracy()).isEqualTo(0.0); // sad 0.24 beats angry 0.06 among the scored classes
    // The fused high side is empty but the MLP's is not (possible only at w = 1): that side takes the MLP's shape.
    double[] guarded = GeneralizationStudy.preserveArousal(new double[] {0, 0, 0.6, 0.4},
        new double[] {0.2, 0.2, 0.4, 0.2}, high, new boolean[] {true, true, true, true});
    assertThat(guarded).containsExactly(new double[] {0.2, 0.2, 0.36, 0.24}, offset(1e-12));
    assertThatThrownBy(() -> GeneralizationStudy.preserveArousal(new double[3], new double[4], high,
        new boolean[4])).hasMessageContaining("3 and 4");
  }
}
