package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import java.util.Map;
import java.util.Collections;
import java.util.LinkedHashMap;

/**
 * What the recognizer heard in one clip: the top emotion, each class's probability (in the
 * model's class order), and two continuous scores on Russell's circumplex derived from them.
 * Immutable.
 *
 * @param top the most probable emotion
 * @param probabilities class probabilities summing to 1, in the model's class order
 * @param arousal activation in [-1, 1] (calm/sad low, angry/fear/surprise high)
 * @param valence pleasantness in [-1, 1] (sad/angry/disgust/fear low, happy high)
 */
public record EmotionPrediction(Emotion top, Map<Emotion, Double> probabilities, double arousal, double valence) {
  /** Copies the probabilities, keeping their order (immutable). */
  public EmotionPrediction {
    probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
  }

  /**
   * The prediction for a probability mix: the top emotion is the most probable class (the
   * first in iteration order on ties) and arousal and valence are the mix's point on
   * {@link Circumplex Russell's circumplex}. Pass the probabilities in the model's class order
   * (e.g. a {@link LinkedHashMap}); that order is kept.
   *
   * @throws IllegalArgumentException if the map is empty, or a probability is negative or not finite
   */
  public static EmotionPrediction of(Map<Emotion, Double> probabilities) {
    if (probabilities.isEmpty()) {
      throw new IllegalArgumentException("no class probabilities");
    }
    double[] point = Circumplex.point(probabilities);
    Emotion top = null;
    double best = Double.NEGATIVE_INFINITY;
    for (Map.Entry<Emotion, Double> en : probabilities.entrySet()) {
      if (en.getValue() > best) {
        best = en.getValue();
        top = en.getKey();
      }
    }
    return new EmotionPrediction(top, probabilities, point[1], point[0]);
  }

  /** The probability of one class; 0 for a class the model does not know. */
  public double probability(Emotion e) {
    return probabilities.getOrDefault(e, 0.0);
  }
}
