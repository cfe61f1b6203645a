package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Smooths a stream of predictions so the label does not flicker: exponential smoothing of the
 * probabilities plus hysteresis on the label.
 *
 * <ul>
 *   <li>Probabilities: {@code s += alpha * (p - s)} with {@code alpha = 1 - exp(-dt / tau)}, so
 *       the smoothing depends on elapsed time, not on how often updates come (a window hop of
 *       0.5 s and one of 1 s forget at the same rate per second).
 *   <li>Label: the shown label changes to the most probable smoothed class only when that
 *       class leads the current label by at least {@code switchMargin}.
 * </ul>
 *
 * <p>Arousal and valence are computed from the smoothed probabilities. Not thread-safe: one
 * smoother per stream (a predict timeline, a live connection).
 */
public final class EmotionSmoother {
  /** Default time constant: about a second of memory, a third of a typical utterance. */
  public static final double DEFAULT_TAU_SECONDS = 1.0;
  /** Default hysteresis: a new label must lead the shown one by 0.10 probability. */
  public static final double DEFAULT_SWITCH_MARGIN = 0.10;

  private final double tauSeconds;
  private final double switchMargin;
  private Map<Emotion, Double> smoothed;
  private Emotion label;

  /**
   * A smoother.
   *
   * @param tauSeconds time constant of the exponential average of probabilities (0: none)
   * @param switchMargin how much more probable another emotion must be before the label
   *     switches to it, in [0, 1)
   */
  public EmotionSmoother(double tauSeconds, double switchMargin) {
    if (!(tauSeconds >= 0) || !(switchMargin >= 0 && switchMargin < 1)) {
      throw new IllegalArgumentException("need tau >= 0 s and 0 <= margin < 1, got tau " + tauSeconds + ", margin " + switchMargin);
    }
    this.tauSeconds = tauSeconds;
    this.switchMargin = switchMargin;
  }

  /** A smoother with the live page's settings ({@code DEFAULT_TAU_SECONDS}, {@code DEFAULT_SWITCH_MARGIN}). */
  public static EmotionSmoother withDefaults() {
    return new EmotionSmoother(DEFAULT_TAU_SECONDS, DEFAULT_SWITCH_MARGIN);
  }

  /**
   * Folds in the next raw prediction, {@code dtSeconds} after the previous one, and returns the
   * smoothed prediction; its {@code top} is the hysteresis label. A prediction with no voice is
   * returned as it is and leaves the smoother's state unchanged.
   */
  public EmotionPrediction update(EmotionPrediction raw, double dtSeconds) {
    if (!raw.voiceHeard()) {
      // Silence or noise says nothing about the mood: passed through, the memory kept.
      return raw;
    }
    if (smoothed == null) {
      smoothed = new LinkedHashMap<>(raw.probabilities());
      label = raw.top();
    } else {
      double alpha = tauSeconds == 0 ? 1 : 1 - Math.exp(-Math.max(0, dtSeconds) / tauSeconds);
      Map<Emotion, Double> next = new LinkedHashMap<>();
      for (Map.Entry<Emotion, Double> en : raw.probabilities().entrySet()) {
        double s = smoothed.getOrDefault(en.getKey(), 0.0);
        next.put(en.getKey(), s + alpha * (en.getValue() - s));
      }
      smoothed = next;
      Emotion leader = EmotionPrediction.of(smoothed).top();
      if (leader != label && smoothed.get(leader) >= smoothed.getOrDefault(label, 0.0) + switchMargin) {
        label = leader;
      }
    }
    EmotionPrediction mix = EmotionPrediction.of(smoothed);
    return new EmotionPrediction(label, mix.probabilities(), mix.arousal(), mix.valence());
  }
}
