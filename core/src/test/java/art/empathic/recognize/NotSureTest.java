package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Not sure" below the threshold, "no voice" without an emotion, in Java and in JSON. */
class NotSureTest {
  static EmotionPrediction withTop(double p) {
    Map<Emotion, Double> m = new LinkedHashMap<>();
    double rest = (1 - p) / 6;
    for (Emotion e : Emotion.SEVEN) {
      m.put(e, e == Emotion.FEAR ? p : rest);
    }
    return EmotionPrediction.of(m);
  }

  @Test
  void belowTheThresholdAPredictionIsNotSure() {
    double t = EmotionPrediction.NOT_SURE_BELOW;
    assertThat(withTop(t + 0.01).sure()).isTrue();
    assertThat(withTop(t - 0.01).sure()).isFalse();
    EmotionPrediction unsure = withTop(t - 0.01);
    assertThat(unsure.top()).isEqualTo(Emotion.FEAR);
    JsonNode n = PredictionJson.prediction(unsure);
    assertThat(n.get("top").asText()).isEqualTo("Fear");
    assertThat(n.get("sure").asBoolean()).isFalse();
    assertThat(n.get("voice").asBoolean()).isTrue();
    assertThat(PredictionJson.prediction(withTop(0.9)).get("sure").asBoolean()).isTrue();
  }

  @Test
  void noVoiceHasNoTopEmotionAndKeepsTheSmootherUntouched() {
    EmotionPrediction none = EmotionPrediction.noVoice("silence: the audio is digital silence");
    assertThat(none.voiceHeard()).isFalse();
    assertThat(none.sure()).isFalse();
    assertThat(none.confidence()).isZero();
    JsonNode n = PredictionJson.prediction(none);
    assertThat(n.get("top").isNull()).isTrue();
    assertThat(n.get("reason").asText()).isEqualTo("silence: the audio is digital silence");
    assertThat(n.has("arousal")).isFalse();

    EmotionSmoother s = EmotionSmoother.withDefaults();
    EmotionPrediction first = s.update(withTop(0.8), 0);
    assertThat(s.update(none, 0.5)).isSameAs(none);
    EmotionPrediction after = s.update(withTop(0.8), 0.5);
    assertThat(after.probabilities()).isEqualTo(first.probabilities());
    assertThatThrownBy(() -> new EmotionPrediction(null, Map.of(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowsWithoutVoiceAreLeftOutOfTheClipsVerdict() {
    // The fake hears silence as an even mix; here a recognizer that hears no voice in the first half.
    EmotionRecognizer halfSilent = new EmotionRecognizer() {
      @Override
      public java.util.List<Emotion> classes() {
        return Emotion.SEVEN;
      }

      @Override
      public EmotionPrediction predict(float[] samples, int sampleRate) {
        return samples[0] == 0 ? EmotionPrediction.noVoice("silence") : withTop(0.9);
      }

      @Override
      public void close() {}
    };
    float[] x = new float[4 * 16000];
    java.util.Arrays.fill(x, 2 * 16000, x.length, 0.1f);
    ClipAnalysis a = ClipAnalysis.analyze(halfSilent, "half.wav", new art.empathic.audio.Audio(x, 16000),
        new ClipAnalysis.Windowing(1, 1));
    assertThat(a.timeline()).hasSize(4);
    assertThat(a.prediction().voiceHeard()).isTrue();
    assertThat(a.prediction().probability(Emotion.FEAR)).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    java.util.Arrays.fill(x, 0f);
    assertThat(ClipAnalysis.analyze(halfSilent, "silent.wav", new art.empathic.audio.Audio(x, 16000),
        new ClipAnalysis.Windowing(1, 1)).prediction().noVoiceReason()).isEqualTo("silence (in every window)");
  }
}
