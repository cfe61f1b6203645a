package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every corpus reader on the real corpus, by file names and by its MANIFEST.tsv: the clips,
 * speakers and clips per class its README gives. Each case skips when its corpus is absent.
 */
class RealCorporaTest {
  /** Where a corpus is: ../shared/data/NAME, else the folder stage-corpus fills. */
  private static Path find(String name) {
    Path shared = DataLocator.projectRoot().resolveSibling("shared").resolve("data").resolve(name);
    Path staged = Path.of(System.getProperty("user.home"), ".local", "share", "empathic-art", "data", name);
    return Files.isDirectory(shared) ? shared : staged;
  }

  /** README counts: name, reader, clips (boredom included), speakers, per class in Emotion order (angry..surprise, neutral). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ravdess, ravdess, 1440, 24, 192 192 192 192 192 192 192 96, 0",
      "emodb, emodb, 535, 10, 127 0 46 69 71 62 0 79, 81",
      "savee, savee, 480, 4, 60 0 60 60 60 60 60 120, 0",
      "emovo, emovo, 588, 6, 84 0 84 84 84 84 84 84, 0",
      "tess, tess, 2800, 2, 400 0 400 400 400 400 400 400, 0",
      "casia, casia, 1200, 4, 200 0 0 200 200 200 200 200, 0",
      "nemo, nemo, 4481, 9, 749 0 0 736 749 769 669 809, 0",
  })
  void readsTheCountsOfItsReadme(String name, String kind, int clips, int speakers, String perClass, int boredom)
      throws IOException {
    Path dir = find(name);
    Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("MANIFEST.tsv")),
        name + " not found at ../shared/data/" + name + " or ~/.local/share/empathic-art/data/" + name + ": skipped");
    String[] counts = perClass.split(" ");
    Map<Emotion, Integer> expected = new java.util.EnumMap<>(Emotion.class);
    for (Emotion e : Emotion.values()) {
      int n = Integer.parseInt(counts[e.ordinal()]);
      if (n > 0) {
        expected.put(e, n);
      }
    }
    for (CorpusKind reader : List.of(CorpusKind.parse(kind), CorpusKind.MANIFEST)) {
      Corpus c = Corpus.load(List.of(dir), new CorpusOptions(reader, NeutralPolicy.KEEP));
      String as = name + " by " + reader.cliName();
      assertThat(c.skipped()).as(as).isEmpty();
      assertThat(c.clips().size() + c.dropped().getOrDefault(EmotionWords.BOREDOM, 0)).as(as).isEqualTo(clips);
      assertThat(c.dropped().getOrDefault(EmotionWords.BOREDOM, 0)).as(as).isEqualTo(boredom);
      assertThat(c.perSpeaker()).as(as).hasSize(speakers);
      assertThat(c.perEmotion()).as(as).containsExactlyEntriesOf(new java.util.TreeMap<>(expected));
      assertThat(c.perCorpus()).as(as).containsOnlyKeys(name);
    }
    // Detected from the folder alone, the file-name reader is chosen.
    Corpus detected = Corpus.load(List.of(dir), new CorpusOptions(null, NeutralPolicy.KEEP));
    assertThat(detected.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo(CorpusKind.parse(kind)));
  }
}
