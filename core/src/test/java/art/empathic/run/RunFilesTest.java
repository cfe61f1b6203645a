package art.empathic.run;

import art.empathic.model.ModelSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.eval.ClassificationMetrics;
import art.empathic.eval.CrossCorpusMetrics;

/** Reading the trainer's files and writing metrics.json with the agreed keys. */
class RunFilesTest {
  @TempDir Path tmp;

  /** A run directory written by hand the way the trainer's contract describes it. */
  private Path handWrittenRun() throws IOException {
    Path dir = tmp.resolve("run");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("spec.json"), """
        {"model": "cnn_lstm_paper", "display_name": "Paper CNN-LSTM (20 epochs)",
         "feature": {"kind": "mfcc-seq", "n_mfcc": 40, "frames": 300},
         "feature_name": "mfcc-seq: 40 MFCC x 300 frames",
         "classes": ["Angry","Calm","Sad"],
         "hyperparameters": {"epochs": 20, "lr": 0.001, "augment": ["noise", "mask"]},
         "seed": 42, "normalisation": {"mean": [0.1]}}
        """);
    Files.writeString(dir.resolve("history.json"), """
        {"epochs": [
          {"epoch": 1, "train_loss": 1.9, "train_accuracy": 0.2, "val_loss": null, "val_accuracy": null, "seconds": 3.1, "lr": 0.001},
          {"epoch": 2, "train_loss": NaN, "train_accuracy": 0.3, "val_loss": null, "val_accuracy": null, "seconds": 3.0, "lr": 0.001}]}
        """);
    Files.writeString(dir.resolve("summary.json"), """
        {"model": "cnn_lstm_paper", "input_shape": [null, 300, 40],
         "layers": [{"name": "conv1d_1", "type": "Conv1D", "output_shape": [null, 298, 64], "params": 7744, "trainable": true}],
         "total_params": 7744, "trainable_params": 7744, "non_trainable_params": 0}
        """);
    Files.writeString(dir.resolve("predictions.csv"), """
        path,true,predicted,p_Angry,p_Calm,p_Sad
        "Actor_01/a,b.wav",Angry,Angry,0.7,0.2,0.1
        Actor_01/b.wav,Angry,Calm,0.3,0.6,0.1
        Actor_02/c.wav,Calm,Calm,0.1,0.8,0.1
        Actor_02/d.wav,Sad,Sad,0.2,0.2,0.6
        """);
    return dir;
  }

  @Test
  void readsTheTrainersFiles() throws IOException {
    Path dir = handWrittenRun();
    RunSpec spec = RunSpec.read(dir);
    assertThat(spec.displayName()).isEqualTo("Paper CNN-LSTM (20 epochs)");
    assertThat(spec.featureName()).startsWith("mfcc-seq");
    assertThat(spec.classes()).containsExactly("Angry", "Calm", "Sad");
    assertThat(spec.hyperparameter("epochs")).contains(20.0);
    assertThat(spec.hyperparameter("augment")).isEmpty();
    TrainingHistory h = TrainingHistory.read(dir);
    assertThat(h.epochs()).hasSize(2);
    assertThat(h.hasValidation()).isFalse();
    assertThat(h.epochs().get(1).trainLoss()).isNaN();
    ModelSummary s = RunDirectory.readSummary(dir);
    assertThat(s.inputShape()).containsExactly(null, 300L, 40L);
    assertThat(s.layers().get(0).outputShape()).containsExactly(null, 298L, 64L);
    Predictions p = Predictions.read(dir.resolve("predictions.csv"), spec.classes());
    assertThat(p.paths()).containsExactly("Actor_01/a,b.wav", "Actor_01/b.wav", "Actor_02/c.wav", "Actor_02/d.wav");
    assertThat(p.yTrue()).containsExactly(0, 0, 1, 2);
    assertThat(p.yPred()).containsExactly(0, 1, 1, 2);
    assertThat(p.probabilities()[1]).containsExactly(0.3, 0.6, 0.1);
  }

  @Test
  void writesMetricsJsonWithTheAgreedKeys() throws IOException {
    Path dir = handWrittenRun();
    SplitInfo split = new SplitInfo("random", 42L, null, List.of(), true, 1037, 115, 4);
    RunMetrics m = RunEvaluation.writeMetrics(dir, split, 20, 92.5);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).contains("model", "feature", "epochs", "training_seconds", "accuracy", "f1_macro",
        "f1_weighted", "loss", "classes", "confusion_matrix", "per_class", "split", "n_train", "n_test",
        "uar", "precision_macro", "recall_macro", "precision_weighted", "recall_weighted", "display_name",
        "evaluated_on", "missing_classes", "notes");
    assertThat(json.get("model").asText()).isEqualTo("cnn_lstm_paper");
    assertThat(json.get("feature").asText()).isEqualTo("mfcc-seq: 40 MFCC x 300 frames");
    assertThat(json.get("accuracy").asDouble()).isEqualTo(0.75);
    assertThat(json.get("training_seconds").asDouble()).isEqualTo(92.5);
    assertThat(json.get("confusion_matrix").toString()).isEqualTo("[[1,1,0],[0,1,0],[0,0,1]]");
    assertThat(json.get("per_class").get("Angry").toString())
        .isEqualTo("{\"precision\":1.0,\"recall\":0.5,\"f1\":0.6666666666666666,\"support\":2}");
    JsonNode sp = json.get("split");
    assertThat(sp.get("protocol").asText()).isEqualTo("random");
    assertThat(sp.get("speakers_shared").asBoolean()).isTrue();
    assertThat(sp.get("n_val").asInt()).isEqualTo(115);
    assertThat(sp.get("fold").isNull()).isTrue();
    assertThat(json.get("n_train").asInt()).isEqualTo(1037);
    assertThat(json.get("n_test").asInt()).isEqualTo(4);
    // Loss: mean of -ln p(true) = -(ln .7 + ln .3 + ln .8 + ln .6) / 4.
    assertThat(json.get("loss").asDouble()).isCloseTo(
        -(Math.log(0.7) + Math.log(0.3) + Math.log(0.8) + Math.log(0.6)) / 4, within(1e-12));
    RunMetrics back = RunMetrics.read(dir);
    assertThat(back.accuracy()).isEqualTo(m.accuracy());
    assertThat(back.split()).isEqualTo(split);
    assertThat(back.toClassificationMetrics().perClass()).isEqualTo(m.perClass());
  }

  @Test
  void crossCorpusMetricsNameTheMissingClasses() throws IOException {
    Path dir = handWrittenRun();
    RunSpec spec = RunSpec.read(dir);
    CrossCorpusMetrics x = CrossCorpusMetrics.compute(spec.classes(), List.of("Angry", "Sad", "Boredom"),
        List.of("Angry", "Sad", "Boredom", "Sad"), new int[] {0, 1, 2, 2}, null);
    RunMetrics rm = RunMetrics.ofCrossCorpus(spec, x, null, 20, 92.5, "/data/emodb");
    rm.write(dir);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertThat(json.get("missing_classes").toString()).isEqualTo("[\"Calm\"]");
    assertThat(json.get("evaluated_classes").toString()).isEqualTo("[\"Angry\",\"Sad\"]");
    assertThat(json.get("evaluated_on").asText()).isEqualTo("/data/emodb");
    assertThat(json.get("notes").get(0).asText()).contains("lacks Calm").contains("1 Boredom");
    ClassificationMetrics back = RunMetrics.read(dir).toClassificationMetrics();
    assertThat(back.evaluatedClasses()).containsExactly("Angry", "Sad");
    assertThat(back.n()).isEqualTo(3);
  }

  @Test
  void badFilesAreOneLineErrorsNamingTheFile() throws IOException {
    Path dir = handWrittenRun();
    Files.writeString(dir.resolve("metrics.json"), "{\"accuracy\": 0.5,");
    assertThatThrownBy(() -> RunMetrics.read(dir))
        .hasMessageContaining(dir.resolve("metrics.json").toString()).hasMessageContaining("not a valid metrics.json");
    Files.writeString(dir.resolve("metrics.json"), "{\"accuracy\": 0.5, \"classes\": [\"a\",\"b\"], \"confusion_matrix\": [[1]]}");
    assertThatThrownBy(() -> RunMetrics.read(dir)).hasMessageContaining("metrics.json: confusion matrix has 1 rows for 2 classes");

    Path csv = dir.resolve("predictions.csv");
    List<String> classes = List.of("Angry", "Calm", "Sad");
    Files.writeString(csv, "file,label\n");
    assertThatThrownBy(() -> Predictions.read(csv, classes)).hasMessageContaining("header must start with path,true,predicted");
    Files.writeString(csv, "path,true,predicted,p_Angry,p_Sad,p_Calm\n");
    assertThatThrownBy(() -> Predictions.read(csv, classes)).hasMessageContaining("do not match the model's classes");
    Files.writeString(csv, "path,true,predicted\na.wav,Angry,Happy\n");
    assertThatThrownBy(() -> Predictions.read(csv, classes)).hasMessageContaining("line 2: label 'Happy'");
    Files.writeString(csv, "path,true,predicted,p_Angry,p_Calm,p_Sad\na.wav,Angry,Angry,0.5,x,0.5\n");
    assertThatThrownBy(() -> Predictions.read(csv, classes)).hasMessageContaining("'x' is not a number");
    Files.writeString(csv, "path,true,predicted\n");
    assertThatThrownBy(() -> Predictions.read(csv, classes)).hasMessageContaining("no prediction rows");

    assertThatThrownBy(() -> RunDirectory.load(tmp)).hasMessageContaining("not a run directory");
  }

  @Test
  void predictionsRoundTrip() throws IOException {
    Predictions p = new Predictions(List.of("A", "B"), List.of("x,\"1\".wav", " y.wav "), new int[] {0, 1},
        new int[] {1, 1}, new double[][] {{0.25, 0.75}, {0.125, 0.875}});
    Predictions.write(tmp, p.paths(), List.of("A", "B"), new float[][] {{0.25f, 0.75f}, {0.125f, 0.875f}},
        p.classes());
    Path csv = tmp.resolve(Predictions.FILE);
    Predictions back = Predictions.read(csv, List.of("A", "B"));
    assertThat(back.paths()).isEqualTo(p.paths());
    assertThat(back.yPred()).containsExactly(1, 1);
    assertThat(back.probabilities()[1]).containsExactly(0.125, 0.875);
  }

  @Test
  void aFolderOfRunsExpandsToItsRunDirectories() throws IOException {
    Path a = FakeRuns.writeUnfinished(tmp.resolve("runs/b"), FakeRuns.study().get(0), 3);
    Path b = FakeRuns.writeUnfinished(tmp.resolve("runs/a"), FakeRuns.study().get(1), 3);
    Files.createDirectories(tmp.resolve("runs/not-a-run"));
    assertThat(RunDirectory.expand(tmp.resolve("runs"))).containsExactly(b, a);
    assertThat(RunDirectory.expand(a)).containsExactly(a);
    assertThatThrownBy(() -> RunDirectory.expand(tmp.resolve("runs/not-a-run"))).hasMessageContaining("neither a run directory");
    // Grouped runs are found below folders, but not the evaluations inside a run.
    Path c = FakeRuns.writeUnfinished(tmp.resolve("runs/speaker/fold-2/c"), FakeRuns.study().get(0), 3);
    FakeRuns.writeUnfinished(c.resolve("evaluations/emodb"), FakeRuns.study().get(0), 3);
    assertThat(RunDirectory.expand(tmp.resolve("runs"))).containsExactly(b, a, c);
  }
}
