package art.empathic.app.cli;

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
}
