package art.empathic.recognize;

import art.empathic.io.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of predictions, shared by {@code predict --json}, {@code POST /api/predict} and
 * the live WebSocket so all three speak one schema (documented in docs/API.md). Emotions are
 * written by their display labels ("Angry"); probabilities keep the model's class order and
 * are rounded to 4 decimals, arousal/valence and times to 3.
 */
public final class PredictionJson {
  /** A shared, thread-safe mapper. */
  public static final ObjectMapper MAPPER = Json.MAPPER;

  private PredictionJson() {}

  /**
   * One prediction as JSON: {@code {"top", "voice": true, "sure", "probabilities", "arousal",
   * "valence"}}, or with no voice {@code {"top": null, "voice": false, "reason", "probabilities": {}}}
   * (absent fields are null here).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Prediction(@JsonInclude(JsonInclude.Include.ALWAYS) String top, boolean voice, String reason,
      Boolean sure, Map<String, Double> probabilities, Double arousal, Double valence) {

    /** The JSON form of {@code p}: probabilities rounded to 4 decimals, arousal and valence to 3. */
    public static Prediction of(EmotionPrediction p) {
      if (!p.voiceHeard()) {
        return new Prediction(null, false, oneLine(p.noVoiceReason()), null, Map.of(), null, null);
      }
      Map<String, Double> probs = new LinkedHashMap<>();
      p.probabilities().forEach((e, v) -> probs.put(e.label(), round(v, 4)));
      return new Prediction(p.top().label(), true, null, p.sure(), probs, round(p.arousal(), 3), round(p.valence(), 3));
    }
  }

  /** A clip: {@code file}, {@code durationSeconds}, the prediction's fields, and {@code timeline} if windowed. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Clip(String file, double durationSeconds, @JsonUnwrapped Prediction prediction, List<Window> timeline) {

    public static Clip of(ClipAnalysis a) {
      List<Window> t = a.timeline().stream().map(p -> new Window(round(p.start(), 3), round(p.end(), 3),
          Prediction.of(p.smoothed()), Prediction.of(p.raw()))).toList();
      return new Clip(a.file(), round(a.durationSeconds(), 3), Prediction.of(a.prediction()), t);
    }
  }

  /** One window of a clip's timeline: its span, the smoothed prediction's fields, and the raw one. */
  public record Window(double start, double end, @JsonUnwrapped Prediction smoothed, Prediction raw) {}

  /**
   * A session's adaptation: {@code {"supported", "adapting", "secondsHeard", "startsAfterSeconds",
   * "weight"}} ({@code startsAfterSeconds} is null for a model that does not adapt).
   */
  public record Adaptation(boolean supported, boolean adapting, double secondsHeard, Double startsAfterSeconds,
      double weight) {

    public static Adaptation of(SpeakerSession.Adaptation a) {
      return new Adaptation(a.supported(), a.adapting(), round(a.secondsHeard(), 1),
          Double.isFinite(a.startsAfterSeconds()) ? round(a.startsAfterSeconds(), 1) : null, round(a.weight(), 3));
    }
  }

  /** {@code {"error": message}}. */
  public record Error(String error) {}

  /** {@link Prediction#of} as a tree, for messages that add fields around it. */
  public static ObjectNode prediction(EmotionPrediction p) {
    return MAPPER.valueToTree(Prediction.of(p));
  }

  /** {@link Clip#of} as a tree. */
  public static ObjectNode clip(ClipAnalysis a) {
    return MAPPER.valueToTree(Clip.of(a));
  }

  /** {@link Adaptation#of} as a tree. */
  public static ObjectNode adaptation(SpeakerSession.Adaptation a) {
    return MAPPER.valueToTree(Adaptation.of(a));
  }

  /** {@code {"error": message}} with the message on one line. */
  public static ObjectNode error(String message) {
    return MAPPER.valueToTree(new Error(oneLine(message)));
  }

  /** Collapses a message to one line (no stack traces or multi-line causes reach a client). */
  public static String oneLine(String message) {
    String m = message == null || message.isBlank() ? "unknown error" : message;
    m = m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    return m.length() > 300 ? m.substring(0, 297) + "..." : m;
  }

  /** The JSON text of {@code n} (a tree or a record) on one line (the form the server and {@code predict --json} send). */
  public static String write(Object n) {
    try {
      return Json.COMPACT.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
