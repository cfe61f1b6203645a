package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import art.empathic.corpus.Emotion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircumplexTest {

  private static Map<Emotion, Double> mix(Object... pairs) {
    Map<Emotion, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((Emotion) pairs[i], ((Number) pairs[i + 1]).doubleValue());
    }
    return m;
  }

  @Test
  void aConfidentPredictionSitsAtItsClassOnTheUnitCircle() {
    for (Emotion e : Emotion.SEVEN) {
      EmotionPrediction p = EmotionPrediction.of(mix(e, 1.0));
      assertThat(p.top()).isEqualTo(e);
      assertThat(Math.hypot(p.valence(), p.arousal())).as(e.label()).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void theQuadrantsFollowRussell() {
    // Activated unpleasant: angry, fear, disgust; activated pleasant: surprise; pleasant: happy;
    // deactivated pleasant: calm; deactivated unpleasant: sad.
    for (Emotion e : new Emotion[] {Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST}) {
      assertThat(Circumplex.arousal(e)).as(e.label()).isGreaterThan(0.7);
      assertThat(Circumplex.valence(e)).as(e.label()).isNegative();
    }
    assertThat(Circumplex.valence(Emotion.SURPRISE)).isPositive();
    assertThat(Circumplex.arousal(Emotion.SURPRISE)).isGreaterThan(0.7);
    assertThat(Circumplex.valence(Emotion.HAPPY)).isGreaterThan(0.9);
    assertThat(Circumplex.valence(Emotion.CALM)).isPositive();
    assertThat(Circumplex.arousal(Emotion.CALM)).isNegative();
    assertThat(Circumplex.valence(Emotion.SAD)).isLessThan(-0.8);
    assertThat(Circumplex.arousal(Emotion.SAD)).isNegative();
    assertThat(Circumplex.valence(Emotion.NEUTRAL)).isZero();
    assertThat(Circumplex.arousal(Emotion.NEUTRAL)).as("Neutral: slightly low arousal").isBetween(-0.3, -0.1);
  }

  @Test
  void aMixIsTheWeightedSumOfItsClasses() {
    EmotionPrediction p = EmotionPrediction.of(mix(Emotion.HAPPY, 0.25, Emotion.SAD, 0.75));
    assertThat(p.top()).isEqualTo(Emotion.SAD);
    assertThat(p.valence()).isCloseTo(0.25 * Circumplex.valence(Emotion.HAPPY) + 0.75 * Circumplex.valence(Emotion.SAD), within(1e-12));
    assertThat(p.arousal()).isCloseTo(0.25 * Circumplex.arousal(Emotion.HAPPY) + 0.75 * Circumplex.arousal(Emotion.SAD), within(1e-12));
  }

  @Test
  void anEvenMixOfOppositesLandsNearTheCentreAndScoresStayInRange() {
    Map<Emotion, Double> even = new LinkedHashMap<>();
    Emotion.SEVEN.forEach(e -> even.put(e, 1.0 / 7));
    EmotionPrediction p = EmotionPrediction.of(even);
    assertThat(Math.hypot(p.valence(), p.arousal())).isLessThan(0.5);
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      Map<Emotion, Double> m = new LinkedHashMap<>();
      Emotion.SEVEN.forEach(e -> m.put(e, r.nextDouble()));
      EmotionPrediction q = EmotionPrediction.of(m);
      assertThat(q.valence()).isBetween(-1.0, 1.0);
      assertThat(q.arousal()).isBetween(-1.0, 1.0);
    }
  }

  @Test
  void unnormalisedProbabilitiesAreNormalisedAndOrderIsKept() {
    EmotionPrediction a = EmotionPrediction.of(mix(Emotion.SAD, 2.0, Emotion.ANGRY, 6.0));
    EmotionPrediction b = EmotionPrediction.of(mix(Emotion.SAD, 0.25, Emotion.ANGRY, 0.75));
    assertThat(a.valence()).isCloseTo(b.valence(), within(1e-12));
    assertThat(a.probabilities().keySet()).containsExactly(Emotion.SAD, Emotion.ANGRY);
    assertThat(a.probability(Emotion.HAPPY)).isZero();
  }

  @Test
  void badProbabilitiesAreRefused() {
    assertThatThrownBy(() -> EmotionPrediction.of(Map.of())).hasMessageContaining("no class probabilities");
    assertThatThrownBy(() -> EmotionPrediction.of(mix(Emotion.SAD, -0.1, Emotion.HAPPY, 1.1))).hasMessageContaining("Sad");
    assertThatThrownBy(() -> EmotionPrediction.of(mix(Emotion.SAD, Double.NaN))).hasMessageContaining("NaN");
    assertThatThrownBy(() -> EmotionPrediction.of(mix(Emotion.SAD, 0.0))).hasMessageContaining("sum to 0");
  }
}
