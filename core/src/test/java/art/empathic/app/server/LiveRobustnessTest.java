package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.TestRecognizers;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live WebSocket under hostile or broken clients: fuzzed frames and half-open connections. */
class LiveRobustnessTest {
  private final RunningServers servers = new RunningServers();

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  private static int liveSessions(EmotionServer s) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/health"))
        .build(), HttpResponse.BodyHandlers.ofString());
    return PredictionJson.MAPPER.readTree(r.body()).get("liveSessions").asInt();
  }

  /** Random text, wrong formats, absurd rates, odd and non-finite binary frames (seeded). */
  @Test
  void fuzzedFramesGetOneLineErrorsAndTheServerCarriesOn() throws Exception {
    EmotionServer s = servers.start(TestRecognizers.tone(), ServerLimits.defaults().withMaxLiveSessions(64));
    Random rnd = new Random(12);
    String[] texts = {
      "", "{", "null", "[]", "42", "{\"type\":\"start\",\"sampleRate\":1e12}", "{\"type\":\"start\",\"sampleRate\":-5}",
      "{\"type\":\"start\",\"sampleRate\":\"fast\"}", "{\"type\":\"start\",\"encoding\":\"mp3\"}", "{\"type\":\"stop\"}",
      "{\"type\":\"start\",\"sampleRate\":8000,\"encoding\":\"s16le\"}", "{\"type\":\"start\",\"sampleRate\":48000,\"encoding\":\"f32le\"}",
      "\u0000\u0001\u00ff", "{\"type\":[1,2,3]}", "x".repeat(4000)
    };
    int errors = 0;
    for (int c = 0; c < 30; c++) {
      LiveAudioTest.Client client = LiveAudioTest.Client.connect(s);
      for (int m = 0; m < 8 && !client.closed.isDone(); m++) {
        try {
          if (rnd.nextBoolean()) {
            client.text(texts[rnd.nextInt(texts.length)]);
          } else {
            byte[] b = new byte[rnd.nextInt(rnd.nextBoolean() ? 7 : 40_000)];
            rnd.nextBytes(b);
            if (rnd.nextInt(4) == 0 && b.length >= 4) {
              ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, Float.NaN);
            }
            client.sendBinary(b);
          }
        } catch (RuntimeException closedMeanwhile) {
          break; // the server closed the connection; that is an allowed answer
        }
      }
      client.closed.completeOnTimeout(-2, 300, TimeUnit.MILLISECONDS).join();
      for (JsonNode n; (n = client.messages.poll()) != null; ) {
        assertThat(n.path("type").asText()).isIn("ready", "prediction", "quiet", "error");
        if (n.path("type").asText().equals("error")) {
          errors++;
          assertThat(n.get("error").asText()).isNotBlank().doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        }
      }
      client.ws.abort();
    }
    assertThat(errors).as("the fuzz provoked errors").isGreaterThan(5);
    // Still serving: a well-behaved client is answered, and the fuzzers' slots are free again.
    LiveAudioTest.Client good = LiveAudioTest.Client.connect(s);
    good.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
    assertThat(good.next().get("type").asText()).isEqualTo("ready");
    good.stream(TestRecognizers.tone(Emotion.HAPPY, 1.5, 16000), 16000);
    assertThat(good.next().get("type").asText()).isEqualTo("prediction");
    good.ws.abort();
    for (int i = 0; i < 100 && liveSessions(s) > 0; i++) {
      Thread.sleep(50);
    }
    assertThat(liveSessions(s)).isZero();
  }

  @Test
  void aSilentHalfOpenConnectionLosesItsSlotAfterTheIdleTimeout() throws Exception {
    EmotionServer s = servers.start(TestRecognizers.tone(), ServerLimits.defaults().withMaxLiveSessions(1)
        .withLiveIdleTimeout(Duration.ofSeconds(3)));
    // A raw upgrade that then neither sends nor reads: the client vanished without closing.
    try (Socket silent = new Socket("127.0.0.1", s.port())) {
      silent.getOutputStream().write(("GET /api/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      silent.setSoTimeout(5000);
      assertThat(ServerLoadTest.readHead(silent.getInputStream())).startsWith("HTTP/1.1 101");
      for (int i = 0; i < 100 && liveSessions(s) == 0; i++) {
        Thread.sleep(10); // the slot is taken just after the upgrade is answered
      }
      assertThat(liveSessions(s)).isEqualTo(1);
      // While it holds the only slot, others are refused ...
      LiveAudioTest.Client refused = LiveAudioTest.Client.connect(s);
      assertThat(refused.next().get("error").asText()).contains("too many live connections");
      // ... and after the idle timeout the slot is free again.
      for (int i = 0; i < 100 && liveSessions(s) > 0; i++) {
        Thread.sleep(50);
      }
      assertThat(liveSessions(s)).isZero();
      LiveAudioTest.Client next = LiveAudioTest.Client.connect(s);
      next.text("{\"type\":\"start\",\"sampleRate\":16000}");
      assertThat(next.next().get("type").asText()).isEqualTo("ready");
      next.ws.abort();
    }
  }
}
