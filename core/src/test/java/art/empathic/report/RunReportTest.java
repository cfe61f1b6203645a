package art.empathic.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.eval.ClassificationReport;
import art.empathic.eval.CrossCorpusMetrics;
import art.empathic.run.FakeRuns;
import art.empathic.run.RunMetrics;
import art.empathic.run.RunSpec;

class RunReportTest {
  @TempDir Path tmp;

  @Test
  void randomSplitReportSaysSpeakersAreSharedAndHoldsEveryPart() throws IOException {
    FakeRuns.Run spec = FakeRuns.study().get(6); // paper CNN-LSTM, 20 epochs, random split
    Path dir = FakeRuns.write(tmp, spec);
    RunReport.Written w = RunReport.write(dir);
    String md = Files.readString(w.markdown());
    String html = Files.readString(w.html());
    RunMetrics rm = RunMetrics.read(dir);

    for (String doc : List.of(md, html)) {
      assertThat(doc).contains("Paper CNN-LSTM (20 epochs)", "mfcc-seq: 40 MFCC x 300 frames",
          "Random 80/20 split", "Speakers are shared between training and test", "1037 train / 115 validation / 288 test clips",
          "Training time", "1.5 min", "Classification report", "Confusion matrix", "Training curves", "Architecture",
          "Total params: 491,655", "79.6%");
      assertThat(doc).contains(Fmt.percent(rm.accuracy()), Fmt.decimal(rm.f1Macro()), Fmt.decimal(rm.f1Weighted()),
          Fmt.decimal(rm.loss()), Fmt.percent(rm.uar()));
    }
    // The classification report appears verbatim in the Markdown code block.
    String report = ClassificationReport.format(rm.toClassificationMetrics());
    assertThat(md).contains("```text\n" + report + "```");
    assertThat(md).contains("![Confusion matrix heatmap of Paper CNN-LSTM (20 epochs)](confusion_matrix.png)");
    assertThat(md).contains("| True \\\\ Predicted | Angry | Calm |");
    assertThat(w.figures()).containsExactly(dir.resolve("confusion_matrix.png"), dir.resolve("training_curves.png"));

    // Self-contained: no external resources; both figures inline and decodable as PNG.
    assertThat(html).doesNotContain("http://", "https://", "src=\"confusion_matrix.png\"");
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    int images = 0;
    while (m.find()) {
      byte[] png = Base64.getDecoder().decode(m.group(1));
      assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isGreaterThan(400);
      images++;
    }
    assertThat(images).isEqualTo(2);
    // The confusion-matrix table has the true counts in its cells.
    int[][] cm = rm.confusionMatrix();
    assertThat(html).contains("<tr><td>Angry</td><td class=\"num\">" + cm[0][0] + "</td><td class=\"num\">" + cm[0][1] + "</td>");
  }

  @Test
  void speakerIndependentReportNamesTheTestSpeakersAndNoSharing() throws IOException {
    FakeRuns.Run spec = FakeRuns.study().get(8); // MLP fold 2
    Path dir = FakeRuns.write(tmp, spec);
    String md = Files.readString(RunReport.write(dir).markdown());
    assertThat(md).contains("Speaker-independent folds, fold 2", "Test speakers | 03, 04",
        "no test speaker was heard in training (test speakers 03, 04)");
    assertThat(md).doesNotContain("Speakers are shared between training and test").doesNotContain("Original study");
  }

  @Test
  void reportWithoutHistoryOrSummaryLeavesThoseOut() throws IOException {
    Path dir = FakeRuns.write(tmp, FakeRuns.study().get(0));
    Files.delete(dir.resolve("history.json"));
    Files.delete(dir.resolve("summary.json"));
    RunReport.Written w = RunReport.write(dir);
    assertThat(w.figures()).containsExactly(dir.resolve("confusion_matrix.png"));
    assertThat(Files.readString(w.markdown())).doesNotContain("Training curves").doesNotContain("## Architecture");
  }

  @Test
  void crossCorpusReportSaysWhatTheCorpusLacks() throws IOException {
    Path dir = FakeRuns.write(tmp, FakeRuns.study().get(6));
    RunSpec spec = RunSpec.read(dir);
    List<String> truth = List.of("Angry", "Sad", "Boredom", "Sad", "Fear", "Angry");
    CrossCorpusMetrics x = CrossCorpusMetrics.compute(spec.classes(), List.of("Angry", "Boredom", "Fear", "Sad"),
        truth, new int[] {0, 5, 1, 1, 3, 0}, null);
    RunMetrics.ofCrossCorpus(spec, x, null, 20, 90.0, "/data/emodb").write(dir);
    String md = Files.readString(RunReport.write(dir).markdown());
    assertThat(md).contains("Evaluated on `/data/emodb`", "The corpus lacks Calm, Disgust, Happy, Surprise",
        "Clips of classes the model does not know were left out: 1 Boredom");
    // The report covers the three shared classes; a Calm prediction makes it a "micro avg" row.
    assertThat(md).contains("   micro avg ").doesNotContain("    accuracy  ");
    assertThat(md).containsPattern("\\n\\s+Fear\\s+1\\.00\\s+1\\.00\\s+1\\.00\\s+1\\n");
  }

  @Test
  void metricsThatDisagreeWithTheirConfusionMatrixAreFlagged() throws IOException {
    Path dir = FakeRuns.write(tmp, FakeRuns.study().get(0));
    String json = Files.readString(dir.resolve("metrics.json"));
    Files.writeString(dir.resolve("metrics.json"), json.replaceFirst("\"accuracy\" : [0-9.]+", "\"accuracy\" : 0.99"));
    assertThat(Files.readString(RunReport.write(dir).markdown()))
        .contains("metrics.json disagrees with its own confusion matrix (accuracy 0.99 vs");
  }

  @Test
  void unfinishedRunIsAClearError() throws IOException {
    Path dir = FakeRuns.writeUnfinished(tmp.resolve("u"), FakeRuns.study().get(0), 2);
    assertThatThrownBy(() -> RunReport.write(dir)).hasMessageContaining(dir + ": no metrics.json yet");
  }
}
