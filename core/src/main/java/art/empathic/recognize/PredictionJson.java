package art.empathic.recognize;

import art.empathic.io.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
   * {@code {"top", "voice": true, "sure", "probabilities", "arousal", "valence"}}; with no voice
   * {@code {"top": null, "voice": false, "reason", "probabilities": {}}}. {@code sure} is false when
   * the top probability is below {@link EmotionPrediction#NOT_SURE_BELOW}.
   */
  public static ObjectNode prediction(EmotionPrediction p) {
    ObjectNode n = MAPPER.createObjectNode();
    fill(n, p);
    return n;
  }

  private static void fill(ObjectNode n, EmotionPrediction p) {
    if (!p.voiceHeard()) {
      n.putNull("top");
      n.put("voice", false);
      n.put("reason", oneLine(p.noVoiceReason()));
      n.putObject("probabilities");
      return;
    }
    n.put("top", p.top().label());
    n.put("voice", true);
    n.put("sure", p.sure());
    ObjectNode probs = n.putObject("probabilities");
    p.probabilities().forEach((e, v) -> probs.put(e.label(), round(v, 4)));
    n.put("arousal", round(p.arousal(), 3));
    n.put("valence", round(p.valence(), 3));
  }

  /** A clip: {@code file}, {@code durationSeconds}, the prediction's fields, and {@code timeline} if windowed. */
  public static ObjectNode clip(ClipAnalysis a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("file", a.file());
    n.put("durationSeconds", round(a.durationSeconds(), 3));
    fill(n, a.prediction());
    if (!a.timeline().isEmpty()) {
      ArrayNode t = n.putArray("timeline");
      for (ClipAnalysis.TimelinePoint p : a.timeline()) {
        ObjectNode w = t.addObject();
        w.put("start", round(p.start(), 3));
        w.put("end", round(p.end(), 3));
        fill(w, p.smoothed());
        w.set("raw", prediction(p.raw()));
      }
    }
    return n;
  }

  /**
   * A session's adaptation: {@code {"supported", "adapting", "secondsHeard", "startsAfterSeconds",
   * "weight"}} ({@code startsAfterSeconds} is null for a model that does not adapt).
   */
  public static ObjectNode adaptation(SpeakerSession.Adaptation a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("supported", a.supported());
    n.put("adapting", a.adapting());
    n.put("secondsHeard", round(a.secondsHeard(), 1));
    if (Double.isFinite(a.startsAfterSeconds())) {
      n.put("startsAfterSeconds", round(a.startsAfterSeconds(), 1));
    } else {
      n.putNull("startsAfterSeconds");
    }
    n.put("weight", round(a.weight(), 3));
    return n;
  }

  /** {@code {"error": message}} with the message on one line. */
  public static ObjectNode error(String message) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("error", oneLine(message));
    return n;
  }

  /** Collapses a message to one line (no stack traces or multi-line causes reach a client). */
  public static String oneLine(String message) {
    String m = message == null || message.isBlank() ? "unknown error" : message;
    m = m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    return m.length() > 300 ? m.substring(0, 297) + "..." : m;
  }

  /** The JSON text of {@code n} on one line (the form the server and {@code predict --json} send). */
  public static String write(ObjectNode n) {
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
