package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkListsTest {
  @TempDir Path dir;

  @Test
  void foldsAreReadWithTheirSpeakers() throws Exception {
    Path f = Files.writeString(dir.resolve("folds.tsv"), "fold\ttest_actors\n1\tActor_01,Actor_11\n\n2\t Actor_02 \n");
    List<BenchmarkLists.Fold> folds = BenchmarkLists.readFolds(f);
    assertThat(folds).containsExactly(new BenchmarkLists.Fold(1, List.of("Actor_01", "Actor_11")),
        new BenchmarkLists.Fold(2, List.of("Actor_02")));
  }

  @Test
  void aBadFoldLineIsNamed() throws Exception {
    Path f = Files.writeString(dir.resolve("folds.tsv"), "fold\ttest_actors\none\tActor_01\n");
    assertThatThrownBy(() -> BenchmarkLists.readFolds(f)).hasMessageContaining("folds.tsv line 2")
        .hasMessageContaining("'one' is not a number");
    Path g = Files.writeString(dir.resolve("g.tsv"), "fold\tactors\n1\tActor_01\n");
    assertThatThrownBy(() -> BenchmarkLists.readFolds(g)).hasMessageContaining("no 'test_actors' column");
  }

  @Test
  void aTestListPicksExactlyItsClipsInItsOrderAndRefusesOthers() throws Exception {
    Clip a = TestAudio.clip("a.wav", "s1", Gender.MALE, Emotion.ANGRY, "a");
    Clip b = TestAudio.clip("b.wav", "s1", Gender.MALE, Emotion.SAD, "b");
    Clip c = TestAudio.clip("c.wav", "s2", Gender.FEMALE, Emotion.NEUTRAL, "c");
    Path root = Path.of("/corpus").toAbsolutePath();
    Path list = Files.writeString(dir.resolve("t.tsv"), "path\tspeaker\temotion\ns2/c.wav\ts2\tneutral\ns1/a.wav\ts1\tangry\n");
    List<BenchmarkLists.Entry> entries = BenchmarkLists.readTestList(list);
    assertThat(BenchmarkLists.select(List.of(a, b, c), root, entries)).containsExactly(c, a);

    Path missing = Files.writeString(dir.resolve("m.tsv"), "path\tspeaker\temotion\ns3/x.wav\ts3\tangry\n");
    assertThatThrownBy(() -> BenchmarkLists.select(List.of(a, b, c), root, BenchmarkLists.readTestList(missing)))
        .hasMessageContaining("1 of 1 listed clips are not in the corpus").hasMessageContaining("s3/x.wav");
    Path wrong = Files.writeString(dir.resolve("w.tsv"), "path\tspeaker\temotion\ns1/b.wav\ts1\thappy\n");
    assertThatThrownBy(() -> BenchmarkLists.select(List.of(a, b, c), root, BenchmarkLists.readTestList(wrong)))
        .hasMessageContaining("s1/b.wav (list: happy, corpus: Sad)");
  }

  @Test
  void unknownSpeakersOfAFoldAreNamed() {
    Clip a = TestAudio.clip("a.wav", "s1", Gender.MALE, Emotion.ANGRY, "a");
    assertThat(BenchmarkLists.unknownSpeakers(new BenchmarkLists.Fold(1, List.of("s1", "s9")), List.of(a)))
        .containsExactly("s9");
  }

  /** The shared EmoBox lists: six folds of four actors covering all 24, two balanced lists of 240. */
  @Test
  void theSharedEmoBoxListsReadAsTheirReadmeSays() throws Exception {
    Path emobox = DataLocator.projectRoot().resolveSibling("shared").resolve("data").resolve("emobox");
    assumeTrue(Files.isDirectory(emobox), "skipped: no EmoBox lists at " + emobox);
    List<BenchmarkLists.Fold> folds = BenchmarkLists.readFolds(emobox.resolve("ravdess-folds.tsv"));
    assertThat(folds).hasSize(6);
    assertThat(folds.stream().flatMap(f -> f.testSpeakers().stream()).distinct().count()).isEqualTo(24);
    assertThat(folds.get(0).testSpeakers()).containsExactly("Actor_01", "Actor_11", "Actor_20", "Actor_21");
    for (String name : List.of("ravdess-balanced-test.tsv", "savee-balanced-test.tsv")) {
      List<BenchmarkLists.Entry> l = BenchmarkLists.readTestList(emobox.resolve(name));
      assertThat(l).hasSize(240);
      assertThat(l.stream().map(BenchmarkLists.Entry::emotion).distinct().sorted().toList())
          .containsExactly("angry", "happy", "neutral", "sad");
    }
  }
}
