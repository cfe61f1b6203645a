package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.GatedRecognizer;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.TestRecognizers;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission by time, cheap refusals, slow and idle clients, and the metrics: the behaviours of
 * docs/RELIABILITY.md. The load figures themselves are benchmarks ({@code bench serve}), not tests.
 */
class ServerLoadTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final RunningServers servers = new RunningServers();

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  /** The tone recognizer, taking {@code millis} per prediction. */
  static EmotionRecognizer slow(long millis) {
    EmotionRecognizer tone = TestRecognizers.tone();
    return new EmotionRecognizer() {
      @Override
      public List<Emotion> classes() {
        return tone.classes();
      }

      @Override
      public EmotionPrediction predict(float[] samples, int sampleRate) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return tone.predict(samples, sampleRate);
      }

      @Override
      public void close() {
        tone.close();
      }
    };
  }

  private HttpRequest predictRequest(EmotionServer s, byte[] wav) {
    return HttpRequest.newBuilder(EmotionServerTest.uri(s, "/api/predict")).header("Content-Type", "audio/wav")
        .POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
  }

  private JsonNode health(EmotionServer s) throws Exception {
    return PredictionJson.MAPPER.readTree(http.send(HttpRequest.newBuilder(EmotionServerTest.uri(s, "/api/health")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  @Test
  void requestsWaitWhileTheyFitTheTimeoutAndAreRefusedWithRetryAfterBeyond() throws Exception {
    // 200 ms per prediction, one worker, 4 s timeout: the estimate admits about 16 at once.
    EmotionServer s = servers.start(slow(200), ServerLimits.defaults().withWorkers(1).withRequestTimeout(Duration.ofSeconds(4)));
    byte[] wav = TestRecognizers.toneWav(Emotion.CALM, 1);
    for (int i = 0; i < 3; i++) {
      assertThat(http.send(predictRequest(s, wav), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
    List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      burst.add(http.sendAsync(predictRequest(s, wav), HttpResponse.BodyHandlers.ofString()));
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (var f : burst) {
      HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
      statuses.merge(r.statusCode(), 1, Integer::sum);
      if (r.statusCode() == 429) {
        assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 10));
        assertThat(PredictionJson.MAPPER.readTree(r.body()).get("error").asText()).contains("estimated wait");
      }
    }
    // Many more than one worker's worth waited and were answered; the estimate's 20% headroom
    // keeps admitted requests within the timeout (a very loaded machine may still miss a few).
    assertThat(statuses.getOrDefault(200, 0)).as(statuses + " " + health(s)).isGreaterThan(5);
    assertThat(statuses.getOrDefault(429, 0)).as(statuses.toString()).isPositive();
    assertThat(statuses.getOrDefault(503, 0)).as(statuses.toString()).isLessThanOrEqualTo(3);
    assertThat(statuses.keySet()).as(statuses.toString()).isSubsetOf(200, 429, 503);
    JsonNode h = health(s);
    assertThat(h.get("refusals").asLong()).isEqualTo(statuses.get(429).longValue());
    assertThat(h.get("served").asLong()).isEqualTo(3L + statuses.get(200));
    assertThat(h.get("timeouts").asLong()).isEqualTo(statuses.getOrDefault(503, 0).longValue());
    assertThat(h.get("serviceSecondsP50").asDouble()).isBetween(0.19, 1.0);
  }

  @Test
  void aBusyServerRefusesBeforeReadingTheBody() throws Exception {
    GatedRecognizer gated = new GatedRecognizer();
    EmotionServer s = servers.start(gated, ServerLimits.defaults().withWorkers(1).withQueue(0));
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(predictRequest(s, TestRecognizers.toneWav(Emotion.CALM, 1)),
        HttpResponse.BodyHandlers.ofString());
    assertThat(gated.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      socket.setSoTimeout(5000);
      // Declares a 2 MB body (above the discard limit) and sends none of it: the answer must come anyway.
      socket.getOutputStream().write(("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\n"
          + "Content-Length: 2000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String head = readHead(socket.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ");
    }
    gated.open();
    assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aClientWaitingFor100ContinueIsRefusedWithoutSendingItsBody() throws Exception {
    GatedRecognizer gated = new GatedRecognizer();
    EmotionServer s = servers.start(gated, ServerLimits.defaults().withWorkers(1).withQueue(0).withRefusalPause(Duration.ZERO));
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(predictRequest(s, TestRecognizers.toneWav(Emotion.CALM, 1)),
        HttpResponse.BodyHandlers.ofString());
    assertThat(gated.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      socket.setSoTimeout(5000);
      // A body small enough to be skipped, but the client waits for 100 Continue before sending it:
      // the answer must be the final 429, not a 100 that asks for the body.
      write(socket.getOutputStream(), "POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\n"
          + "Expect: 100-continue\r\nContent-Length: 100000\r\n\r\n");
      String head = readHead(socket.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ").containsIgnoringCase("Connection: close");
    }
    gated.open();
    assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void refusalsAreAnsweredAfterThePauseWithoutHoldingAThreadEach() throws Exception {
    GatedRecognizer gated = new GatedRecognizer();
    Duration pause = Duration.ofSeconds(3);
    EmotionServer s = servers.start(gated, ServerLimits.defaults().withWorkers(1).withQueue(0).withRefusalPause(pause));
    byte[] wav = TestRecognizers.toneWav(Emotion.CALM, 1);
    CompletableFuture<HttpResponse<String>> running = http.sendAsync(predictRequest(s, wav), HttpResponse.BodyHandlers.ofString());
    assertThat(gated.started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    int threadsBefore = Thread.activeCount();
    // 300 refused uploads at once, more than the server's request threads (250): each waits
    // for its answer without a thread, so the thread count stays and all are answered together.
    List<Socket> refused = new ArrayList<>();
    try {
      long sent = System.nanoTime();
      for (int i = 0; i < 300; i++) {
        Socket c = new Socket("127.0.0.1", s.port());
        c.setSoTimeout(20_000);
        c.getOutputStream().write(("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\nContent-Length: "
            + wav.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        c.getOutputStream().write(wav);
        refused.add(c);
      }
      // While they wait, the server answers other requests and has not started a thread per refusal.
      assertThat(health(s).get("status").asText()).isEqualTo("ok");
      assertThat(Thread.activeCount() - threadsBefore).as("threads started for 300 waiting refusals").isLessThan(100);
      for (Socket c : refused) {
        String head = readHead(c.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ").containsIgnoringCase("Connection: close");
        if (c == refused.get(0)) {
          // The first refusal came no sooner than the pause: a client retrying at once cannot spin faster.
          assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(pause.toNanos());
        }
      }
    } finally {
      for (Socket c : refused) {
        c.close();
      }
    }
    gated.open();
    assertThat(running.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(health(s).get("refusals").asLong()).isEqualTo(300);
  }

  @Test
  void slowlorisAndIdleConnectionsDoNotStarveOthersAndAreClosed() throws Exception {
    EmotionServer s = servers.start(TestRecognizers.tone(), ServerLimits.defaults().withIdleTimeout(Duration.ofSeconds(1))
        .withMinRequestBytesPerSecond(1000));
    List<Socket> attackers = new ArrayList<>();
    try {
      // 300 connections: half send part of a header, half a header and then a trickle of body.
      for (int i = 0; i < 300; i++) {
        Socket a = new Socket("127.0.0.1", s.port());
        a.setSoTimeout(10_000);
        String start = i % 2 == 0 ? "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: "
            : "POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\nContent-Length: 100000\r\n\r\nRIFF";
        a.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        attackers.add(a);
      }
      byte[] wav = TestRecognizers.toneWav(Emotion.HAPPY, 1);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = http.send(predictRequest(s, wav), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      // Within the idle timeout (plus slack) the server has closed every stalled connection.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
      for (Socket a : attackers) {
        a.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        assertThat(drainToEnd(a.getInputStream())).as("closed by the server").isTrue();
      }
    } finally {
      for (Socket a : attackers) {
        a.close();
      }
    }
  }

  @Test
  void metricsAreInPrometheusTextFormat() throws Exception {
    EmotionServer s = servers.start(TestRecognizers.tone(), ServerLimits.defaults());
    assertThat(http.send(predictRequest(s, TestRecognizers.toneWav(Emotion.SAD, 1)), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(200);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    Pattern sample = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})? "
        + "(NaN|[-+]?[0-9.]+(E[-+]?[0-9]+)?)");
    Map<String, String> values = new TreeMap<>();
    for (String line : r.body().split("\n")) {
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        continue;
      }
      assertThat(line).matches(sample);
      values.put(line.substring(0, line.lastIndexOf(' ')), line.substring(line.lastIndexOf(' ') + 1));
    }
    assertThat(values).containsEntry("empathic_predict_requests_total{outcome=\"served\"}", "1")
        .containsEntry("empathic_predict_requests_total{outcome=\"refused\"}", "0")
        .containsEntry("empathic_service_seconds_count", "1")
        .containsKeys("empathic_service_seconds{quantile=\"0.99\"}", "empathic_live_sessions", "empathic_predictions_queued");
    assertThat(r.body()).contains("# TYPE empathic_service_seconds summary");
  }

  /** Reads an HTTP response head (up to the blank line). */
  static String readHead(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) >= 0; ) {
      b.append((char) c);
      if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return b.toString();
  }

  /** Reads until the peer closes; false if it did not within the socket timeout. */
  static boolean drainToEnd(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // discard any answer (a 408 or 400 is fine)
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
