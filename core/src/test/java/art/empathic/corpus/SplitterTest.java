package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Stratification, speaker independence, the RAVDESS fold plan and byte-identical clips. */
class SplitterTest {

  /** {@code speakers} speakers (alternating male, female) x 7 classes x {@code perClass} clips. */
  private static List<Clip> corpus(int speakers, int perClass) {
    List<Clip> clips = new ArrayList<>();
    for (int s = 1; s <= speakers; s++) {
      for (Emotion e : Emotion.SEVEN) {
        for (int i = 0; i < perClass; i++) {
          String name = "s" + s + "-" + e + "-" + i;
          clips.add(TestAudio.clip(name + ".wav", "spk" + s, s % 2 == 1 ? Gender.MALE : Gender.FEMALE, e, name));
        }
      }
    }
    return clips;
  }

  /** RAVDESS-like clips: 24 actors, 2 clips per class of the seven. */
  private static List<Clip> ravdessLike() {
    List<Clip> clips = new ArrayList<>();
    for (int a = 1; a <= 24; a++) {
      for (int e = 2; e <= 8; e++) {
        for (int rep = 1; rep <= 2; rep++) {
          RavdessCode code = new RavdessCode(3, 1, e, 1, 1, rep, a);
          String name = String.format("03-01-%02d-01-01-%02d-%02d.wav", e, rep, a);
          Emotion emotion = NeutralPolicy.DROP.classify(List.of("neutral", "calm", "happy", "sad", "angry", "fear",
              "disgust", "surprise").get(e - 1)).orElseThrow();
          clips.add(new Clip(Path.of("/r", RavdessNames.speaker(a), name), "ravdess", RavdessNames.speaker(a),
              code.gender(), emotion, emotion.name().toLowerCase(), code, ContentHash.of(name), ContentHash.of(name), 3.0));
        }
      }
    }
    return clips;
  }

  private static <K> Map<K, Long> count(List<Clip> clips, Function<Clip, K> key) {
    return clips.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  private static Set<String> speakers(List<Clip> clips) {
    return clips.stream().map(Clip::speaker).collect(Collectors.toSet());
  }

  private static void assertPartition(List<Clip> all, Split s) {
    List<Clip> union = new ArrayList<>(s.train());
    union.addAll(s.validation());
    union.addAll(s.test());
    assertThat(union).hasSize(all.size()).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void stratifiedRandomTakesRoundedFractionOfEveryClass() {
    List<Clip> clips = corpus(5, 3); // 15 clips per class
    Split s = Splitter.split(clips, SplitSpec.random(0.2, 7));
    assertPartition(clips, s);
    assertThat(count(s.test(), Clip::emotion)).hasSize(7).allSatisfy((e, n) -> assertThat(n).isEqualTo(3L));
    Split third = Splitter.split(clips, SplitSpec.random(1 / 3.0, 7));
    assertThat(count(third.test(), Clip::emotion)).allSatisfy((e, n) -> assertThat(n).isEqualTo(5L));
  }

  @Test
  void randomSplitIsDeterministicForASeedAndSaysSpeakersOverlap() {
    List<Clip> clips = corpus(6, 4);
    Split a = Splitter.split(clips, SplitSpec.random(0.2, 42));
    List<Clip> reversed = new ArrayList<>(clips);
    java.util.Collections.reverse(reversed);
    Split b = Splitter.split(reversed, SplitSpec.random(0.2, 42));
    Split c = Splitter.split(clips, SplitSpec.random(0.2, 43));
    assertThat(a.test()).isEqualTo(b.test());
    assertThat(a.test()).isNotEqualTo(c.test());
    assertThat(a.description()).contains("original study's protocol").contains("speaker-dependent");
    assertThat(a.warnings()).anySatisfy(w -> assertThat(w).startsWith("SPEAKER OVERLAP: 6 of 6 speakers"));
  }

  @Test
  void byteIdenticalClipsStayOnOneSideInEverySplit() {
    List<Clip> clips = new ArrayList<>(corpus(6, 3));
    // Every third clip gets a twin holding the same audio (other bytes, same audio key).
    List<Clip> twins = new ArrayList<>();
    for (int i = 0; i < clips.size(); i += 3) {
      Clip c = clips.get(i);
      twins.add(new Clip(c.path().resolveSibling("twin-" + c.path().getFileName()), c.corpus(), c.speaker(), c.gender(),
          c.emotion(), c.label(), null, ContentHash.of("twin " + c.path()), c.audioKey(), 1.0));
    }
    clips.addAll(twins);
    List<SplitSpec> specs = new ArrayList<>();
    for (long seed = 0; seed < 20; seed++) {
      specs.add(SplitSpec.random(0.25, seed).withValidation(SplitSpec.Validation.RANDOM, 0.25));
      specs.add(SplitSpec.speakerFold(3, (int) (seed % 3) + 1, seed).withValidation(SplitSpec.Validation.SPEAKER, 0.5));
    }
    for (SplitSpec spec : specs) {
      Split s = Splitter.split(clips, spec);
      assertPartition(clips, s);
      Map<String, Set<String>> sidesOfHash = new java.util.HashMap<>();
      s.train().forEach(c -> sidesOfHash.computeIfAbsent(c.audioKey(), h -> new HashSet<>()).add("train"));
      s.validation().forEach(c -> sidesOfHash.computeIfAbsent(c.audioKey(), h -> new HashSet<>()).add("val"));
      s.test().forEach(c -> sidesOfHash.computeIfAbsent(c.audioKey(), h -> new HashSet<>()).add("test"));
      assertThat(sidesOfHash.values()).as(spec.toString()).allSatisfy(sides -> assertThat(sides).hasSize(1));
    }
  }

  @Test
  void speakerFoldsNeverShareASpeakerAndBalanceGenderAndClasses() {
    List<Clip> clips = corpus(12, 2);
    List<Split> folds = Splitter.allFolds(clips, SplitSpec.speakerFold(3, 1, 5));
    Set<String> tested = new HashSet<>();
    for (Split s : folds) {
      assertPartition(clips, s);
      assertThat(s.speakersInTrainAndTest()).isEmpty();
      assertThat(speakers(s.train())).doesNotContainAnyElementsOf(speakers(s.test()));
      assertThat(s.testSpeakers()).hasSize(4);
      assertThat(count(s.test(), Clip::gender)).containsEntry(Gender.MALE, 28L).containsEntry(Gender.FEMALE, 28L);
      assertThat(count(s.test(), Clip::emotion)).hasSize(7).allSatisfy((e, n) -> assertThat(n).isEqualTo(8L));
      assertThat(s.warnings()).noneMatch(w -> w.contains("SPEAKER OVERLAP"));
      tested.addAll(s.testSpeakers());
    }
    assertThat(tested).hasSize(12);
  }

  @Test
  void ravdessUsesTheDocumentedSixFoldPlan() {
    List<Clip> clips = ravdessLike();
    for (int k = 1; k <= 6; k++) {
      Split s = Splitter.split(clips, SplitSpec.speakerFold(6, k, 99));
      Set<String> expected = IntStream.of(2 * k - 1, 2 * k, 2 * k + 11, 2 * k + 12).mapToObj(RavdessNames::speaker)
          .collect(Collectors.toSet());
      assertThat(s.testSpeakers()).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(count(s.test(), Clip::gender)).containsEntry(Gender.MALE, 28L).containsEntry(Gender.FEMALE, 28L);
    }
  }

  @Test
  void speakersSharingIdenticalAudioLandInTheSameFold() {
    List<Clip> clips = new ArrayList<>(corpus(8, 1));
    Clip c = clips.get(0); // spk1
    clips.add(new Clip(Path.of("/corpus/spk8/copy.wav"), "test", "spk8", Gender.FEMALE, c.emotion(), c.label(), null,
        c.contentHash(), c.audioKey(), 1.0));
    for (Split s : Splitter.allFolds(clips, SplitSpec.speakerFold(4, 1, 3))) {
      assertThat(s.testSpeakers().contains("spk1")).isEqualTo(s.testSpeakers().contains("spk8"));
    }
  }

  @Test
  void validationIsCutFromTheTrainingSide() {
    List<Clip> clips = corpus(10, 5);
    Split random = Splitter.split(clips, SplitSpec.random(0.2, 1).withValidation(SplitSpec.Validation.RANDOM, 0.25));
    assertPartition(clips, random);
    assertThat(count(random.test(), Clip::emotion)).allSatisfy((e, n) -> assertThat(n).isEqualTo(10L));
    assertThat(count(random.validation(), Clip::emotion)).allSatisfy((e, n) -> assertThat(n).isEqualTo(10L));

    Split bySpeaker = Splitter.split(clips, SplitSpec.speakerFold(5, 2, 1).withValidation(SplitSpec.Validation.SPEAKER, 0.25));
    assertPartition(clips, bySpeaker);
    Set<String> val = speakers(bySpeaker.validation());
    assertThat(val).hasSize(2).doesNotContainAnyElementsOf(speakers(bySpeaker.train()))
        .doesNotContainAnyElementsOf(speakers(bySpeaker.test()));
    assertThat(count(bySpeaker.validation(), Clip::gender)).hasSize(2);
  }

  @Test
  void speakerSplitsNeedKnownSpeakersAndEnoughOfThem() {
    List<Clip> clips = new ArrayList<>(corpus(3, 1));
    assertThatThrownBy(() -> Splitter.split(clips, SplitSpec.speakerFold(4, 1, 0)))
        .hasMessageContaining("4 speaker folds need at least 4 independent speakers, found 3");
    clips.add(TestAudio.clip("x.wav", Clip.UNKNOWN_SPEAKER, Gender.UNKNOWN, Emotion.SAD, "x"));
    assertThatThrownBy(() -> Splitter.split(clips, SplitSpec.speakerFold(2, 1, 0)))
        .hasMessageContaining("needs every clip's speaker; 1 clips have none");
  }

  @Test
  void tinyClassesAreNamedInWarnings() {
    List<Clip> clips = new ArrayList<>(corpus(2, 5));
    clips.add(TestAudio.clip("n.wav", "spk1", Gender.MALE, Emotion.NEUTRAL, "n"));
    Split s = Splitter.split(clips, SplitSpec.random(0.2, 0));
    assertThat(s.warnings()).contains("class Neutral has no test clips");
  }

  @Test
  void specsRejectNonsense() {
    assertThatThrownBy(() -> SplitSpec.random(1.0, 0)).hasMessageContaining("test fraction must be in (0, 1)");
    assertThatThrownBy(() -> SplitSpec.speakerFold(6, 7, 0)).hasMessageContaining("1 <= fold <= folds");
    assertThatThrownBy(() -> SplitSpec.random(0.2, 0).withValidation(SplitSpec.Validation.RANDOM, 0))
        .hasMessageContaining("validation fraction");
  }

  @Test
  void namedTestSpeakersAreTheTestPartWhateverTheFoldPlan() {
    List<Clip> clips = ravdessLike();
    List<String> named = List.of("Actor_01", "Actor_11", "Actor_20", "Actor_21");
    Split s = Splitter.split(clips, SplitSpec.speakers(named, 42));
    assertPartition(clips, s);
    assertThat(speakers(s.test())).containsExactlyInAnyOrderElementsOf(named);
    assertThat(speakers(s.train())).hasSize(20).doesNotContainAnyElementsOf(named);
    assertThat(s.testSpeakers()).containsExactlyInAnyOrderElementsOf(named);
    // Not one of the project's own folds (fold 1 is actors 1, 2, 13, 14).
    assertThat(speakers(Splitter.split(clips, SplitSpec.speakerFold(6, 1, 42)).test()))
        .doesNotContain("Actor_11", "Actor_20", "Actor_21");
  }

  @Test
  void unknownTestSpeakersAreRefusedByName() {
    List<Clip> clips = ravdessLike();
    assertThatThrownBy(() -> Splitter.split(clips, SplitSpec.speakers(List.of("Actor_01", "Actor_99", "actor_02"), 42)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--test-speakers: no clips of Actor_99, actor_02 in this corpus (its 24 speakers are "
            + "Actor_01,").hasMessageNotContaining("\n");
    List<String> all = speakers(clips).stream().sorted().toList();
    assertThatThrownBy(() -> Splitter.split(clips, SplitSpec.speakers(all, 42)))
        .hasMessageContaining("none is left to train on");
  }

  @Test
  void namedTestSpeakersSurviveSpecJsonAndComputedFoldsWriteNoList() throws Exception {
    SplitSpec named = SplitSpec.speakers(List.of("DC", "JE"), 7);
    String json = art.empathic.io.Json.MAPPER.writeValueAsString(named);
    assertThat(art.empathic.io.Json.MAPPER.readValue(json, SplitSpec.class)).isEqualTo(named);
    String fold = art.empathic.io.Json.MAPPER.writeValueAsString(SplitSpec.speakerFold(6, 2, 7));
    assertThat(fold).doesNotContain("testSpeakers");
    SplitSpec old = art.empathic.io.Json.MAPPER.readValue(fold, SplitSpec.class);
    assertThat(old.testSpeakers()).isEmpty();
    assertThat(old.fold()).isEqualTo(2);
  }
}
