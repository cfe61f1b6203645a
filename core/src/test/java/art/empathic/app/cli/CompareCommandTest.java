package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.run.FakeRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.app.MainTest;

class CompareCommandTest {
  @TempDir static Path tmp;
  static Path runs;

  @BeforeAll
  static void fakeRuns() throws IOException {
    runs = tmp.resolve("runs");
    for (FakeRuns.Run r : FakeRuns.study()) {
      FakeRuns.write(runs, r);
    }
  }

  @Test
  void printsAlignedTablesAndWritesMarkdown() throws IOException {
    Path md = tmp.resolve("out/comparison.md");
    MainTest.Result r = MainTest.run("compare", runs.toString(), "--out", md.toString(), "--html", tmp.resolve("out/c.html").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Random 80/20 split (speakers shared)", "Speaker-independent folds", "Progress",
        "Random split vs speaker-independent", "Markdown written to " + md);
    // The header line of the comparison table, columns aligned with two spaces between them.
    String header = r.out().lines().filter(l -> l.startsWith("Model  ") && l.contains("Input Feature")).findFirst().orElseThrow();
    assertThat(header).containsSubsequence("Model", "Input Feature", "Training Time", "Epochs", "Accuracy",
        "F1-score (macro)", "Loss", "Original study");
    String rule = r.out().lines().dropWhile(l -> !l.equals(header)).skip(1).findFirst().orElseThrow();
    assertThat(rule).matches("-+( +-+)+");
    String paper = r.out().lines().filter(l -> l.startsWith("Paper CNN-LSTM (20 epochs)") && l.contains("79.6%")).findFirst().orElseThrow();
    assertThat(paper.indexOf("79.6%") + "79.6%".length()).as("right-aligned under its header")
        .isEqualTo(header.indexOf("Original study") + "Original study".length());
    String text = Files.readString(md);
    assertThat(text).contains("| Model | Input Feature | Training Time | Epochs | Accuracy | F1-score (macro) | Loss | Original study | Runs |");
    assertThat(text).contains("| Paper CNN-LSTM (20 epochs) |");
    assertThat(Files.readString(tmp.resolve("out/c.html"))).contains("<table>", "Paper CNN-LSTM (20 epochs)");
  }

  @Test
  void unreadableRunDirectoriesAreSkippedAndNamed() throws IOException {
    Path bad = tmp.resolve("bad");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("metrics.json"), "{");
    MainTest.Result r = MainTest.run("compare", runs.resolve("mlp-alpha0.01-e200-random").toString(), bad.toString(),
        tmp.resolve("nowhere").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("MLP (alpha 0.01)").contains("Comparison of 1 run");
    assertThat(r.err()).contains("skipped " + bad + ": " + bad.resolve("metrics.json") + ": not a valid metrics.json");
    assertThat(r.err()).contains("skipped " + tmp.resolve("nowhere") + ": no such file or directory\n");
  }

  @Test
  void nothingReadableIsAnErrorOnOneLine() {
    MainTest.Result r = MainTest.run("compare", tmp.resolve("nowhere").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("empathic-art: error: no readable run directory").doesNotContain("\n");
  }
}
