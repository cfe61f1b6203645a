package art.empathic.train;

/**
 * One speaker's running feature statistics, accumulated clip by clip without labels, and their
 * blend with the population's (training) statistics: the normalisation a recognizer session uses
 * for a speaker it meets for the first time.
 *
 * <p>The blend shrinks the speaker's statistics toward the population's: with {@code h} seconds
 * of speech heard, the speaker's weight is {@code w = min(maxWeight, h / (h + priorSeconds))}
 * once {@code h >= minSeconds} (0 before). Means and second moments are mixed with that weight,
 * so the blended standard deviation includes the shift between the two means. A weight below 1
 * keeps part of the population reference, so a speaker who stays in one emotion is not
 * normalised into the average of all emotions (docs/research/ADAPTATION.md measures the choice).
 * Not thread-safe.
 */
public final class SpeakerStatistics {
  private final int channels;
  private final double[] sum;
  private final double[] sumSq;
  private long count;
  private double seconds;

  /**
   * How much to trust the speaker's own statistics.
   *
   * @param minSeconds speech heard before the speaker's statistics are used at all
   * @param priorSeconds the population statistics count as this many seconds of speech
   * @param maxWeight the most weight the speaker's statistics ever get (1: all, in the limit)
   */
  public record Blend(double minSeconds, double priorSeconds, double maxWeight) {
    /**
     * The shipped rule, chosen on validation speakers (docs/research/ADAPTATION.md): from 10 s of speech,
     * prior 30 s, weight at most 0.02: the largest weight that keeps speakers who stay in one
     * emotion within 2 points of not adapting with the default family (functionals_mlp trained
     * with speaker_mix; other recipes bore larger weights, docs/research/ADAPTATION.md). Larger weights help speakers whose mood varies but cost steady ones more (a
     * weight of 1: about 50 points).
     */
    public static final Blend DEFAULT = new Blend(10, 30, 0.02);
    /** Never adapt: the population statistics only. */
    public static final Blend NONE = new Blend(Double.POSITIVE_INFINITY, 0, 0);

    public Blend {
      if (!(minSeconds >= 0) || !(priorSeconds >= 0) || !(maxWeight >= 0 && maxWeight <= 1)) {
        throw new IllegalArgumentException("need minSeconds >= 0, priorSeconds >= 0 and 0 <= maxWeight <= 1");
      }
    }

    /** The speaker's weight after {@code seconds} of speech. */
    public double weight(double seconds) {
      if (seconds < minSeconds || seconds <= 0) {
        return 0;
      }
      return Math.min(maxWeight, seconds / (seconds + priorSeconds));
    }
  }

  public SpeakerStatistics(int channels) {
    this.channels = channels;
    this.sum = new double[channels];
    this.sumSq = new double[channels];
  }

  /** Adds one clip's raw model input ({@code channels} blocks of frames) heard for {@code seconds}. */
  public void add(float[] row, double clipSeconds) {
    int per = row.length / channels;
    for (int c = 0; c < channels; c++) {
      for (int t = 0; t < per; t++) {
        double v = row[c * per + t];
        sum[c] += v;
        sumSq[c] += v * v;
      }
    }
    count += per;
    seconds += clipSeconds;
  }

  /**
   * How much this speaker's clips vary against a typical speaker: the mean over channels of this
   * speaker's variance over {@code typical}'s (about 1 for a speaker whose mood varies like the
   * training speakers', less for one who stays in one emotion). NaN before any speech.
   */
  public double spreadRatio(Standardizer.Stats typical) {
    if (count == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int c = 0; c < channels; c++) {
      double m = this.sum[c] / count;
      double v = Math.max(0, sumSq[c] / count - m * m);
      double t = (double) typical.std()[c] * typical.std()[c];
      sum += v / Math.max(1e-12, t);
    }
    return sum / channels;
  }

  /** Seconds of speech added so far. */
  public double seconds() {
    return seconds;
  }

  /**
   * The statistics to normalise with: the population's (those for an unknown speaker) blended with
   * this speaker's by {@code weight}.
   */
  public Standardizer.Stats blended(Standardizer population, double weight) {
    double[] w = new double[channels];
    java.util.Arrays.fill(w, weight);
    return blended(population.unknownSpeakerStats(), w);
  }

  /** The statistics to normalise with: {@code prior} blended with this speaker's, channel c by {@code weights[c]}. */
  public Standardizer.Stats blended(Standardizer.Stats prior, double[] weights) {
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      if (weights[c] > 0 && count > 0) {
        Standardizer.blendChannel(prior, c, sum[c] / count, sumSq[c] / count, weights[c], mean, std);
      } else {
        Standardizer.blendChannel(prior, c, 0, 0, 0, mean, std); // the prior as it is
      }
    }
    return new Standardizer.Stats(mean, std);
  }
}
