package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.app.MainTest;
import art.empathic.recognize.ClipAnalysisTest;
import art.empathic.recognize.DefaultModel;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.Recognizers;
import art.empathic.recognize.TestWavs;
import art.empathic.recognize.ToneRecognizer;

class PredictCommandTest {
  @TempDir Path dir;
  final ToneRecognizer recognizer = new ToneRecognizer();
  final List<Path> opened = new ArrayList<>();
  Recognizers.Restore restore;

  @BeforeEach
  void serveTheToneRecognizer() {
    restore = Recognizers.override(runDir -> {
      opened.add(runDir);
      return recognizer;
    });
  }

  @AfterEach
  void restore() {
    restore.close();
  }

  private static List<JsonNode> jsonLines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(PredictionJson.MAPPER.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void foldersAreSearchedRecursivelyAndEveryClipGetsEveryClass() throws Exception {
    TestWavs.tone(dir.resolve("a/angry.wav"), Emotion.ANGRY, 1.5);
    TestWavs.tone(dir.resolve("a/deeper/happy.WAV"), Emotion.HAPPY, 1.5);
    Files.writeString(dir.resolve("a/notes.txt"), "not audio");
    Path sad = TestWavs.tone(dir.resolve("sad.wav"), Emotion.SAD, 1.5);

    MainTest.Result r = MainTest.run("predict", dir.resolve("a").toString(), sad.toString(), "--json", "--model", dir.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<JsonNode> clips = jsonLines(r.out());
    assertThat(clips).extracting(n -> Path.of(n.get("file").asText()).getFileName().toString())
        .containsExactly("angry.wav", "happy.WAV", "sad.wav");
    assertThat(clips).extracting(n -> n.get("top").asText()).containsExactly("Angry", "Happy", "Sad");
    for (JsonNode n : clips) {
      List<String> classes = new ArrayList<>();
      n.get("probabilities").fieldNames().forEachRemaining(classes::add);
      assertThat(classes).containsExactly("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise");
      double sum = 0;
      for (JsonNode v : n.get("probabilities")) {
        sum += v.asDouble();
      }
      assertThat(sum).isBetween(0.998, 1.002);
      assertThat(n.get("arousal").asDouble()).isBetween(-1.0, 1.0);
      assertThat(n.get("valence").asDouble()).isBetween(-1.0, 1.0);
      assertThat(n.get("durationSeconds").asDouble()).isEqualTo(1.5);
      assertThat(n.has("timeline")).isFalse();
    }
    // Happy is pleasant, sad is not; angry is aroused, sad is not.
    assertThat(clips.get(1).get("valence").asDouble()).isGreaterThan(clips.get(2).get("valence").asDouble());
    assertThat(clips.get(0).get("arousal").asDouble()).isGreaterThan(clips.get(2).get("arousal").asDouble());
    assertThat(opened).containsExactly(dir);
    assertThat(recognizer.closed).isTrue();
  }

  @Test
  void textOutputNamesTheClipTheVerdictAndEveryClass() throws Exception {
    Path f = TestWavs.tone(dir.resolve("calm.wav"), Emotion.CALM, 1);
    MainTest.Result r = MainTest.run("predict", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(f.toString()).contains("Calm").contains("arousal").contains("valence");
    for (Emotion e : Emotion.SEVEN) {
      assertThat(r.out()).contains(e.label() + " ");
    }
  }

  @Test
  void windowsGiveASmoothedTimeline() throws Exception {
    Path f = dir.resolve("long.wav");
    art.empathic.audio.WavWriter.pcm16().write(f, new art.empathic.audio.Audio(ClipAnalysisTest.sequence(5, Emotion.CALM, Emotion.FEAR), TestWavs.SR));
    MainTest.Result r = MainTest.run("predict", f.toString(), "--json", "--window", "2", "--hop", "1");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode clip = jsonLines(r.out()).get(0);
    JsonNode t = clip.get("timeline");
    assertThat(t.size()).isEqualTo(9);
    assertThat(t.get(0).get("start").asDouble()).isZero();
    assertThat(t.get(8).get("end").asDouble()).isEqualTo(10.0);
    assertThat(t.get(0).get("top").asText()).isEqualTo("Calm");
    assertThat(t.get(8).get("top").asText()).isEqualTo("Fear");
    assertThat(t.get(3).get("raw").get("probabilities").size()).isEqualTo(7);

    MainTest.Result text = MainTest.run("predict", f.toString(), "--window", "2.5");
    assertThat(text.out()).contains("0.00-  2.50 s").contains("Fear");
  }

  @Test
  void badFilesAreSkippedWithOneLineEachAndTheBatchGoesOn() throws Exception {
    Path good = TestWavs.tone(dir.resolve("good.wav"), Emotion.SURPRISE, 1);
    Path bad = Files.writeString(dir.resolve("bad.wav"), "this is not a wav file");
    Path missing = dir.resolve("missing.wav");

    MainTest.Result r = MainTest.run("predict", bad.toString(), good.toString(), missing.toString());

    assertThat(r.code()).isEqualTo(PredictCommand.EXIT_SOME_SKIPPED);
    assertThat(r.out()).contains("good.wav").contains("Surprise").doesNotContain("bad.wav");
    List<String> errLines = r.err().lines().toList();
    assertThat(errLines).anySatisfy(l -> assertThat(l).startsWith("empathic-art: skipped " + bad).doesNotContain("Exception"));
    assertThat(errLines).anySatisfy(l -> assertThat(l).contains(missing.toString()).contains("no such file"));
    assertThat(errLines).last().asString().isEqualTo("predict: 1 clip predicted, 2 skipped");
  }

  @Test
  void symlinkedFoldersAreReadAndALinkLoopIsReportedOnce() throws Exception {
    TestWavs.tone(dir.resolve("real/angry.wav"), Emotion.ANGRY, 1.5);
    TestWavs.tone(dir.resolve("real/inner/sad.wav"), Emotion.SAD, 1.5);
    Path top = Files.createDirectories(dir.resolve("top"));
    Files.createSymbolicLink(top.resolve("linked"), dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("real/inner/loop"), dir.resolve("real"));
    Path linkedRoot = Files.createSymbolicLink(dir.resolve("root-link"), dir.resolve("real"));

    MainTest.Result viaTop = MainTest.run("predict", top.toString(), "--json");
    assertThat(jsonLines(viaTop.out())).extracting(n -> Path.of(n.get("file").asText()).getFileName().toString())
        .containsExactly("angry.wav", "sad.wav");
    assertThat(viaTop.err().lines().filter(l -> l.contains("symbolic link loop")).toList()).as(viaTop.err())
        .singleElement().asString().contains("loop");

    MainTest.Result viaLink = MainTest.run("predict", linkedRoot.toString(), "--json");
    assertThat(jsonLines(viaLink.out())).hasSize(2);
    assertThat(viaLink.err()).doesNotContain("no .wav files");
  }

  @Test
  void nothingPredictableIsExitCodeTwo() throws Exception {
    Path bad = Files.write(dir.resolve("bad.wav"), new byte[10]);
    MainTest.Result r = MainTest.run("predict", bad.toString(), dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("0 clips predicted, 2 skipped");
    Files.createDirectories(dir.resolve("empty"));
    assertThat(MainTest.run("predict", dir.resolve("empty").toString()).err()).contains("no .wav files in this folder");
  }

  @Test
  void badOptionsAreOneLineErrors() throws Exception {
    Path f = TestWavs.tone(dir.resolve("x.wav"), Emotion.CALM, 1);
    MainTest.Result r = MainTest.run("predict", f.toString(), "--window", "0.1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("empathic-art: error: window must be").doesNotContain("\n");
    assertThat(MainTest.run("predict", f.toString(), "--hop", "1").err()).contains("a hop needs a window");
  }

  @Test
  void withoutATrainedModelTheErrorSaysHowToGetOne() throws Exception {
    restore.close();
    restore = () -> { };
    Path f = TestWavs.tone(dir.resolve("x.wav"), Emotion.CALM, 1);
    Path noRuns = java.nio.file.Files.createDirectories(dir.resolve("no-runs"));
    System.setProperty(DefaultModel.RUNS_PROPERTY, noRuns.toString());
    System.setProperty(art.empathic.corpus.DataLocator.PROPERTY, dir.resolve("no-data").toString());
    try {
      MainTest.Result r = MainTest.run("predict", f.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).startsWith("empathic-art: no trained model, and no data to train one.")
          .contains("No RAVDESS speech data found").contains(dir.resolve("no-data").toString())
          .contains("./empathic-art train --split none");
      // With no data, a model given by hand that is not there is a one-line error.
      MainTest.Result m = MainTest.run("predict", "--model", noRuns.resolve("nothing").toString(), f.toString());
      assertThat(m.code()).isEqualTo(2);
      assertThat(m.err().strip()).contains("no such run directory").doesNotContain("\n");
    } finally {
      System.clearProperty(DefaultModel.RUNS_PROPERTY);
      System.clearProperty(art.empathic.corpus.DataLocator.PROPERTY);
    }
  }
}
