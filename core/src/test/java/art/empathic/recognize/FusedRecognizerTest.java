package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import art.empathic.corpus.Emotion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fused recognizer averages its members' probabilities with the fusion's weights. */
class FusedRecognizerTest {
  private static final List<Emotion> CLASSES = List.of(Emotion.ANGRY, Emotion.CALM, Emotion.SAD);

  /** A member that always answers the same probabilities and remembers being closed. */
  private static final class Fixed implements EmotionRecognizer {
    final Map<Emotion, Double> answer = new LinkedHashMap<>();
    boolean closed;

    Fixed(double angry, double calm, double sad) {
      answer.put(Emotion.ANGRY, angry);
      answer.put(Emotion.CALM, calm);
      answer.put(Emotion.SAD, sad);
    }

    @Override
    public List<Emotion> classes() {
      return CLASSES;
    }

    @Override
    public EmotionPrediction predict(float[] samples, int sampleRate) {
      return EmotionPrediction.of(answer);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void predictsTheWeightedAverageAndClosesEveryMember() {
    Fixed a = new Fixed(0.7, 0.2, 0.1);
    Fixed b = new Fixed(0.1, 0.1, 0.8);
    ModelInfo info = ModelInfo.of("fusion [test]", CLASSES);
    FusedRecognizer fused = new FusedRecognizer(List.of(a, b), List.of(0.25, 0.75), info);

    EmotionPrediction p = fused.predict(new float[16000], 16000);
    assertThat(p.probability(Emotion.ANGRY)).isCloseTo(0.25 * 0.7 + 0.75 * 0.1, within(1e-12));
    assertThat(p.probability(Emotion.SAD)).isCloseTo(0.25 * 0.1 + 0.75 * 0.8, within(1e-12));
    assertThat(p.top()).isEqualTo(Emotion.SAD);
    assertThat(fused.classes()).isEqualTo(CLASSES);
    assertThat(fused.info()).isSameAs(info);

    fused.close();
    assertThat(a.closed).isTrue();
    assertThat(b.closed).isTrue();
  }
}
