package art.empathic.app;

import art.empathic.corpus.Emotion;
import java.util.Map;

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
  public EmotionPrediction {
    probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
  }
}
