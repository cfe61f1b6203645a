package art.empathic.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.run.FakeRuns;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunDirectory;

/** The study report and its tables, on a faked study (7 random-split rows, 2 folds per family). */
class StudyReportTest {
  @TempDir static Path tmp;
  static List<Path> random = new ArrayList<>();
  static List<Path> speaker = new ArrayList<>();
  static Path unfinished;

  @BeforeAll
  static void fakeStudy() throws IOException {
    for (FakeRuns.Run r : FakeRuns.study()) {
      (r.fold() == null ? random : speaker).add(FakeRuns.write(tmp.resolve("runs"), r));
    }
    unfinished = FakeRuns.writeUnfinished(tmp.resolve("runs/paper-500"),
        new FakeRuns.Run("cnn_lstm_paper", "Paper CNN-LSTM (500 epochs)", 500, null, 0.8, null, 42), 37);
  }

  static List<LabelledRun> load(List<Path> dirs, Protocol p) throws IOException {
    List<LabelledRun> out = new ArrayList<>();
    for (Path d : dirs) {
      out.add(new LabelledRun(RunDirectory.load(d), p));
    }
    return out;
  }

  /** Accuracy recorded in a run's metrics.json, read without the code under test. */
  static double accuracy(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("metrics.json").toFile()).get("accuracy").asDouble();
  }

  @Test
  void comparisonTableHasTheOriginalColumnsAndFigures() throws IOException {
    Table t = ComparisonTable.comparison(load(random, Protocol.RANDOM), Protocol.RANDOM);
    assertThat(t.headers()).startsWith("Model", "Input Feature", "Training Time", "Epochs", "Accuracy",
        "F1-score (macro)", "Loss").contains("Original study");
    assertThat(t.rows()).hasSize(7);
    List<String> models = t.rows().stream().map(r -> r.get(0)).toList();
    assertThat(models).containsExactly("MLP (alpha 0.0001)", "MLP (alpha 0.01)", "Baseline CNN (11 epochs)",
        "Baseline CNN (20 epochs)", "CNN+LSTM (11 epochs)", "CNN+LSTM (20 epochs)", "Paper CNN-LSTM (20 epochs)");
    int orig = t.headers().indexOf("Original study");
    assertThat(t.rows().stream().map(r -> r.get(orig)).toList())
        .containsExactly("—", "76.8%", "—", "81.5%", "—", "75.2%", "79.6%");
    List<String> paper = t.rows().get(6);
    assertThat(paper.get(3)).isEqualTo("20");
    assertThat(paper.get(4)).isEqualTo(String.format(Locale.ROOT, "%.1f%%", 100 * accuracy(random.get(6))));
    assertThat(paper.get(2)).isEqualTo("1.5 min");
  }

  @Test
  void speakerRowsAreMeanAndSampleStdOverFolds() throws IOException {
    Table t = ComparisonTable.comparison(load(speaker, Protocol.SPEAKER), Protocol.SPEAKER);
    assertThat(t.rows()).hasSize(4);
    // MLP folds 1 and 2 are the first two speaker runs.
    double a = accuracy(speaker.get(0));
    double b = accuracy(speaker.get(1));
    double mean = (a + b) / 2;
    double std = Math.abs(a - b) / Math.sqrt(2); // sample std of two values
    List<String> mlp = t.rows().get(0);
    assertThat(mlp.get(0)).isEqualTo("MLP (alpha 0.01)");
    assertThat(mlp.get(4)).isEqualTo(String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * mean, 100 * std));
    assertThat(mlp.get(8)).isEqualTo("folds\u00a01,\u00a02");
    assertThat(mlp.get(7)).isEqualTo("—");
  }

  @Test
  void progressComparesEachOriginalRowAndNamesUnfinishedRuns() throws IOException {
    List<LabelledRun> runs = new ArrayList<>(load(random, Protocol.RANDOM));
    runs.addAll(load(speaker, Protocol.SPEAKER));
    runs.addAll(load(List.of(unfinished), Protocol.RANDOM));
    Table t = ComparisonTable.progress(runs);
    assertThat(t.rows().stream().map(r -> r.get(0)).toList())
        .containsExactly("MLP", "Baseline CNN", "CNN+LSTM", "Paper CNN-LSTM (Zhao et al. 2019)");
    String cnnLstm = t.rows().get(2).get(3);
    double acc = accuracy(random.get(5));
    assertThat(cnnLstm).isEqualTo(String.format(Locale.ROOT, "CNN+LSTM, 20 epochs: %.1f%% vs 75.2%%, %s", 100 * acc,
        acc > 0.752 ? "beats the original" : "below the original"));
    assertThat(t.rows().get(3).get(3)).contains("Paper CNN-LSTM, 500 epochs: unfinished (37 of 500 epochs, no metrics.json)");
    assertThat(t.rows().get(0).get(1)).isEqualTo("2");
    assertThat(t.rows().get(0).get(2)).endsWith("(2 folds)");
    assertThat(ComparisonTable.progress(List.of()).rows()).allSatisfy(r -> assertThat(r.get(3)).isEqualTo("not run"));
  }

  @Test
  void sideBySideGivesTheGapBetweenProtocols() throws IOException {
    List<LabelledRun> runs = new ArrayList<>(load(random, Protocol.RANDOM));
    runs.addAll(load(speaker, Protocol.SPEAKER));
    Table t = ComparisonTable.sideBySide(runs);
    assertThat(t.rows()).hasSize(4);
    List<String> paper = t.rows().get(3);
    assertThat(paper.get(0)).isEqualTo("Paper CNN-LSTM (20 epochs)");
    double gap = 100 * ((accuracy(speaker.get(6)) + accuracy(speaker.get(7))) / 2 - accuracy(random.get(6)));
    assertThat(paper.get(6)).isEqualTo(String.format(Locale.ROOT, "%+.1f", gap));
    assertThat(gap).isNegative();
  }

  @Test
  void studyReportHasEverySectionAndSkipsUnreadableRuns() throws IOException {
    Path bad = tmp.resolve("runs/broken");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("metrics.json"), "not json");
    // A small study keeps the test quick: two random-split rows, one family's two folds.
    List<Path> randomDirs = new ArrayList<>(random.subList(5, 7));
    randomDirs.add(unfinished);
    randomDirs.add(bad);
    randomDirs.add(tmp.resolve("runs/missing"));
    StudyReport.Written w = StudyReport.write(tmp.resolve("study"), new StudyReport.Study("Study title",
        List.of("Data: synthetic runs."),
        List.of(new StudyReport.Section(Protocol.RANDOM, randomDirs, List.of("80/20 split, seed 42.")),
            new StudyReport.Section(Protocol.SPEAKER, speaker.subList(6, 8), List.of("Folds 1 and 2 of 6 ran.")))));
    assertThat(w.skipped()).hasSize(2);
    assertThat(w.skipped().get(0)).startsWith(bad.toString()).contains("not a valid metrics.json");
    assertThat(w.skipped().get(1)).startsWith(tmp.resolve("runs/missing").toString()).contains("no such file");
    String md = Files.readString(w.markdown());
    String html = Files.readString(w.html());
    for (String doc : List.of(md, html)) {
      assertThat(doc).contains("Study title", "Data: synthetic runs.", "80/20 split, seed 42.", "Folds 1 and 2 of 6 ran.",
          "Random 80/20 split (speakers shared)", "Speaker-independent folds", "Progress",
          "Random split vs speaker-independent", "new voices", "known voices", "Run directories that could not be read");
    }
    // One section per readable run (4 finished + 1 unfinished), each finished one with its figures.
    assertThat(occurrences(html, "<details class=\"run\"")).isEqualTo(5);
    assertThat(occurrences(html, "src=\"data:image/png;base64,")).isEqualTo(4 * 2);
    assertThat(occurrences(html, "<h5>Classification report</h5>")).isEqualTo(4);
    assertThat(html).contains("Paper CNN-LSTM (500 epochs) · random — unfinished");
    assertThat(md).contains("](../runs/cnn_lstm_paper-e20-random/confusion_matrix.png)");
    assertThat(Files.exists(random.get(6).resolve("report.html"))).isTrue();
    assertThat(Files.readString(random.get(6).resolve("report.html"))).contains("<h3>Classification report</h3>");
  }

  private static int occurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
