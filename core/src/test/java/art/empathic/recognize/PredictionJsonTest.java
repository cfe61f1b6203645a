package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.Emotion;
import art.empathic.io.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON records write the same bytes as the field-by-field form they replaced. The reference
 * below is that old form, kept here verbatim as the golden producer.
 */
class PredictionJsonTest {

  private static EmotionPrediction prediction(double angry) {
    Map<Emotion, Double> p = new LinkedHashMap<>();
    p.put(Emotion.ANGRY, angry);
    p.put(Emotion.HAPPY, (1 - angry) * 2 / 3);
    p.put(Emotion.SAD, (1 - angry) / 3);
    return EmotionPrediction.of(p);
  }

  @Test
  void aPredictionIsWrittenExactlyAsBefore() {
    for (EmotionPrediction p : List.of(prediction(0.8123456), prediction(0.31), prediction(1.0),
        EmotionPrediction.noVoice("silence:\n the audio is digital silence"))) {
      assertThat(PredictionJson.write(PredictionJson.prediction(p))).isEqualTo(PredictionJson.write(legacyPrediction(p)));
    }
    assertThat(PredictionJson.write(PredictionJson.prediction(EmotionPrediction.noVoice("quiet"))))
        .isEqualTo("{\"top\":null,\"voice\":false,\"reason\":\"quiet\",\"probabilities\":{}}");
  }

  @Test
  void aClipWithAndWithoutTimelineIsWrittenExactlyAsBefore() {
    ClipAnalysis plain = new ClipAnalysis("a.wav", 3.14159, prediction(0.6), List.of());
    ClipAnalysis windowed = new ClipAnalysis("b.wav", 2.0, prediction(0.7), List.of(
        new ClipAnalysis.TimelinePoint(0, 1.23456, prediction(0.9), prediction(0.5)),
        new ClipAnalysis.TimelinePoint(0.5, 2, EmotionPrediction.noVoice("quiet"), EmotionPrediction.noVoice("quiet"))));
    for (ClipAnalysis a : List.of(plain, windowed)) {
      assertThat(PredictionJson.write(PredictionJson.clip(a))).isEqualTo(PredictionJson.write(legacyClip(a)));
    }
    assertThat(PredictionJson.write(PredictionJson.clip(plain))).startsWith("{\"file\":\"a.wav\",\"durationSeconds\":3.142,\"top\":");
  }

  @Test
  void adaptationAndErrorAreWrittenExactlyAsBefore() {
    assertThat(PredictionJson.write(PredictionJson.adaptation(new SpeakerSession.Adaptation(true, 12.345, 10, 0.23456))))
        .isEqualTo("{\"supported\":true,\"adapting\":true,\"secondsHeard\":12.3,\"startsAfterSeconds\":10.0,\"weight\":0.235}");
    assertThat(PredictionJson.write(PredictionJson.adaptation(
        new SpeakerSession.Adaptation(false, 0, Double.POSITIVE_INFINITY, 0))))
        .isEqualTo("{\"supported\":false,\"adapting\":false,\"secondsHeard\":0.0,\"startsAfterSeconds\":null,\"weight\":0.0}");
    assertThat(PredictionJson.write(PredictionJson.error("bad\nthing"))).isEqualTo("{\"error\":\"bad thing\"}");
  }

  // The replaced implementation, verbatim apart from names.
  private static ObjectNode legacyPrediction(EmotionPrediction p) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    legacyFill(n, p);
    return n;
  }

  private static void legacyFill(ObjectNode n, EmotionPrediction p) {
    if (!p.voiceHeard()) {
      n.putNull("top");
      n.put("voice", false);
      n.put("reason", PredictionJson.oneLine(p.noVoiceReason()));
      n.putObject("probabilities");
      return;
    }
    n.put("top", p.top().label());
    n.put("voice", true);
    n.put("sure", p.sure());
    ObjectNode probs = n.putObject("probabilities");
    p.probabilities().forEach((e, v) -> probs.put(e.label(), PredictionJson.round(v, 4)));
    n.put("arousal", PredictionJson.round(p.arousal(), 3));
    n.put("valence", PredictionJson.round(p.valence(), 3));
  }

  private static ObjectNode legacyClip(ClipAnalysis a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("file", a.file());
    n.put("durationSeconds", PredictionJson.round(a.durationSeconds(), 3));
    legacyFill(n, a.prediction());
    if (!a.timeline().isEmpty()) {
      ArrayNode t = n.putArray("timeline");
      for (ClipAnalysis.TimelinePoint p : a.timeline()) {
        ObjectNode w = t.addObject();
        w.put("start", PredictionJson.round(p.start(), 3));
        w.put("end", PredictionJson.round(p.end(), 3));
        legacyFill(w, p.smoothed());
        w.set("raw", legacyPrediction(p.raw()));
      }
    }
    return n;
  }
}
