package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.MainTest;
import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import art.empathic.recognize.Circumplex;
import art.empathic.recognize.ModelRecognizer;
import art.empathic.recognize.PredictionJson;
import art.empathic.run.ReleaseInfo;
import art.empathic.run.RunFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release model in eight classes: {@code train --split none} on a data root holding two
 * corpora (synthetic tones with RAVDESS's and EmoDB's file names, Neutral in both, EmoDB without
 * calm and surprise) keeps Neutral without being told, records each corpus in release.json,
 * writes a model card naming the corpora, classes and licences, and {@code predict --json} and
 * the HTTP server answer in eight classes.
 */
class EightClassReleaseTest {
  @TempDir Path dir;

  private static final Map<Emotion, String> RAVDESS = Map.of(Emotion.NEUTRAL, "01", Emotion.CALM, "02",
      Emotion.HAPPY, "03", Emotion.SAD, "04", Emotion.ANGRY, "05", Emotion.FEAR, "06", Emotion.DISGUST, "07",
      Emotion.SURPRISE, "08");
  /** EmoDB's letters (German initials); it has no calm and no surprise. */
  private static final Map<Emotion, String> EMODB = Map.of(Emotion.ANGRY, "W", Emotion.DISGUST, "E",
      Emotion.FEAR, "A", Emotion.HAPPY, "F", Emotion.SAD, "T", Emotion.NEUTRAL, "N");
  private static final List<String> EIGHT = List.of("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise",
      "Neutral");

  @Test
  void aReleaseOverADataRootKeepsNeutralRecordsItsCorporaWritesItsCardAndAnswersInEightClasses() throws Exception {
    Random r = new Random(5);
    Path root = dir.resolve("data");
    for (int actor = 1; actor <= 2; actor++) {
      for (Map.Entry<Emotion, String> e : RAVDESS.entrySet()) {
        for (int take = 1; take <= 2; take++) {
          String name = String.format("03-01-%s-01-01-%02d-%02d.wav", e.getValue(), take, actor);
          write(root.resolve("ravdess").resolve(String.format("Actor_%02d", actor)).resolve(name), e.getKey(), actor, r);
        }
      }
    }
    for (String speaker : List.of("03", "08")) {
      for (Map.Entry<Emotion, String> e : EMODB.entrySet()) {
        for (String version : List.of("a", "b")) {
          write(root.resolve("emodb").resolve(speaker + "a01" + e.getValue() + version + ".wav"), e.getKey(),
              Integer.parseInt(speaker) % 3, r);
        }
      }
    }
    Path run = dir.resolve("release");
    MainTest.Result t = MainTest.run("train", "--split", "none", "--data", root.toString(), "--out", run.toString(),
        "--no-cache", "--no-progress", "--augment", "none", "--epochs", "60");
    assertThat(t.code()).as(t.err() + t.out()).isZero();
    assertThat(t.out()).contains("model card: " + run.resolve(RunFiles.MODEL_CARD));

    ReleaseInfo info = ReleaseInfo.read(run);
    assertThat(info.classes()).containsExactlyElementsOf(EIGHT);
    assertThat(info.corpora()).extracting(ReleaseInfo.TrainingCorpus::name).containsExactlyInAnyOrder("ravdess", "emodb");
    ReleaseInfo.TrainingCorpus rav = info.corpora().stream().filter(c -> c.name().equals("ravdess")).findFirst().orElseThrow();
    ReleaseInfo.TrainingCorpus emo = info.corpora().stream().filter(c -> c.name().equals("emodb")).findFirst().orElseThrow();
    assertThat(rav.kind()).isEqualTo("ravdess");
    assertThat(rav.language()).isEqualTo("English");
    assertThat(rav.clips()).isEqualTo(2 * 8 * 2);
    assertThat(rav.speakers()).isEqualTo(2);
    assertThat(rav.classes()).containsExactlyElementsOf(EIGHT);
    assertThat(emo.kind()).isEqualTo("emodb");
    assertThat(emo.language()).isEqualTo("German");
    assertThat(emo.clips()).isEqualTo(2 * 6 * 2);
    assertThat(emo.classes()).containsExactly("Angry", "Disgust", "Fear", "Happy", "Sad", "Neutral");

    String card = Files.readString(run.resolve(RunFiles.MODEL_CARD));
    assertThat(card).startsWith("---\nlicense: other\n").contains("- en\n").contains("- de\n")
        .contains("| ravdess | ravdess | English | 32 | 2 | " + String.join(", ", EIGHT) + " | CC BY-NC-SA 4.0")
        .contains("| emodb | emodb | German | 24 | 2 | Angry, Disgust, Fear, Happy, Sad, Neutral | free for research use")
        .contains("Classes, in output order: " + String.join(", ", EIGHT))
        .contains("Neutral is a class of its own")
        .contains("## Measured performance")
        .contains("## Intended use").contains("## Known limits").contains("Acted speech");
    // The card renders the figures shipped with the build, or says plainly that there are none.
    art.empathic.report.ReleaseFigures shipped = art.empathic.report.ReleaseFigures.shipped();
    if (shipped.measured()) {
      assertThat(card).doesNotContain("Not measured yet").contains(shipped.command());
      shipped.figures().forEach(f -> assertThat(card).contains(f.condition()).contains(f.value()));
    } else {
      assertThat(card).contains("Not measured yet");
    }

    Path clip = write(dir.resolve("neutral.wav"), Emotion.NEUTRAL, 1, r);
    MainTest.Result p = MainTest.run("predict", "--json", "--model", run.toString(), clip.toString());
    assertThat(p.code()).as(p.err()).isZero();
    JsonNode json = PredictionJson.MAPPER.readTree(p.out());
    assertThat(fieldNames(json.get("probabilities"))).containsExactlyElementsOf(EIGHT);
    assertThat(json.get("top").asText()).isIn(EIGHT);

    HttpClient http = HttpClient.newHttpClient();
    try (EmotionServer s = new EmotionServer(ModelRecognizer.open(run, 1), ServerLimits.defaults()).start("127.0.0.1", 0)) {
      JsonNode model = PredictionJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + s.port() + "/api/model")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(model.get("classes")).extracting(JsonNode::asText).containsExactlyElementsOf(EIGHT);
      assertThat(model.get("circumplex").get("Neutral").get("valence").asDouble()).isZero();
      assertThat(model.get("circumplex").get("Neutral").get("arousal").asDouble()).isEqualTo(Circumplex.NEUTRAL_AROUSAL);
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
          + "/api/predict")).header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofFile(clip)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(fieldNames(PredictionJson.MAPPER.readTree(answer.body()).get("probabilities")))
          .containsExactlyElementsOf(EIGHT);
    }
  }

  private static Path write(Path file, Emotion e, int speaker, Random r) throws java.io.IOException {
    WavWriter.pcm16().write(file, new Audio(NewVoicesProductTest.voice(e, speaker, r, 1.0), NewVoicesProductTest.SR));
    return file;
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
