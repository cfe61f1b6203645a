package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import art.empathic.corpus.Emotion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmotionSmootherTest {

  private static EmotionPrediction leaning(Emotion a, double pa, Emotion b) {
    Map<Emotion, Double> m = new LinkedHashMap<>();
    m.put(a, pa);
    m.put(b, 1 - pa);
    return EmotionPrediction.of(m);
  }

  @Test
  void aNearTieThatAlternatesDoesNotFlipTheLabel() {
    EmotionSmoother s = EmotionSmoother.withDefaults();
    Emotion first = s.update(leaning(Emotion.HAPPY, 0.55, Emotion.SURPRISE), 0).top();
    int flips = 0;
    Emotion shown = first;
    for (int i = 0; i < 40; i++) {
      // The raw top alternates every step.
      EmotionPrediction raw = i % 2 == 0 ? leaning(Emotion.SURPRISE, 0.56, Emotion.HAPPY) : leaning(Emotion.HAPPY, 0.56, Emotion.SURPRISE);
      Emotion now = s.update(raw, 0.5).top();
      if (now != shown) {
        flips++;
        shown = now;
      }
    }
    assertThat(first).isEqualTo(Emotion.HAPPY);
    assertThat(flips).isZero();
  }

  @Test
  void aSustainedChangeSwitchesTheLabelWithinAFewSeconds() {
    EmotionSmoother s = EmotionSmoother.withDefaults();
    s.update(leaning(Emotion.CALM, 0.9, Emotion.ANGRY), 0);
    double t = 0;
    Emotion shown = Emotion.CALM;
    while (shown == Emotion.CALM && t < 10) {
      shown = s.update(leaning(Emotion.ANGRY, 0.9, Emotion.CALM), 0.5).top();
      t += 0.5;
    }
    assertThat(shown).isEqualTo(Emotion.ANGRY);
    assertThat(t).isBetween(0.5, 3.0);
  }

  @Test
  void smoothingDependsOnElapsedTimeNotOnTheNumberOfUpdates() {
    EmotionSmoother coarse = new EmotionSmoother(1.0, 0.1);
    EmotionSmoother fine = new EmotionSmoother(1.0, 0.1);
    coarse.update(leaning(Emotion.SAD, 1.0, Emotion.HAPPY), 0);
    fine.update(leaning(Emotion.SAD, 1.0, Emotion.HAPPY), 0);
    EmotionPrediction c = coarse.update(leaning(Emotion.HAPPY, 1.0, Emotion.SAD), 1.0);
    EmotionPrediction f = null;
    for (int i = 0; i < 4; i++) {
      f = fine.update(leaning(Emotion.HAPPY, 1.0, Emotion.SAD), 0.25);
    }
    assertThat(c.probability(Emotion.HAPPY)).isCloseTo(1 - Math.exp(-1), within(1e-9));
    assertThat(f.probability(Emotion.HAPPY)).isCloseTo(c.probability(Emotion.HAPPY), within(1e-9));
    assertThat(c.valence()).isCloseTo(EmotionPrediction.of(c.probabilities()).valence(), within(1e-12));
  }

  @Test
  void zeroTimeConstantFollowsTheRawPrediction() {
    EmotionSmoother s = new EmotionSmoother(0, 0);
    s.update(leaning(Emotion.SAD, 0.8, Emotion.HAPPY), 0);
    EmotionPrediction p = s.update(leaning(Emotion.HAPPY, 0.7, Emotion.SAD), 0.5);
    assertThat(p.top()).isEqualTo(Emotion.HAPPY);
    assertThat(p.probability(Emotion.HAPPY)).isCloseTo(0.7, within(1e-12));
  }
}
