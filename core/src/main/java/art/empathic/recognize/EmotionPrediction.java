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
 * <p>When the clip holds no voice (silence, noise, too little voiced speech; see
 * {@link art.empathic.audio.VoiceActivity}) the prediction has no top emotion and no
 * probabilities, and {@link #noVoiceReason} says why: build it with {@link #noVoice}. When the top
 * probability is below {@link #NOT_SURE_BELOW} the prediction is {@linkplain #sure() not sure}.
 *
 * @param top the most probable emotion; null when no voice was heard
 * @param probabilities class probabilities summing to 1, in the model's class order; empty when
 *     no voice was heard
 * @param arousal activation in [-1, 1] (calm/sad low, angry/fear/surprise high); 0 without a voice
 * @param valence pleasantness in [-1, 1] (sad/angry/disgust/fear low, happy high); 0 without a voice
 * @param noVoiceReason why no voice was heard, or null when one was
 */
public record EmotionPrediction(Emotion top, Map<Emotion, Double> probabilities, double arousal, double valence,
    String noVoiceReason) {
  /**
   * Below this top probability a prediction is "not sure". Chosen on validation speakers (the
   * held-out actors of RAVDESS speaker folds 1-3, docs/research/ADAPTATION.md): below it the top emotion
   * was wrong more often than right.
   */
  public static final double NOT_SURE_BELOW = 0.5;

  public EmotionPrediction {
    probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
    if (noVoiceReason == null && top == null) {
      throw new IllegalArgumentException("a prediction with a voice needs a top emotion");
    }
  }

  /** A prediction for a clip where a voice was heard. */
  public EmotionPrediction(Emotion top, Map<Emotion, Double> probabilities, double arousal, double valence) {
    this(top, probabilities, arousal, valence, null);
  }

  /** The answer for a clip with no voice in it: no top emotion, no probabilities, and the reason. */
  public static EmotionPrediction noVoice(String reason) {
    return new EmotionPrediction(null, Map.of(), 0, 0, reason == null || reason.isBlank() ? "no voice heard" : reason);
  }

  /** True unless the clip held no voice. */
  public boolean voiceHeard() {
    return noVoiceReason == null;
  }

  /** The top emotion's probability; 0 when no voice was heard. */
  public double confidence() {
    return top == null ? 0 : probability(top);
  }

  /** True when a voice was heard and the top probability reaches {@link #NOT_SURE_BELOW}. */
  public boolean sure() {
    return voiceHeard() && confidence() >= NOT_SURE_BELOW;
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
