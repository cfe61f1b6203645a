package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared RAVDESS copy as the issue describes it; skipped when the data is absent. */
class RavdessCorpusTest {
  private static Path dir;
  private static Corpus all;

  @BeforeAll
  static void load() throws IOException {
    var found = DataLocator.ravdess(null);
    Assumptions.assumeTrue(found.isPresent(), "RAVDESS not found at ../shared/data/ravdess or $EMPATHIC_ART_DATA: skipped");
    dir = found.get();
    all = Corpus.load(List.of(dir), CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.KEEP));
  }

  @Test
  void holds1440ClipsOf24ActorsWithTheDocumentedClassCounts() {
    assertThat(all.clips()).hasSize(1440);
    assertThat(all.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo(CorpusKind.RAVDESS));
    assertThat(all.perSpeaker()).hasSize(24).allSatisfy((s, n) -> assertThat(n).isEqualTo(60));
    assertThat(all.perEmotion()).containsEntry(Emotion.NEUTRAL, 96).hasSize(8);
    Emotion.SEVEN.forEach(e -> assertThat(all.perEmotion()).containsEntry(e, 192));
    assertThat(all.skipped()).isEmpty();
    assertThat(all.speakerGenders().get("Actor_07")).isEqualTo(Gender.MALE);
    assertThat(all.speakerGenders().get("Actor_24")).isEqualTo(Gender.FEMALE);
    double minutes = all.clips().stream().mapToDouble(Clip::durationSeconds).sum() / 60;
    assertThat(minutes).isBetween(88.7, 88.9); // README: 88.8 minutes in all
  }

  @Test
  void findsTheOneDuplicatePairInActor07() {
    assertThat(all.duplicates()).singleElement().satisfies(g -> assertThat(g.paths()).containsExactly(
        dir.toAbsolutePath().normalize().resolve("Actor_07/03-01-03-01-02-01-07.wav"),
        dir.toAbsolutePath().normalize().resolve("Actor_07/03-01-03-01-02-02-07.wav")));
  }

  @Test
  void defaultNeutralRuleLeaves1344ClipsInSevenClasses() throws IOException {
    Corpus seven = Corpus.load(List.of(dir), CorpusOptions.DEFAULT);
    assertThat(seven.clips()).hasSize(1344);
    assertThat(seven.emotions()).isEqualTo(Emotion.SEVEN);
    assertThat(seven.dropped()).isEqualTo(Map.of("neutral", 96));
  }

  @Test
  void speakerFoldsFollowThePlanAndKeepTheDuplicatePairTogether() {
    for (int k = 1; k <= 6; k++) {
      Split s = Splitter.split(all.clips(), SplitSpec.speakerFold(6, k, 42));
      Set<String> expected = Set.of(2 * k - 1, 2 * k, 2 * k + 11, 2 * k + 12).stream().map(RavdessNames::speaker)
          .collect(Collectors.toSet());
      assertThat(s.testSpeakers()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(s.test()).hasSize(240);
      assertThat(s.speakersInTrainAndTest()).isEmpty();
    }
  }

  @Test
  void stratifiedRandomSplitTakes20PercentOfEachClassAndWarnsAboutSpeakers() {
    Split s = Splitter.split(all.clips(), SplitSpec.random(0.2, 42));
    assertThat(Corpus.count(s.test(), Clip::emotion)).containsEntry(Emotion.NEUTRAL, 19).containsEntry(Emotion.ANGRY, 38);
    String pairKey = all.duplicates().get(0).audioKey();
    long pairInTest = s.test().stream().filter(c -> c.audioKey().equals(pairKey)).count();
    assertThat(pairInTest).isIn(0L, 2L);
    assertThat(s.warnings()).anySatisfy(w -> assertThat(w).startsWith("SPEAKER OVERLAP: 24 of 24 speakers"));
  }
}
