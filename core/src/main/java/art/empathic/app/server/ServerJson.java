package art.empathic.app.server;

import art.empathic.recognize.PredictionJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * The server's JSON answers as records, serialized by {@code io.Json} ({@link PredictionJson#write});
 * field order is component order. The schemas are documented in docs/API.md.
 */
final class ServerJson {
  private ServerJson() {}

  /** {@code GET /api/health}: counters and the recent service-time quantiles (null before the first). */
  record Health(String status, String model, long uptimeSeconds, int activePredictions, int queuedPredictions,
      int admittedPredictions, double estimatedWaitSeconds, long served, long refusals, long timeouts, long failures,
      Double serviceSecondsP50, Double serviceSecondsP99, int liveSessions, long liveRefusals) {}

  /** {@code GET /api/model}: the model, where each class sits on the circumplex, and the server's limits. */
  record ModelDescription(String name, List<String> classes, Map<String, Object> features, Map<String, Object> metrics,
      Map<String, CircumplexPoint> circumplex, Limits limits) {}

  /** A class's place on the circumplex. */
  record CircumplexPoint(double valence, double arousal) {}

  /** The limits a client may want to respect, in seconds and bytes. */
  record Limits(long maxUploadBytes, double maxAudioSeconds, double requestTimeoutSeconds, int workers, int queue,
      long maxQueuedBytes, double idleTimeoutSeconds, long minRequestBytesPerSecond, double liveIdleTimeoutSeconds,
      int maxLiveSessions, double liveWindowSeconds, double liveUpdateSeconds, double refusalPauseSeconds) {

    static Limits of(ServerLimits l) {
      return new Limits(l.maxUploadBytes(), l.maxAudioSeconds(), l.requestTimeout().toMillis() / 1000.0, l.workers(),
          l.queue(), l.maxQueuedBytes(), l.idleTimeout().toMillis() / 1000.0, l.minRequestBytesPerSecond(),
          l.liveIdleTimeout().toMillis() / 1000.0, l.maxLiveSessions(), l.liveWindowSeconds(), l.liveUpdateSeconds(),
          l.refusalPause().toMillis() / 1000.0);
    }
  }

  /** Live: the answer to a start message. */
  record Ready(String type, int sampleRate, String encoding, double windowSeconds, double updateSeconds,
      List<String> classes) {}

  /** Live: the newest audio is too quiet to judge. */
  record Quiet(String type, double time, double level) {}

  /** Live: a prediction (smoothed, its fields inline), the raw one, the level and the speaker adaptation if any. */
  record LivePrediction(String type, double time, @JsonUnwrapped PredictionJson.Prediction smoothed,
      PredictionJson.Prediction raw, double level,
      @JsonInclude(JsonInclude.Include.NON_NULL) PredictionJson.Adaptation adaptation) {}

  /** Live: an error before the connection closes. */
  record LiveError(String error, String type) {}
}
