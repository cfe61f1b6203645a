package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import art.empathic.app.MainTest;
import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.SplitSpec;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.SpeakerSession;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.run.ReleaseInfo;
import art.empathic.run.RunMetrics;
import art.empathic.train.DefaultFamily;
import art.empathic.train.ModelSpec;
import art.empathic.train.SpeakerStatistics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The product side of new voices on a synthetic corpus: the release model ({@code train --split
 * none}), speaker sessions that adapt, and "no voice heard". Every emotion is a harmonic tone of
 * its own pitch; each of four speakers shifts the pitch and the level of every clip it says, so
 * per-speaker normalisation has something to remove.
 */
class NewVoicesProductTest {
  @TempDir static Path dir;
  static Path manifest;
  static Path release;
  static final int SR = 16000;

  static float[] voice(Emotion e, int speaker, Random r, double seconds) {
    double f0 = (140 + 45 * e.ordinal()) * (1 + 0.06 * speaker) + r.nextGaussian() * 3;
    double level = (0.1 + 0.05 * speaker) * (0.8 + 0.4 * r.nextDouble());
    float[] x = new float[(int) (seconds * SR)];
    for (int t = 0; t < x.length; t++) {
      double s = 0;
      for (int h = 1; h <= 4; h++) {
        s += Math.sin(2 * Math.PI * f0 * h * t / SR) / h;
      }
      x[t] = (float) (level * s / 2 + 0.005 * r.nextGaussian());
    }
    return x;
  }

  /**
   * Writes {@code speakers} x 7 emotions x {@code clips} tones of 1 s ({@link #voice}) under
   * {@code dir/clips}, and their manifest ({@code path,emotion,speaker}), which it returns.
   */
  static Path toneCorpus(Path dir, int speakers, int clips, Random r) throws IOException {
    List<String> rows = new ArrayList<>(List.of("path,emotion,speaker"));
    for (int speaker = 0; speaker < speakers; speaker++) {
      for (Emotion e : Emotion.SEVEN) {
        for (int i = 0; i < clips; i++) {
          String name = "s" + speaker + "-" + e.label().toLowerCase() + "-" + i + ".wav";
          WavWriter.pcm16().write(dir.resolve("clips").resolve(name), new Audio(voice(e, speaker, r, 1.0), SR));
          rows.add("clips/" + name + "," + e.label().toLowerCase() + ",spk" + speaker);
        }
      }
    }
    return Files.write(dir.resolve("manifest.csv"), rows);
  }

  @BeforeAll
  static void trainTheReleaseModel() throws IOException {
    manifest = toneCorpus(dir, 4, 6, new Random(11));
    release = dir.resolve("release");
    MainTest.Result t = MainTest.run("train", "--model", "mlp", "--split", "none", "--data", manifest.toString(),
        "--out", release.toString(), "--no-cache", "--no-progress", "--augment", "none", "--epochs", "60",
        "--normalize", "speaker");
    assertThat(t.code()).as(t.err() + t.out()).isZero();
  }

  @Test
  void splitNoneTrainsOnEveryClipAndSaysThereIsNoTestPart() throws Exception {
    assertThat(ReleaseInfo.isRelease(release)).isTrue();
    ReleaseInfo info = ReleaseInfo.read(release);
    assertThat(info.protocol()).isEqualTo("none");
    assertThat(info.nTrain()).isEqualTo(4 * 7 * 6);
    assertThat(info.speakers()).isEqualTo(4);
    assertThat(info.clipsPerClass()).containsEntry("Angry", 24).hasSize(7);
    assertThat(info.epochs()).isEqualTo(60);
    assertThat(ModelSpec.read(release).split().protocol()).isEqualTo(art.empathic.corpus.Protocol.NONE);
    // No test part: no predictions, no metrics, and a report that invents no accuracy.
    assertThat(release.resolve(RunMetrics.FILE)).doesNotExist();
    assertThat(release.resolve("predictions.csv")).doesNotExist();
    String report = Files.readString(release.resolve("report.md"));
    assertThat(report).contains("release model").contains("no test part").doesNotContainIgnoringCase("accuracy");
    assertThat(release.resolve("report.html")).exists();
    // Finished: neither resumed nor overwritten.
    assertThat(MainTest.run("train", "--resume", release.toString()).err()).contains("already finished");
    assertThat(MainTest.run("train", "--model", "mlp", "--split", "none", "--data", manifest.toString(), "--out",
        release.toString()).err()).contains("already holds a finished run");
    // Reports over run folders name it instead of failing on it.
    MainTest.Result compare = MainTest.run("compare", release.toString());
    assertThat(compare.err() + compare.out()).contains("release model");
  }

  @Test
  void trainWithoutModelUsesTheDefaultFamily() {
    TrainCommand cmd = new TrainCommand();
    new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--data", manifest.toString(), "--split", "none");
    ModelSpec spec = cmd.spec();
    assertThat(spec.model()).isEqualTo(DefaultFamily.FAMILY.cliName());
    assertThat(spec.split().protocol()).isEqualTo(art.empathic.corpus.Protocol.NONE);
  }

  @Test
  void aSessionAdaptsToItsSpeakerOnceItHasHeardEnough() throws Exception {
    Random r = new Random(5);
    try (EmotionRecognizer rec = EmotionRecognizer.load(release)) {
      SpeakerSession session = rec.newSession();
      assertThat(session.adaptation().supported()).isTrue();
      assertThat(session.adaptation().adapting()).isFalse();
      float[] probe = voice(Emotion.SAD, 3, r, 1.0);
      // Before enough speech, the session predicts exactly as the recognizer does.
      assertThat(session.predict(probe, SR, false).probabilities()).isEqualTo(rec.predict(probe, SR).probabilities());
      double minSeconds = SpeakerStatistics.Blend.DEFAULT.minSeconds();
      int clips = 0;
      while (session.adaptation().secondsHeard() < minSeconds) {
        Emotion e = Emotion.SEVEN.get(clips % 7);
        EmotionPrediction p = session.predict(voice(e, 3, r, 1.0), SR);
        assertThat(p.voiceHeard()).isTrue();
        clips++;
      }
      assertThat(clips).isEqualTo((int) Math.ceil(minSeconds));
      SpeakerSession.Adaptation a = session.adaptation();
      assertThat(a.adapting()).isTrue();
      assertThat(a.secondsHeard()).isCloseTo(clips, offset(1e-6));
      assertThat(a.weight()).isCloseTo(SpeakerStatistics.Blend.DEFAULT.weight(clips), offset(1e-9)).isGreaterThan(0);
      // Now the speaker's statistics are in use: the same clip is heard differently.
      EmotionPrediction adapted = session.predict(probe, SR, false);
      assertThat(adapted.probabilities()).isNotEqualTo(rec.predict(probe, SR).probabilities());
      // learn=false and clips without a voice add nothing.
      session.predict(new float[3 * SR], SR);
      assertThat(session.adaptation().secondsHeard()).isCloseTo(clips, offset(1e-6));
      // A second session starts from nothing: sessions do not share a speaker.
      assertThat(rec.newSession().adaptation().secondsHeard()).isZero();
    }
  }

  @Test
  void theWeightIsCappedSoASteadySpeakerKeepsTheirEmotion() {
    SpeakerStatistics.Blend b = SpeakerStatistics.Blend.DEFAULT;
    assertThat(b.weight(0)).isZero();
    assertThat(b.weight(b.minSeconds() - 0.1)).isZero();
    assertThat(b.weight(b.minSeconds())).isCloseTo(Math.min(b.maxWeight(), b.minSeconds() / (b.minSeconds()
        + b.priorSeconds())), offset(1e-12)).isPositive();
    assertThat(b.weight(1e6)).isEqualTo(b.maxWeight()).isLessThan(1);
    // Below the cap the weight grows with the speech heard: h / (h + prior).
    SpeakerStatistics.Blend ramp = new SpeakerStatistics.Blend(10, 30, 1);
    assertThat(ramp.weight(10)).isCloseTo(0.25, offset(1e-12));
    assertThat(ramp.weight(30)).isCloseTo(0.5, offset(1e-12));
    assertThat(ramp.weight(90)).isCloseTo(0.75, offset(1e-12));
    assertThat(SpeakerStatistics.Blend.NONE.weight(1e6)).isZero();
  }

  @Test
  void predictSameSpeakerSaysHowFarTheSessionGot() throws Exception {
    Random r = new Random(9);
    List<String> args = new ArrayList<>(List.of("predict", "--model", release.toString(), "--same-speaker", "--json"));
    for (int i = 0; i < 12; i++) {
      Path f = dir.resolve("same").resolve("c" + i + ".wav");
      WavWriter.pcm16().write(f, new Audio(voice(Emotion.SEVEN.get(i % 7), 2, r, 1.0), SR));
      args.add(f.toString());
    }
    MainTest.Result res = MainTest.run(args.toArray(String[]::new));
    assertThat(res.code()).as(res.err()).isZero();
    assertThat(res.out().strip().split("\n")).hasSize(12);
    assertThat(res.err()).contains("same speaker: 12.0 s of speech heard; adaptation weight");
  }

  @Test
  void silenceAndNoiseAreNoVoiceEverywhere() throws Exception {
    Path silence = dir.resolve("silence.wav");
    WavWriter.pcm16().write(silence, new Audio(new float[3 * SR], SR));
    Random r = new Random(3);
    float[] hiss = new float[3 * SR];
    for (int i = 0; i < hiss.length; i++) {
      hiss[i] = (float) (0.05 * r.nextGaussian());
    }
    Path noise = dir.resolve("noise.wav");
    WavWriter.pcm16().write(noise, new Audio(hiss, SR));

    try (EmotionRecognizer rec = EmotionRecognizer.load(release)) {
      EmotionPrediction p = rec.predict(silence);
      assertThat(p.voiceHeard()).isFalse();
      assertThat(p.top()).isNull();
      assertThat(p.probabilities()).isEmpty();
      assertThat(p.sure()).isFalse();
      assertThat(p.noVoiceReason()).contains("silence");
      assertThat(rec.predict(noise).noVoiceReason()).contains("no voiced speech");

      // The HTTP API: 3 s of digital silence answers no emotion, with the reason.
      try (EmotionServer server = new EmotionServer(rec, ServerLimits.defaults()).start("127.0.0.1", 0)) {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/predict"))
            .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofFile(silence)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode json = PredictionJson.MAPPER.readTree(res.body());
        assertThat(json.get("top").isNull()).isTrue();
        assertThat(json.get("voice").asBoolean()).isFalse();
        assertThat(json.get("reason").asText()).contains("silence");
        assertThat(json.get("probabilities").size()).isZero();
      }
    }
    // predict, text and JSON
    MainTest.Result text = MainTest.run("predict", "--model", release.toString(), silence.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("no voice heard: silence");
    MainTest.Result json = MainTest.run("predict", "--model", release.toString(), "--json", noise.toString());
    JsonNode n = PredictionJson.MAPPER.readTree(json.out());
    assertThat(n.get("top").isNull()).isTrue();
    assertThat(n.get("reason").asText()).contains("no voiced speech");
    // art paints nothing for it
    Path png = dir.resolve("silence.png");
    MainTest.Result art = MainTest.run("art", "--model", release.toString(), silence.toString(), "-o", png.toString());
    assertThat(art.code()).isEqualTo(ArtCommand.EXIT_NO_VOICE);
    assertThat(art.out()).contains("no voice heard");
    assertThat(png).doesNotExist();
  }

  @Test
  void theTextSaysNotSure() {
    java.util.Map<Emotion, Double> m = new java.util.LinkedHashMap<>();
    for (Emotion e : Emotion.SEVEN) {
      m.put(e, e == Emotion.FEAR ? 0.3 : 0.7 / 6);
    }
    ClipAnalysis a = new ClipAnalysis("x.wav", 2, EmotionPrediction.of(m), List.of());
    assertThat(PredictCommand.text(a)).startsWith("x.wav  not sure: Fear 30%");
    m.replaceAll((e, v) -> e == Emotion.FEAR ? 0.82 : 0.03);
    assertThat(PredictCommand.text(new ClipAnalysis("y.wav", 2, EmotionPrediction.of(m), List.of())))
        .startsWith("y.wav  Fear 82%");
  }

  @Test
  void aVoiceIsStillHeardAndJudgedSureOrNot() throws Exception {
    try (EmotionRecognizer rec = EmotionRecognizer.load(release)) {
      EmotionPrediction p = rec.predict(voice(Emotion.HAPPY, 1, new Random(1), 1.0), SR);
      assertThat(p.voiceHeard()).isTrue();
      assertThat(p.sure()).isEqualTo(p.confidence() >= EmotionPrediction.NOT_SURE_BELOW);
      JsonNode n = PredictionJson.prediction(p);
      assertThat(n.get("voice").asBoolean()).isTrue();
      assertThat(n.get("sure").asBoolean()).isEqualTo(p.sure());
    }
  }
}
