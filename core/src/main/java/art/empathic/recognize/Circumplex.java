package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Places the emotion classes on Russell's circumplex of affect and maps a probability mix to
 * one point in it: {@code (valence, arousal) = sum_i p_i * (cos theta_i, sin theta_i)}.
 *
 * <p>Each class sits on the unit circle at the angle Russell (1980, "A circumplex model of
 * affect", J. Pers. Soc. Psychol. 39(6), direct circular scaling of 28 affect words) found for
 * its word: happy 7.8 deg, astonished (our Surprise) 69.8, angry 99.0, afraid (Fear) 116.0,
 * sad 207.5, calm 316.2. Disgust is not among Russell's words; it is placed at 130 deg, in the
 * unpleasant-activated quadrant between his annoyed (123.0) and distressed (137.6), where Scherer
 * (2005, "What are emotions? And how can they be measured?", Soc. Sci. Inf. 44(4), Fig. 2) puts
 * "disgusted". Neutral is not one of Russell's words either: it sits at valence 0 and arousal
 * {@value #NEUTRAL_AROUSAL}, inside the circle rather than on it (neither pleasant nor
 * unpleasant, and a little below the middle of arousal, since a neutral voice is at rest but not
 * drowsy: between the origin and calm's and sad's low arousal). Angle 0 is pleasure (valence +1),
 * 90 deg is arousal (+1).
 *
 * <p>Because the weights are probabilities (non-negative, summing to 1) the point is a convex
 * combination of points in the unit disc, so both scores stay in [-1, 1]; a confident
 * prediction lands on the circle (or, for Neutral, at its point inside), a confused one near the centre.
 */
public final class Circumplex {
  private static final Map<Emotion, double[]> POINTS;

  /** Neutral's arousal: slightly low (its valence is 0). */
  public static final double NEUTRAL_AROUSAL = -0.2;

  static {
    Map<Emotion, double[]> m = new EnumMap<>(Emotion.class);
    put(m, Emotion.HAPPY, 7.8);
    put(m, Emotion.SURPRISE, 69.8);
    put(m, Emotion.ANGRY, 99.0);
    put(m, Emotion.FEAR, 116.0);
    put(m, Emotion.DISGUST, 130.0);
    put(m, Emotion.SAD, 207.5);
    put(m, Emotion.CALM, 316.2);
    m.put(Emotion.NEUTRAL, new double[] {0, NEUTRAL_AROUSAL});
    POINTS = Collections.unmodifiableMap(m);
  }

  private Circumplex() {}

  private static void put(Map<Emotion, double[]> m, Emotion e, double degrees) {
    double r = Math.toRadians(degrees);
    m.put(e, new double[] {Math.cos(r), Math.sin(r)});
  }

  /** The class's valence (pleasure) coordinate in [-1, 1]. */
  public static double valence(Emotion e) {
    return POINTS.get(e)[0];
  }

  /** The class's arousal (activation) coordinate in [-1, 1]. */
  public static double arousal(Emotion e) {
    return POINTS.get(e)[1];
  }

  /**
   * The point of a probability mix: {@code [valence, arousal]}. Probabilities are normalised by
   * their sum first, so slightly unnormalised model outputs still land inside the disc.
   *
   * @throws IllegalArgumentException if a probability is negative or not finite, or all are 0
   */
  public static double[] point(Map<Emotion, Double> probabilities) {
    double sum = 0;
    for (Map.Entry<Emotion, Double> en : probabilities.entrySet()) {
      double p = en.getValue();
      if (!(p >= 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("probability of " + en.getKey().label() + " is " + p);
      }
      sum += p;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("probabilities sum to 0");
    }
    double v = 0;
    double a = 0;
    for (Map.Entry<Emotion, Double> en : probabilities.entrySet()) {
      double w = en.getValue() / sum;
      v += w * valence(en.getKey());
      a += w * arousal(en.getKey());
    }
    return new double[] {clamp(v), clamp(a)};
  }

  private static double clamp(double x) {
    return Math.max(-1, Math.min(1, x));
  }
}
