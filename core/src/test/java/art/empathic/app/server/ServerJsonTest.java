package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.Emotion;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.PredictionJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server's records write the bytes the field-by-field messages wrote (docs/API.md's schemas). */
class ServerJsonTest {

  @Test
  void healthWritesNullQuantilesBeforeTheFirstPrediction() {
    assertThat(PredictionJson.write(new ServerJson.Health("ok", "mlp", 12, 1, 0, 1, 0.25, 3, 0, 0, 0, null, 0.125, 2, 0)))
        .isEqualTo("{\"status\":\"ok\",\"model\":\"mlp\",\"uptimeSeconds\":12,\"activePredictions\":1,"
            + "\"queuedPredictions\":0,\"admittedPredictions\":1,\"estimatedWaitSeconds\":0.25,\"served\":3,\"refusals\":0,"
            + "\"timeouts\":0,\"failures\":0,\"serviceSecondsP50\":null,\"serviceSecondsP99\":0.125,\"liveSessions\":2,"
            + "\"liveRefusals\":0}");
  }

  @Test
  void liveMessagesKeepTheirFieldOrder() {
    Map<Emotion, Double> p = new LinkedHashMap<>();
    p.put(Emotion.ANGRY, 0.75);
    p.put(Emotion.SAD, 0.25);
    PredictionJson.Prediction smooth = PredictionJson.Prediction.of(EmotionPrediction.of(p));
    PredictionJson.Prediction quiet = PredictionJson.Prediction.of(EmotionPrediction.noVoice("quiet"));
    String json = PredictionJson.write(new ServerJson.LivePrediction("prediction", 1.5, smooth, quiet, -20.5, null));
    assertThat(json).startsWith("{\"type\":\"prediction\",\"time\":1.5,\"top\":\"Angry\",\"voice\":true,\"sure\":true,"
        + "\"probabilities\":{\"Angry\":0.75,\"Sad\":0.25},\"arousal\":")
        .endsWith(",\"raw\":{\"top\":null,\"voice\":false,\"reason\":\"quiet\",\"probabilities\":{}},\"level\":-20.5}");
    assertThat(PredictionJson.write(new ServerJson.Quiet("quiet", 2.0, -61.2)))
        .isEqualTo("{\"type\":\"quiet\",\"time\":2.0,\"level\":-61.2}");
    assertThat(PredictionJson.write(new ServerJson.LiveError("too fast", "error")))
        .isEqualTo("{\"error\":\"too fast\",\"type\":\"error\"}");
    assertThat(PredictionJson.write(new ServerJson.Ready("ready", 16000, "f32le", 2.0, 0.5, List.of("Angry", "Sad"))))
        .isEqualTo("{\"type\":\"ready\",\"sampleRate\":16000,\"encoding\":\"f32le\",\"windowSeconds\":2.0,"
            + "\"updateSeconds\":0.5,\"classes\":[\"Angry\",\"Sad\"]}");
  }
}
