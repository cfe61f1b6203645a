package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.TestRecognizers;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live-audio WebSocket protocol of docs/API.md, end to end. */
class LiveAudioTest {
  private final RunningServers servers = new RunningServers();

  @AfterEach
  void stop() throws Exception {
    servers.close();
  }

  private EmotionServer start(ServerLimits limits) {
    return servers.start(TestRecognizers.tone(), limits);
  }

  /** A client that queues every text message and the close code. */
  static final class Client implements WebSocket.Listener {
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    static Client connect(EmotionServer s) throws Exception {
      Client c = new Client();
      c.ws = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + s.port() + "/api/live"), c).get(10, TimeUnit.SECONDS);
      return c;
    }

    /** A client that has started a 16 kHz s16le stream and read the server's "ready". */
    static Client started(EmotionServer s) throws Exception {
      Client c = connect(s);
      c.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
      c.next();
      return c;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(PredictionJson.MAPPER.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    JsonNode next() throws InterruptedException {
      JsonNode n = messages.poll(10, TimeUnit.SECONDS);
      assertThat(n).as("a message within 10 s").isNotNull();
      return n;
    }

    void text(String s) {
      ws.sendText(s, true).join();
    }

    void pcm16(float[] x, int from, int to) {
      ByteBuffer b = ByteBuffer.allocate((to - from) * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = from; i < to; i++) {
        b.putShort((short) Math.round(x[i] * 32767));
      }
      sendBinary(b.array());
    }

    /**
     * Sends bytes from a big-endian buffer: the JDK client's frame masking reads the buffer as
     * longs in the buffer's byte order and scrambles little-endian buffers.
     */
    void sendBinary(byte[] bytes) {
      ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** Streams audio in 100 ms frames, as fast as it goes. */
    void stream(float[] x, int rate) {
      int frame = rate / 10;
      for (int i = 0; i < x.length; i += frame) {
        pcm16(x, i, Math.min(x.length, i + frame));
      }
    }

    /**
     * Streams audio the way a microphone would, never ahead of the answers: half a second at a
     * time, and after each half second from the first second on, waits for the answer it is due.
     */
    List<JsonNode> streamPaced(float[] x, int rate, double alreadySent) throws InterruptedException {
      List<JsonNode> answers = new ArrayList<>();
      int half = rate / 2;
      double sent = alreadySent;
      for (int i = 0; i < x.length; i += half) {
        pcm16(x, i, Math.min(x.length, i + half));
        sent += Math.min(half, x.length - i) / (double) rate;
        if (sent >= 1.0 - 1e-9) {
          answers.add(next());
        }
      }
      return answers;
    }
  }

  @Test
  void streamedSpeechIsAnsweredEveryHalfSecondWithSmoothedProbabilities() throws Exception {
    EmotionServer s = start(ServerLimits.defaults());
    Client c = Client.connect(s);
    c.text("{\"type\":\"start\",\"sampleRate\":22050,\"encoding\":\"s16le\"}");
    JsonNode ready = c.next();
    assertThat(ready.get("type").asText()).isEqualTo("ready");
    assertThat(ready.get("sampleRate").asInt()).isEqualTo(22050);
    assertThat(ready.get("updateSeconds").asDouble()).isEqualTo(0.5);

    List<JsonNode> predictions = c.streamPaced(TestRecognizers.tone(Emotion.SURPRISE, 3, 22050), 22050, 0);
    assertThat(predictions).allSatisfy(p -> {
      assertThat(p.get("type").asText()).isEqualTo("prediction");
      assertThat(p.get("top").asText()).isEqualTo("Surprise");
      assertThat(p.get("probabilities").size()).isEqualTo(7);
      assertThat(p.get("raw").get("top").asText()).isEqualTo("Surprise");
      assertThat(p.get("level").asDouble()).isBetween(-10.0, -5.0);
    });
    // First answer after one second of audio, then every half second of audio.
    assertThat(predictions).extracting(p -> p.get("time").asDouble()).containsExactly(1.0, 1.5, 2.0, 2.5, 3.0);
    c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  @Test
  void everyConnectionHasItsOwnSpeakerSession() throws Exception {
    // Issue 14: /api/live keeps one recognizer session per connection, so what one person said
    // never adapts the model to another. The tone recognizer's sessions count the speech heard.
    EmotionServer s = start(ServerLimits.defaults());
    Client a = Client.started(s);
    List<JsonNode> first = a.streamPaced(TestRecognizers.tone(Emotion.ANGRY, 6, 16000), 16000, 0);
    double heardByA = first.get(first.size() - 1).get("adaptation").get("secondsHeard").asDouble();
    assertThat(heardByA).isGreaterThanOrEqualTo(3.0);
    // Each second of audio is learned from once: never more than was sent.
    assertThat(heardByA).isLessThanOrEqualTo(6.0);

    Client b = Client.started(s);
    List<JsonNode> second = b.streamPaced(TestRecognizers.tone(Emotion.SAD, 1, 16000), 16000, 0);
    assertThat(second).hasSize(1);
    assertThat(second.get(0).get("adaptation").get("secondsHeard").asDouble()).isLessThanOrEqualTo(1.0);
    assertThat(second.get(0).get("adaptation").get("supported").asBoolean()).isFalse();

    // The first connection's session goes on from where it was.
    List<JsonNode> more = a.streamPaced(TestRecognizers.tone(Emotion.ANGRY, 3, 16000), 16000, 6);
    assertThat(more.get(more.size() - 1).get("adaptation").get("secondsHeard").asDouble()).isGreaterThan(heardByA);
    a.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    b.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  @Test
  void theLabelFollowsTheSpeakerButDoesNotFlicker() throws Exception {
    EmotionServer s = start(ServerLimits.defaults());
    Client c = Client.started(s);
    List<String> tops = new ArrayList<>();
    c.streamPaced(TestRecognizers.tone(Emotion.CALM, 4, 16000), 16000, 0).forEach(m -> tops.add(m.get("top").asText()));
    c.streamPaced(TestRecognizers.tone(Emotion.ANGRY, 6, 16000), 16000, 4).forEach(m -> tops.add(m.get("top").asText()));
    assertThat(tops).hasSize(19);
    assertThat(tops.get(0)).isEqualTo("Calm");
    assertThat(tops.get(tops.size() - 1)).isEqualTo("Angry");
    int changes = 0;
    for (int i = 1; i < tops.size(); i++) {
      changes += tops.get(i).equals(tops.get(i - 1)) ? 0 : 1;
    }
    assertThat(changes).as("label changes in %s", tops).isEqualTo(1);
  }

  @Test
  void audioSentFasterThanRealTimeIsAnsweredOnTheNewestAudio() throws Exception {
    EmotionServer s = start(ServerLimits.defaults());
    Client c = Client.connect(s);
    c.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
    c.next();
    c.stream(TestRecognizers.tone(Emotion.HAPPY, 6, 16000), 16000);
    // However answers and frames interleave, answers keep coming until one hears audio within
    // one update (0.5 s) of the end of the stream, and their times only grow.
    List<Double> times = new ArrayList<>();
    JsonNode last;
    do {
      last = c.next();
      assertThat(last.get("type").asText()).isEqualTo("prediction");
      assertThat(last.get("top").asText()).isEqualTo("Happy");
      times.add(last.get("time").asDouble());
    } while (last.get("time").asDouble() <= 5.5);
    assertThat(times).isSorted().doesNotHaveDuplicates();
    assertThat(times.get(0)).isEqualTo(1.0);
  }

  @Test
  void float32AtTheDefaultRateWorksWithoutAStartMessage() throws Exception {
    EmotionServer s = start(ServerLimits.defaults());
    Client c = Client.connect(s);
    float[] x = TestRecognizers.tone(Emotion.FEAR, 1.2, 16000);
    ByteBuffer b = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : x) {
      b.putFloat(v);
    }
    c.sendBinary(b.array());
    JsonNode m = c.next();
    assertThat(m.get("type").asText()).as(m.toString()).isEqualTo("prediction");
    assertThat(m.get("top").asText()).isEqualTo("Fear");
  }

  @Test
  void silenceIsReportedAsQuietNotGuessedAt() throws Exception {
    EmotionServer s = start(ServerLimits.defaults());
    Client c = Client.connect(s);
    c.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
    c.next();
    c.stream(new float[16000 * 2], 16000);
    JsonNode m = c.next();
    assertThat(m.get("type").asText()).isEqualTo("quiet");
    assertThat(m.get("level").asDouble()).isLessThan(-55);
  }

  @Test
  void protocolErrorsAreOneLineJsonAndClose() throws Exception {
    EmotionServer s = start(ServerLimits.defaults());
    Client notJson = Client.connect(s);
    notJson.text("hello");
    assertThat(notJson.next().get("error").asText()).isEqualTo("control message is not JSON");
    assertThat(notJson.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);

    Client badRate = Client.connect(s);
    badRate.text("{\"type\":\"start\",\"sampleRate\":1000}");
    JsonNode e = badRate.next();
    assertThat(e.get("type").asText()).isEqualTo("error");
    assertThat(e.get("error").asText()).contains("sample rate must be 8000-48000 Hz, got 1000");

    Client badEncoding = Client.connect(s);
    badEncoding.text("{\"type\":\"start\",\"encoding\":\"mp3\"}");
    assertThat(badEncoding.next().get("error").asText()).contains("unknown encoding 'mp3'");

    Client odd = Client.connect(s);
    odd.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
    odd.next();
    odd.sendBinary(new byte[] {1, 2, 3});
    assertThat(odd.next().get("error").asText()).contains("not whole s16le samples");
    assertThat(odd.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);

    Client nan = Client.connect(s);
    nan.sendBinary(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).putFloat(0).array());
    assertThat(nan.next().get("error").asText()).contains("non-finite");
  }

  @Test
  void connectionsBeyondTheLimitAreTurnedAwayAndLongSessionsEnd() throws Exception {
    EmotionServer s = start(ServerLimits.defaults().withMaxLiveSessions(1).withMaxLiveSessionSeconds(2));
    Client first = Client.connect(s);
    Client second = Client.connect(s);
    assertThat(second.next().get("error").asText()).contains("too many live connections");
    assertThat(second.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1013);

    first.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
    first.next();
    first.stream(TestRecognizers.tone(Emotion.HAPPY, 2.5, 16000), 16000);
    JsonNode m;
    do {
      m = first.next();
    } while (!m.get("type").asText().equals("error"));
    assertThat(m.get("error").asText()).contains("exceeded 2 s of audio");

    // The slot is free again once the first connection is gone.
    first.closed.get(10, TimeUnit.SECONDS);
    Client third = Client.connect(s);
    third.text("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}");
    assertThat(third.next().get("type").asText()).isEqualTo("ready");
  }
}
