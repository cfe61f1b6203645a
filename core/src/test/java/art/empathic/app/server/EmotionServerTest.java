package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.GatedRecognizer;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.TestRecognizers;
import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmotionServerTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RunningServers servers = new RunningServers();

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  private EmotionServer start(EmotionRecognizer r, ServerLimits limits) {
    return servers.start(r, limits);
  }

  private EmotionServer start() {
    return start(TestRecognizers.tone(), ServerLimits.defaults());
  }

  static URI uri(EmotionServer s, String path) {
    return URI.create("http://127.0.0.1:" + s.port() + path);
  }

  private HttpResponse<String> get(EmotionServer s, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(s, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(EmotionServer s, String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    return PredictionJson.MAPPER.readTree(r.body());
  }

  /** A JSON error: the status, one line, no stack trace or Java internals. */
  private static String error(HttpResponse<String> r, int status) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode n = json(r);
    assertThat(n.size()).isEqualTo(1);
    String msg = n.get("error").asText();
    assertThat(msg).isNotBlank().doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
    return msg;
  }

  @Test
  void healthAndModelDescribeTheServedModel() throws Exception {
    EmotionServer s = start();
    JsonNode health = json(get(s, "/api/health"));
    assertThat(health.get("status").asText()).isEqualTo("ok");
    assertThat(health.get("model").asText()).isEqualTo("tone-test-model");

    JsonNode model = json(get(s, "/api/model"));
    assertThat(model.get("name").asText()).isEqualTo("tone-test-model");
    assertThat(model.get("classes")).extracting(JsonNode::asText).containsExactly("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise");
    assertThat(model.get("features").get("nMfcc").asInt()).isEqualTo(40);
    assertThat(model.get("metrics").get("accuracy").asDouble()).isEqualTo(0.5);
    assertThat(model.get("circumplex").get("Sad").get("valence").asDouble()).isNegative();
    assertThat(model.get("limits").get("maxUploadBytes").asLong()).isEqualTo(ServerLimits.defaults().maxUploadBytes());
  }

  @Test
  void aRawWavBodyGetsTheSameJsonAsPredictJson() throws Exception {
    EmotionServer s = start();
    byte[] wav = TestRecognizers.toneWav(Emotion.HAPPY, 1.5);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(s, "/api/predict"))
        .header("Content-Type", "audio/wav").header("X-File-Name", "me.wav")
        .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("top").asText()).isEqualTo("Happy");
    assertThat(body.get("file").asText()).isEqualTo("me.wav");

    Audio audio = WavReader.decode(wav, "me.wav");
    try (EmotionRecognizer same = TestRecognizers.tone()) {
      ObjectNode expected = PredictionJson.clip(ClipAnalysis.analyze(same, "me.wav", audio, ClipAnalysis.Windowing.NONE));
      assertThat(body).isEqualTo(expected);
    }
  }

  @Test
  void aMultipartUploadIsAcceptedToo() throws Exception {
    EmotionServer s = start();
    String boundary = "----empathic" + System.nanoTime();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n").getBytes(StandardCharsets.UTF_8));
    b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"voice.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    b.write(TestRecognizers.toneWav(Emotion.DISGUST, 1));
    b.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = post(s, "/api/predict", "multipart/form-data; boundary=" + boundary, b.toByteArray());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("top").asText()).isEqualTo("Disgust");
    assertThat(json(r).get("file").asText()).isEqualTo("voice.wav");

    String empty = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + boundary + "--\r\n";
    assertThat(error(post(s, "/api/predict", "multipart/form-data; boundary=" + boundary, empty.getBytes(StandardCharsets.UTF_8)), 400))
        .contains("no file");
  }

  @Test
  void windowQueryParametersGiveATimeline() throws Exception {
    EmotionServer s = start();
    HttpResponse<String> r = post(s, "/api/predict?window=2&hop=1", "audio/wav", TestRecognizers.toneWav(Emotion.SAD, 4));
    JsonNode t = json(r).get("timeline");
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.get(2).get("top").asText()).isEqualTo("Sad");
    assertThat(error(post(s, "/api/predict?window=abc", "audio/wav", TestRecognizers.toneWav(Emotion.SAD, 1)), 400)).contains("window");
    assertThat(error(post(s, "/api/predict?window=2&hop=5", "audio/wav", TestRecognizers.toneWav(Emotion.SAD, 1)), 400)).contains("hop must be");
  }

  @Test
  void badAudioIsA400NamingTheUpload() throws Exception {
    EmotionServer s = start();
    assertThat(error(post(s, "/api/predict", "audio/wav", "RIFF but not really a wave file".getBytes(StandardCharsets.UTF_8)), 400))
        .startsWith("upload.wav: ");
    assertThat(error(post(s, "/api/predict", "audio/wav", new byte[0]), 400)).contains("empty request body");
    byte[] truncated = java.util.Arrays.copyOf(TestRecognizers.toneWav(Emotion.SAD, 1), 30);
    assertThat(error(post(s, "/api/predict", null, truncated), 400)).startsWith("upload.wav: ");
  }

  @Test
  void otherContentTypesAreA415() throws Exception {
    EmotionServer s = start();
    assertThat(error(post(s, "/api/predict", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)), 415))
        .contains("text/plain").contains("audio/wav");
    assertThat(error(post(s, "/api/predict", "audio/mpeg", new byte[100]), 415)).contains("audio/mpeg");
  }

  @Test
  void tooLargeUploadsAndTooLongClipsAreA413() throws Exception {
    EmotionServer s = start(TestRecognizers.tone(), ServerLimits.defaults().withMaxUploadBytes(64 * 1024).withMaxAudioSeconds(1.5));
    assertThat(error(post(s, "/api/predict", "audio/wav", TestRecognizers.toneWav(Emotion.SAD, 3)), 413)).contains("65536 bytes");
    // Chunked (no Content-Length): the cap applies while reading.
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri(s, "/api/predict")).header("Content-Type", "audio/wav")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(TestRecognizers.toneWav(Emotion.SAD, 3)))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(error(chunked, 413)).contains("exceeds the limit");
    assertThat(error(post(s, "/api/predict", "audio/wav", TestRecognizers.toneWav(Emotion.SAD, 1.9)), 413))
        .isEqualTo("upload.wav: audio is 1.9 s long; the limit is 2 s".replace("2 s", String.format("%.0f s", 1.5)));
    assertThat(post(s, "/api/predict", "audio/wav", TestRecognizers.toneWav(Emotion.SAD, 1.4)).statusCode()).isEqualTo(200);
  }

  @Test
  void whenWorkersAndQueueAreFullTheNextRequestIsA429() throws Exception {
    GatedRecognizer gated = new GatedRecognizer();
    EmotionServer s = start(gated, ServerLimits.defaults().withWorkers(1).withQueue(1));
    byte[] wav = TestRecognizers.toneWav(Emotion.CALM, 1);
    HttpRequest req = HttpRequest.newBuilder(uri(s, "/api/predict")).header("Content-Type", "audio/wav")
        .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    assertThat(gated.started.tryAcquire(10, TimeUnit.SECONDS)).as("first prediction started").isTrue();
    CompletableFuture<HttpResponse<String>> queued = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    // Wait until the second one sits in the queue.
    for (int i = 0; i < 500 && json(get(s, "/api/health")).get("queuedPredictions").asInt() == 0; i++) {
      Thread.sleep(10);
    }
    assertThat(json(get(s, "/api/health")).get("queuedPredictions").asInt()).isEqualTo(1);
    HttpResponse<String> refused = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(error(refused, 429)).contains("busy").contains("retry after");
    assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    gated.open();
    assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aPredictionThatOutlivesTheTimeoutIsA503() throws Exception {
    GatedRecognizer gated = new GatedRecognizer();
    EmotionServer s = start(gated, ServerLimits.defaults().withRequestTimeout(Duration.ofMillis(300)));
    HttpResponse<String> late = post(s, "/api/predict", "audio/wav", TestRecognizers.toneWav(Emotion.CALM, 1));
    assertThat(error(late, 503)).contains("did not finish");
    assertThat(late.headers().firstValue("Retry-After")).isPresent();
    gated.open();
    assertThat(json(get(s, "/api/health")).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aFailingModelIsA500WithoutInternals() throws Exception {
    EmotionServer s = start(TestRecognizers.failing(), ServerLimits.defaults());
    String msg = error(post(s, "/api/predict", "audio/wav", TestRecognizers.toneWav(Emotion.CALM, 1)), 500);
    assertThat(msg).contains("prediction failed").doesNotContain("djl").doesNotContain("tensor");
    assertThat(json(get(s, "/api/health")).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void uploadNamesAreCleanedForMessages() {
    assertThat(EmotionServer.uploadName(null)).isEqualTo("upload.wav");
    assertThat(EmotionServer.uploadName("C:\\Users\\me\\voice.wav")).isEqualTo("voice.wav");
    assertThat(EmotionServer.uploadName("../../etc/x.wav")).isEqualTo("x.wav");
    assertThat(EmotionServer.uploadName("a\u0007b.wav")).isEqualTo("ab.wav");
    assertThat(EmotionServer.uploadName("/")).isEqualTo("upload.wav");
    assertThat(EmotionServer.uploadName("x".repeat(500))).hasSize(120);
  }

  @Test
  void unknownApiPathsAreJson404s() throws Exception {
    EmotionServer s = start();
    assertThat(error(get(s, "/api/nope"), 404)).contains("GET /api/nope");
  }

  @Test
  void thePageAndItsAssetsAreServedByTheAppWithNoExternalReferences() throws Exception {
    EmotionServer s = start();
    HttpResponse<String> page = get(s, "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<canvas id=\"art\"").contains("app.js").contains("style.css");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
    JsonNode params = PredictionJson.MAPPER.readTree(get(s, "/art-params.json").body());
    for (Emotion e : Emotion.values()) {
      assertThat(params.get("emotions").has(e.label())).as(e.label()).isTrue();
    }
    for (String asset : List.of("/", "/app.js", "/art.js", "/audio.js", "/capture-worklet.js", "/style.css", "/favicon.svg")) {
      HttpResponse<String> r = get(s, asset);
      assertThat(r.statusCode()).as(asset).isEqualTo(200);
      // Nothing fetched from elsewhere (SVG namespace URIs are names, not fetches).
      assertThat(r.body().replace("http://www.w3.org/2000/svg", "")).as(asset).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
    }
  }
}
