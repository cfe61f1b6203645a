package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.audio.WavWriter;
import art.empathic.io.PhaseProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading generated corpus folders: detection, labels, skips, drops, duplicates, errors. */
class CorpusLoaderTest {
  @TempDir Path tmp;

  private static Corpus load(Path dir, CorpusOptions o) throws IOException {
    return Corpus.load(List.of(dir), o);
  }

  @Test
  void detectsEachNamedCorpusFromAGeneratedFolder() throws IOException {
    Map<CorpusKind, List<String>> folders = Map.of(
        CorpusKind.RAVDESS, List.of("Actor_01/03-01-01-01-01-01-01.wav", "Actor_01/03-01-05-02-01-01-01.wav",
            "Actor_02/03-01-08-01-02-02-02.wav"),
        CorpusKind.TESS, List.of("OAF_angry/OAF_back_angry.wav", "YAF_ps/YAF_dog_ps.wav", "YAF_dog_neutral.wav"),
        CorpusKind.SAVEE, List.of("DC/a01.wav", "JE/su02.wav", "KL_n03.wav"),
        CorpusKind.CREMA_D, List.of("1001_DFA_ANG_XX.wav", "1002_IEO_NEU_HI.wav", "1003_TIE_SAD_LO.wav"),
        CorpusKind.EMODB, List.of("03a01Wa.wav", "08a02Lb.wav", "09b10Nc.wav"),
        CorpusKind.EMOVO, List.of("f1/dis-f1-b1.wav", "m2/neu-m2-l3.wav", "sor-f3-n1.wav"),
        CorpusKind.CASIA, List.of("wangzhe/angry/201.wav", "liuchanhg/neutral/202.wav", "liuchanhg/sad/203.wav"),
        CorpusKind.NEMO, List.of("EB0_anger_1.wav", "IC0_neutral_2.wav", "MP0_surprised_3.wav"),
        CorpusKind.FOLDER, List.of("angry/a.wav", "sad/b.wav", "neutral/c.wav"));
    for (var e : folders.entrySet()) {
      Path dir = tmp.resolve(e.getKey().cliName());
      TestAudio.wavs(dir, e.getValue());
      Corpus c = load(dir, CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.KEEP));
      assertThat(c.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo(e.getKey()));
      int boredom = e.getKey() == CorpusKind.EMODB ? 1 : 0;
      assertThat(c.clips()).as(e.getKey().cliName()).hasSize(3 - boredom);
      assertThat(c.dropped().getOrDefault("boredom", 0)).isEqualTo(boredom);
      assertThat(c.skipped()).isEmpty();
      assertThat(c.clips()).allSatisfy(clip -> assertThat(clip.durationSeconds()).isBetween(0.24, 0.27));
    }
  }

  /** A data root: several corpus folders side by side, each read with its own reader, and a folder without audio noted. */
  @Test
  void readsADataRootAsEachOfItsCorpora() throws IOException {
    TestAudio.wavs(tmp.resolve("ravdess"), List.of("Actor_01/03-01-01-01-01-01-01.wav", "Actor_02/03-01-05-02-01-01-02.wav"));
    TestAudio.wavs(tmp.resolve("emovo"), List.of("f1/dis-f1-b1.wav", "m1/neu-m1-b2.wav", "m1/tri-m1-b2.wav"));
    TestAudio.wavs(tmp.resolve("casia"), List.of("wangzhe/angry/201.wav", "wangzhe/fear/201.wav"));
    Path manifest = tmp.resolve("mine");
    TestAudio.wavs(manifest, List.of("x/one.wav", "x/two.wav"));
    Files.writeString(manifest.resolve("MANIFEST.tsv"), "path\tdataset\tspeaker\temotion\nx/one.wav\tnemo\tEB0\tanger\n"
        + "x/two.wav\tnemo\tEB0\tsadness\n");
    Files.createDirectories(tmp.resolve("protocols"));
    Files.writeString(tmp.resolve("protocols/folds.tsv"), "fold\ttest_actors\n1\tActor_01\n");

    Corpus c = load(tmp, CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.KEEP));
    assertThat(c.sources()).extracting(CorpusSource::kind)
        .containsExactly(CorpusKind.CASIA, CorpusKind.EMOVO, CorpusKind.MANIFEST, CorpusKind.RAVDESS);
    assertThat(c.perCorpus()).containsExactly(Map.entry("casia", 2), Map.entry("emovo", 3), Map.entry("nemo", 2),
        Map.entry("ravdess", 2));
    assertThat(c.skipped()).isEmpty();
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).startsWith("protocols: no WAV files; not read as a corpus"));
    CorpusSummary s = CorpusSummary.of(c);
    assertThat(s.corpora()).extracting(CorpusSummary.CorpusCounts::corpus, CorpusSummary.CorpusCounts::language,
        CorpusSummary.CorpusCounts::speakers).containsExactly(
            org.assertj.core.groups.Tuple.tuple("casia", "Mandarin", 1), org.assertj.core.groups.Tuple.tuple("emovo", "Italian", 2),
            org.assertj.core.groups.Tuple.tuple("nemo", "Polish", 1), org.assertj.core.groups.Tuple.tuple("ravdess", "English", 2));
    assertThat(s.corpora().get(1).perEmotion()).containsExactly(Map.entry("Disgust", 1), Map.entry("Sad", 1),
        Map.entry("Neutral", 1));
  }

  /** One corpus whose speakers have a folder each is one corpus, not a root of many; so is a root holding one corpus. */
  @Test
  void speakerFoldersOfOneCorpusAreNotADataRoot() throws IOException {
    TestAudio.wavs(tmp.resolve("emovo"), List.of("f1/dis-f1-b1.wav", "m1/neu-m1-b2.wav", "m2/tri-m2-b2.wav"));
    assertThat(CorpusLoader.corpusFolders(tmp.resolve("emovo"), new java.util.ArrayList<>()))
        .containsExactly(tmp.resolve("emovo"));
    assertThat(CorpusLoader.corpusFolders(tmp, new java.util.ArrayList<>())).containsExactly(tmp);
    Corpus c = load(tmp, CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.KEEP));
    assertThat(c.sources()).singleElement().satisfies(src -> assertThat(src.kind()).isEqualTo(CorpusKind.EMOVO));
    assertThat(c.perSpeaker()).containsOnlyKeys("f1", "m1", "m2");
  }

  @Test
  void readsLabelsSpeakersAndRavdessFieldsFromFiles() throws IOException {
    TestAudio.wavs(tmp, List.of("Actor_07/03-01-03-02-02-01-07.wav", "Actor_08/03-01-01-01-01-01-08.wav"));
    Corpus c = load(tmp, CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.CALM));
    Clip happy = c.clips().get(0);
    assertThat(happy.path()).isEqualTo(tmp.resolve("Actor_07/03-01-03-02-02-01-07.wav"));
    assertThat(happy.emotion()).isEqualTo(Emotion.HAPPY);
    assertThat(happy.speaker()).isEqualTo("Actor_07");
    assertThat(happy.gender()).isEqualTo(Gender.MALE);
    assertThat(happy.ravdess().intensity()).isEqualTo(2);
    assertThat(happy.ravdess().statement()).isEqualTo(2);
    assertThat(happy.ravdess().repetition()).isEqualTo(1);
    assertThat(happy.contentHash()).isEqualTo(ContentHash.of(Files.readAllBytes(happy.path())));
    Clip calm = c.clips().get(1);
    assertThat(calm.emotion()).isEqualTo(Emotion.CALM);
    assertThat(calm.label()).isEqualTo("neutral");
  }

  @Test
  void neutralRuleDropsRelabelsOrKeeps() throws IOException {
    TestAudio.wavs(tmp, List.of("neutral/a.wav", "neutral/b.wav", "calm/c.wav", "sad/d.wav"));
    Corpus dropped = load(tmp, CorpusOptions.DEFAULT);
    assertThat(dropped.perEmotion()).containsExactly(Map.entry(Emotion.CALM, 1), Map.entry(Emotion.SAD, 1));
    assertThat(dropped.dropped()).containsExactly(Map.entry("neutral", 2));
    assertThat(load(tmp, CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.CALM)).perEmotion())
        .containsExactly(Map.entry(Emotion.CALM, 3), Map.entry(Emotion.SAD, 1));
    assertThat(load(tmp, CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.KEEP)).perEmotion())
        .containsExactly(Map.entry(Emotion.CALM, 1), Map.entry(Emotion.SAD, 1), Map.entry(Emotion.NEUTRAL, 2));
  }

  /**
   * Reading counts one step per file it reads (unreadable audio included; names it cannot read,
   * other formats and dropped labels are never read), on a clock where 31 s pass at every look.
   */
  @Test
  void readingShowsOneStepPerFileReadAndNothingWithoutProgress() throws IOException {
    TestAudio.wavs(tmp, List.of("Actor_01/03-01-02-01-01-01-01.wav", "Actor_01/03-01-03-01-01-01-01.wav",
        "Actor_02/03-01-04-01-01-01-02.wav", "Actor_02/03-01-01-01-01-01-02.wav")); // the last is neutral: dropped
    Files.writeString(tmp.resolve("Actor_01/03-01-05-01-01-01-01.wav"), "not audio at all");
    TestAudio.wav(tmp.resolve("Actor_01/take 3.wav"), 9);
    Files.writeString(tmp.resolve("Actor_01/03-01-06-01-01-01-01.mp3"), "x");
    for (PhaseProgress.Mode mode : PhaseProgress.Mode.values()) {
      if (mode == PhaseProgress.Mode.BAR) {
        continue; // a terminal's bar, drawn by the progress bar library
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
      PhaseProgress.Display display = new PhaseProgress.Display(mode,
          new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), () -> clock.addAndGet(31_000_000_000L));
      Corpus c = new CorpusLoader(CorpusOptions.DEFAULT, display).load(List.of(tmp));
      assertThat(c.clips()).hasSize(3);
      String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
      if (mode == PhaseProgress.Mode.OFF) {
        assertThat(text).as("--no-progress").isEmpty();
        continue;
      }
      List<String> lines = List.of(text.split("\n"));
      // Four files read: three clips and the one that is not audio. A line every 30 s, then the last
      // (five looks at the clock, one at the start and one per file, put it 155 s on).
      assertThat(lines).hasSizeBetween(2, 4).doesNotHaveDuplicates()
          .allSatisfy(l -> assertThat(l).matches("reading: [1-4]/4 files \\(\\d+%\\), .*"));
      assertThat(lines.get(lines.size() - 1)).matches("reading: 4/4 files \\(100%\\), [0-9.]+ files/s, done in 2 min 35 s");
    }
  }

  @Test
  void reportsUnparsableNamesUnreadableAudioAndOtherFormatsButKeepsGoing() throws IOException {
    TestAudio.wavs(tmp, List.of("Actor_01/03-01-02-01-01-01-01.wav", "Actor_01/03-01-03-01-01-01-01.wav",
        "Actor_01/03-01-04-01-01-01-01.wav"));
    Files.writeString(tmp.resolve("Actor_01/03-01-05-01-01-01-01.wav"), "not audio at all");
    TestAudio.wav(tmp.resolve("Actor_01/take 3.wav"), 9);
    Files.writeString(tmp.resolve("Actor_01/03-01-06-01-01-01-01.mp3"), "x");
    Files.writeString(tmp.resolve("README.md"), "ignored");
    Corpus c = load(tmp, CorpusOptions.DEFAULT);
    assertThat(c.sources().get(0).kind()).isEqualTo(CorpusKind.RAVDESS);
    assertThat(c.clips()).hasSize(3);
    assertThat(c.skipped()).extracting(s -> s.path().getFileName().toString())
        .containsExactly("03-01-05-01-01-01-01.wav", "03-01-06-01-01-01-01.mp3", "take 3.wav");
    assertThat(c.skipped().get(0).reason()).startsWith("not a RIFF/WAVE file");
    assertThat(c.skipped().get(1).reason()).isEqualTo("not a WAV file (only .wav is read)");
    assertThat(c.skipped().get(2).reason()).isEqualTo("not a RAVDESS name MM-VV-EE-II-SS-RR-AA.wav");
  }

  @Test
  void findsByteIdenticalFilesAndWarnsWhenTheirLabelsDiffer() throws IOException {
    TestAudio.wavs(tmp, List.of("happy/a.wav", "happy/b.wav", "sad/c.wav"));
    Files.copy(tmp.resolve("happy/a.wav"), tmp.resolve("happy/a-copy.wav"));
    Files.copy(tmp.resolve("happy/b.wav"), tmp.resolve("sad/b-again.wav"));
    Corpus c = load(tmp, CorpusOptions.DEFAULT);
    assertThat(c.duplicates()).extracting(DuplicateGroup::paths).containsExactly(
        List.of(tmp.resolve("happy/a-copy.wav"), tmp.resolve("happy/a.wav")),
        List.of(tmp.resolve("happy/b.wav"), tmp.resolve("sad/b-again.wav")));
    assertThat(c.duplicates()).allSatisfy(g -> assertThat(g.identicalBytes()).isTrue());
    Clip copy = c.clips().stream().filter(x -> x.path().endsWith("a-copy.wav")).findFirst().orElseThrow();
    assertThat(copy.audioKey()).isEqualTo(copy.contentHash());
    assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("different labels").contains("b-again.wav (Sad)"));
  }

  @Test
  void findsTheSameRecordingConvertedTwiceButNotMerelySimilarAudio() throws Exception {
    Path a = TestAudio.wav(tmp.resolve("happy/a.wav"), 4);
    float[] y = WavReader.read(a).samples();
    java.util.Random rnd = new java.util.Random(1);
    float[] redithered = y.clone();
    float[] quieter = y.clone();
    for (int i = 0; i < y.length; i++) {
      redithered[i] += (rnd.nextInt(5) - 2) / 32768f; // +-2 LSB, like another conversion
      quieter[i] *= 0.9f; // clearly different audio of the same length
    }
    WavWriter.pcm16().write(tmp.resolve("happy/a-again.wav"), new Audio(redithered, 16000));
    WavWriter.pcm16().write(tmp.resolve("happy/a-quiet.wav"), new Audio(quieter, 16000));
    Corpus c = load(tmp, CorpusOptions.DEFAULT);
    assertThat(c.duplicates()).singleElement().satisfies(g -> {
      assertThat(g.paths()).containsExactly(tmp.resolve("happy/a-again.wav"), a); // path order
      assertThat(g.identicalBytes()).isFalse();
      assertThat(g.maxSampleDifference()).isGreaterThan(0).isLessThanOrEqualTo(2.5 / 32768);
    });
    Map<String, String> keys = new java.util.HashMap<>();
    c.clips().forEach(x -> keys.put(x.path().getFileName().toString(), x.audioKey()));
    assertThat(keys.get("a-again.wav")).isEqualTo(keys.get("a.wav"));
    assertThat(keys.get("a-quiet.wav")).isNotEqualTo(keys.get("a.wav"));
  }

  @Test
  void forcedKindOverridesDetection() throws IOException {
    TestAudio.wavs(tmp, List.of("angry/03-01-02-01-01-01-01.wav", "sad/03-01-03-01-01-01-01.wav"));
    assertThat(load(tmp, CorpusOptions.DEFAULT).perEmotion()).containsOnlyKeys(Emotion.CALM, Emotion.HAPPY);
    assertThat(load(tmp, CorpusOptions.DEFAULT.withKind(CorpusKind.FOLDER)).perEmotion())
        .containsOnlyKeys(Emotion.ANGRY, Emotion.SAD);
  }

  @Test
  void combinesSeveralDirectories() throws IOException {
    TestAudio.wavs(tmp.resolve("r"), List.of("03-01-02-01-01-01-01.wav"));
    TestAudio.wavs(tmp.resolve("t"), List.of("OAF_back_angry.wav", "YAF_back_sad.wav"));
    Corpus c = Corpus.load(List.of(tmp.resolve("r"), tmp.resolve("t")), CorpusOptions.DEFAULT);
    assertThat(c.perCorpus()).containsExactly(Map.entry("ravdess", 1), Map.entry("tess", 2));
    assertThat(c.perSpeaker()).containsOnlyKeys("Actor_01", "OAF", "YAF");
  }

  @Test
  void clearErrorsForMissingEmptyUnknownAndFullyDroppedFolders() throws IOException {
    assertThatThrownBy(() -> load(tmp.resolve("nope"), CorpusOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("nope: no such directory");
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> load(tmp.resolve("empty"), CorpusOptions.DEFAULT))
        .hasMessageContaining("empty: no WAV files and no manifest found");
    TestAudio.wavs(tmp.resolve("odd"), List.of("x/one.wav", "y/two.wav"));
    assertThatThrownBy(() -> load(tmp.resolve("odd"), CorpusOptions.DEFAULT))
        .hasMessageContaining("cannot tell which corpus this is").hasMessageContaining("use --corpus");
    TestAudio.wavs(tmp.resolve("neutral-only"), List.of("neutral/a.wav"));
    assertThatThrownBy(() -> load(tmp.resolve("neutral-only"), CorpusOptions.DEFAULT))
        .hasMessageContaining("no usable clips").hasMessageContaining("neutral=1");
    Path file = Files.writeString(tmp.resolve("x.txt"), "x");
    assertThatThrownBy(() -> load(file, CorpusOptions.DEFAULT)).hasMessageContaining("not a directory");
  }

  @Test
  void unreadableDirectoryIsAnError() throws IOException {
    Path locked = Files.createDirectories(tmp.resolve("locked"));
    TestAudio.wavs(locked, List.of("angry/a.wav"));
    locked.toFile().setReadable(false);
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked), "running as a user who can read anything");
      assertThatThrownBy(() -> load(locked, CorpusOptions.DEFAULT)).hasMessageContaining("cannot read");
    } finally {
      locked.toFile().setReadable(true);
    }
  }
}
