package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.io.Csv;

/** CSV/TSV manifests: columns, quoting, strictness, and paths that may not escape. */
class ManifestReaderTest {
  @TempDir Path tmp;

  private Path data() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("data"));
    TestAudio.wavs(d, List.of("clips/a.wav", "clips/b c.wav", "clips/d.wav"));
    return d;
  }

  @Test
  void readsCsvWithQuotesOptionalColumnsAndDropsBoredom() throws IOException {
    Path d = data();
    Files.writeString(d.resolve("labels.csv"), """
        path,emotion,speaker,gender
        clips/a.wav,Angry,spk1,f
        "clips/b c.wav",pleasant surprise,"spk, two",male
        clips/d.wav,boredom,,
        """);
    Corpus c = Corpus.load(List.of(d), CorpusOptions.DEFAULT);
    assertThat(c.sources().get(0).kind()).isEqualTo(CorpusKind.MANIFEST);
    assertThat(c.clips()).extracting(Clip::speaker, Clip::emotion, Clip::gender).containsExactly(
        org.assertj.core.groups.Tuple.tuple("spk1", Emotion.ANGRY, Gender.FEMALE),
        org.assertj.core.groups.Tuple.tuple("spk, two", Emotion.SURPRISE, Gender.MALE));
    assertThat(c.dropped()).containsExactly(Map.entry("boredom", 1));
    assertThat(c.clips().get(0).corpus()).isEqualTo("data");
  }

  @Test
  void readsTsvGivenAsAFileWithDatasetColumn() throws IOException {
    Path d = data();
    Path m = Files.writeString(d.resolve("MANIFEST.tsv"), "path\tdataset\tspeaker\temotion\tduration_s\n"
        + "clips/a.wav\tmine\tx\tfearful\t0.25\nclips/d.wav\tmine\ty\tneutral\t0.25\n");
    Corpus c = Corpus.load(List.of(m), CorpusOptions.DEFAULT.withNeutral(NeutralPolicy.KEEP));
    assertThat(c.perCorpus()).containsExactly(Map.entry("mine", 2));
    assertThat(c.perEmotion()).containsExactly(Map.entry(Emotion.FEAR, 1), Map.entry(Emotion.NEUTRAL, 1));
  }

  @Test
  void missingFilesAndUnknownEmotionsAreErrorsListingEveryProblem() throws IOException {
    Path d = data();
    Files.writeString(d.resolve("m.csv"), "path,emotion\nclips/a.wav,angry\nclips/zzz.wav,sad\nclips/d.wav,joy\n");
    assertThatThrownBy(() -> Corpus.load(List.of(d), CorpusOptions.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m.csv: 2 bad rows")
        .hasMessageContaining("line 3: file 'clips/zzz.wav' not found")
        .hasMessageContaining("line 4: unknown emotion 'joy'");
  }

  @Test
  void pathsMayNotEscapeTheManifestFolder() throws IOException {
    Path d = data();
    Path outside = TestAudio.wav(tmp.resolve("secret.wav"), 1);
    Files.createSymbolicLink(d.resolve("clips/link.wav"), outside);
    Files.createSymbolicLink(d.resolve("linkdir"), tmp);
    String[][] cases = {
        {"../secret.wav", "uses '..'"},
        {"clips/../../secret.wav", "uses '..'"},
        {outside.toString(), "is outside the manifest's folder"},
        {"clips/link.wav", "is a link to"},
        {"linkdir/secret.wav", "is a link to"},
    };
    for (String[] c : cases) {
      Files.writeString(d.resolve("m.csv"), "path,emotion\n" + c[0] + ",sad\n");
      assertThatThrownBy(() -> Corpus.load(List.of(d), CorpusOptions.DEFAULT)).as(c[0])
          .hasMessageContaining(c[1]);
    }
    Files.writeString(d.resolve("m.csv"), "path,emotion\n" + d.resolve("clips/a.wav") + ",sad\n");
    assertThat(Corpus.load(List.of(d), CorpusOptions.DEFAULT).clips()).hasSize(1);
  }

  @Test
  void badHeadersEmptyManifestsAndSeveralManifestsAreErrors() throws IOException {
    Path d = data();
    Path m = Files.writeString(d.resolve("m.csv"), "file,label\nclips/a.wav,sad\n");
    assertThatThrownBy(() -> Corpus.load(List.of(m), CorpusOptions.DEFAULT))
        .hasMessageContaining("header must name columns 'path' and 'emotion'");
    Files.writeString(m, "path,emotion\n");
    assertThatThrownBy(() -> Corpus.load(List.of(m), CorpusOptions.DEFAULT)).hasMessageContaining("lists no clips");
    Files.writeString(m, "path,emotion\nclips/a.wav,sad\n");
    Files.writeString(d.resolve("n.tsv"), "path\temotion\nclips/a.wav\tsad\n");
    assertThatThrownBy(() -> Corpus.load(List.of(d), CorpusOptions.DEFAULT.withKind(CorpusKind.MANIFEST)))
        .hasMessageContaining("several manifests (m.csv, n.tsv)");
  }

  @Test
  void csvQuotingRoundTrips() {
    List<String> fields = List.of("plain", "with,comma", "with \"quote\"", " padded ", "");
    assertThat(Csv.parseLine(Csv.formatLine(fields), ',')).isEqualTo(fields);
    assertThatThrownBy(() -> Csv.parseLine("\"open,field", ',')).hasMessageContaining("unterminated quote");
  }
}
