package art.empathic.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
