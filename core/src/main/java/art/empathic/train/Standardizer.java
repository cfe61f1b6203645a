package art.empathic.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Feature standardisation to zero mean and unit variance, per feature (pooled examples) or per
 * channel over all frames (sequences).
 *
 * <ul>
 *   <li>{@link Mode#GLOBAL}: statistics of the training examples, applied to everything.
 *   <li>{@link Mode#SPEAKER}: each speaker's features are standardised with that speaker's own
 *       statistics, computed from all of the speaker's clips without their labels (the
 *       "speaker normalisation" of the SER literature). Clips of a speaker with fewer than
 *       {@link #MIN_SPEAKER_CLIPS} clips, or of an unknown speaker, use the global statistics.
 *   <li>{@link Mode#SPEAKER_MIX}: as {@link Mode#SPEAKER} everywhere except on the training
 *       examples ({@link #applyForTraining}): each is normalised with its speaker's statistics
 *       blended with the unknown speaker's ({@link #unknownSpeakerStats()}) at a random weight
 *       w (0, 1 or U(0, 1), a third each: {@link #mixWeights}), the blend a
 *       {@link SpeakerStatistics} session uses, so that one clip of a new voice (w = 0), a short
 *       session (small w) and a known speaker (w = 1) all look like training data
 *       (docs/research/ADAPTATION.md, "speaker_mix").
 *   <li>{@link Mode#SPEAKER_MIX_CORPUS}: as {@link Mode#SPEAKER_MIX}, but a training example is
 *       blended toward the pooled statistics of its own corpus's training speakers
 *       ({@link #corpusPriors}) rather than of every training speaker, when the caller names each
 *       example's corpus; inference is {@link Mode#SPEAKER_MIX}'s (an unknown speaker gets
 *       {@link #unknownSpeakerStats()}: a new voice's corpus is unknown). With one corpus it is
 *       {@link Mode#SPEAKER_MIX} exactly (docs/research/GENERALIZATION.md, "A per-corpus prior").
 * </ul>
 *
 * @param mode how statistics are grouped
 * @param channels number of statistics (features, or sequence channels)
 * @param mean global mean per channel
 * @param std global standard deviation per channel (floored)
 * @param speakers per-speaker mean and std ({@link Mode#SPEAKER} only)
 * @param unknownSpeaker the statistics for a speaker the model has no statistics of (the public
 *     API's one clip, a session's prior): the training speakers' own recordings pooled, each
 *     speaker weighted equally, without channel copies ({@link Mode#SPEAKER} only; null in runs
 *     trained by versions that did not store it, which use the global statistics instead)
 */
public record Standardizer(Mode mode, int channels, float[] mean, float[] std,
    @JsonProperty("speakers") Map<String, Stats> speakers,
    @JsonProperty("unknown_speaker") @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Stats unknownSpeaker) {

  /** Without statistics for an unknown speaker (the global ones stand in). */
  public Standardizer(Mode mode, int channels, float[] mean, float[] std, Map<String, Stats> speakers) {
    this(mode, channels, mean, std, speakers, null);
  }

  public static final int MIN_SPEAKER_CLIPS = 5;
  private static final double STD_FLOOR = 1e-6;

  /** How statistics are grouped (and, for training examples, blended). */
  public enum Mode {
    GLOBAL, SPEAKER, SPEAKER_MIX, SPEAKER_MIX_CORPUS;

    /** Whether speakers are normalised with their own statistics (and a session can adapt). */
    public boolean perSpeaker() {
      return this != GLOBAL;
    }

    /** Whether training examples are normalised with blended statistics ({@link #applyForTraining}). */
    public boolean blendsForTraining() {
      return this == SPEAKER_MIX || this == SPEAKER_MIX_CORPUS;
    }
  }

  /** Keeps the blend weights' random stream apart from the other streams drawn from the run seed. */
  private static final long MIX_SALT = 0x5EEDB1E7D5L;

  /** Mean and standard deviation per channel. */
  public record Stats(float[] mean, float[] std) {}

  /**
   * Fits global statistics on {@code train} and, in {@link Mode#SPEAKER}, per-speaker statistics
   * on {@code unlabelled} (every clip whose speaker may be normalised: train and test clips,
   * labels unused).
   */
  public static Standardizer fit(Mode mode, ExampleSet train, ExampleSet unlabelled) {
    int channels = channels(train.exampleShape());
    Stats global = stats(train.x(), channels);
    Map<String, Stats> perSpeaker = new LinkedHashMap<>();
    if (mode.perSpeaker()) {
      Map<String, List<float[]>> bySpeaker = new HashMap<>();
      for (int i = 0; i < unlabelled.size(); i++) {
        bySpeaker.computeIfAbsent(unlabelled.speakers()[i], k -> new ArrayList<>()).add(unlabelled.x()[i]);
      }
      new TreeMap<>(bySpeaker).forEach((speaker, rows) -> {
        if (rows.size() >= MIN_SPEAKER_CLIPS && !speaker.equals("unknown")) {
          perSpeaker.put(speaker, stats(rows.toArray(float[][]::new), channels));
        }
      });
    }
    Standardizer fitted = new Standardizer(mode, channels, global.mean(), global.std(), perSpeaker);
    if (!mode.perSpeaker()) {
      return fitted;
    }
    // The unknown speaker's statistics come from the training speakers only (never a test speaker).
    java.util.Set<String> notTraining = new java.util.HashSet<>(perSpeaker.keySet());
    for (String speaker : train.speakers()) {
      notTraining.remove(speaker);
    }
    return new Standardizer(mode, channels, global.mean(), global.std(), perSpeaker,
        fitted.originalSpeakersStats(notTraining));
  }

  /**
   * The statistics for a speaker the model has none of: {@link #unknownSpeaker} when the run has
   * them, else the global statistics. Channel-augmented recipes compute the global ones over their
   * noisy, telephone and reverberant copies too, which made a clean clip from a new voice look
   * unlike anything in training (docs/research/ADAPTATION.md: 5 points through the public API).
   */
  public Stats unknownSpeakerStats() {
    return unknownSpeaker != null ? unknownSpeaker : globalStats();
  }

  /** A standardised copy of the examples. */
  public ExampleSet apply(ExampleSet set) {
    float[][] out = new float[set.size()][];
    for (int i = 0; i < set.size(); i++) {
      out[i] = apply(set.x()[i], set.speakers()[i]);
    }
    return new ExampleSet(out, set.y(), set.speakers(), set.exampleShape());
  }

  /** A standardised copy of one example of the given speaker (null: unknown speaker). */
  public float[] apply(float[] x, String speaker) {
    Stats s = speaker == null ? null : speakers.get(speaker);
    return applyWith(x, s == null ? unknownSpeakerStats() : s);
  }

  /**
   * A standardised copy of the training examples. In {@link Mode#SPEAKER_MIX} example i of a
   * speaker with statistics is normalised with {@link #blend blend(unknown, speaker, w_i)}, w_i
   * drawn by {@link #mixWeights} in example order from {@code seed} (so a run and its resume see
   * the same examples); every other mode, and a speaker without statistics, as {@link #apply(ExampleSet)}.
   */
  public ExampleSet applyForTraining(ExampleSet set, long seed) {
    return applyForTraining(set, seed, null);
  }

  /**
   * As {@link #applyForTraining(ExampleSet, long)}; {@code corpusOfExample} (one corpus name per
   * example, or null) lets {@link Mode#SPEAKER_MIX_CORPUS} blend each example toward its own
   * corpus's prior ({@link #corpusPriors}); every other mode ignores it. The weights are the same
   * draws either way.
   */
  public ExampleSet applyForTraining(ExampleSet set, long seed, List<String> corpusOfExample) {
    if (!mode.blendsForTraining()) {
      return apply(set);
    }
    if (corpusOfExample != null && corpusOfExample.size() != set.size()) {
      throw new IllegalArgumentException("need one corpus per training example: " + corpusOfExample.size()
          + " names for " + set.size() + " examples");
    }
    double[] weights = mixWeights(set.size(), seed);
    Stats prior = unknownSpeakerStats();
    Map<String, Stats> priors = mode == Mode.SPEAKER_MIX_CORPUS && corpusOfExample != null
        ? corpusPriors(set.speakers(), corpusOfExample) : Map.of();
    float[][] out = new float[set.size()][];
    for (int i = 0; i < set.size(); i++) {
      double w = weights[i];
      String speaker = set.speakers()[i];
      Stats own = speaker == null ? null : speakers.get(speaker);
      Stats p = priors.isEmpty() ? prior : priors.getOrDefault(corpusOfExample.get(i), prior);
      out[i] = applyWith(set.x()[i], own == null ? p : blend(p, own, w));
    }
    return new ExampleSet(out, set.y(), set.speakers(), set.exampleShape());
  }

  /**
   * Per corpus, the pooled statistics of that corpus's training speakers' own recordings
   * ({@link #originalSpeakersStats} over the speakers, channel copies "s#k" counted as s, of the
   * examples named with that corpus), so that a training example of a small corpus is not blended
   * toward a prior the larger corpus dominates. A corpus none of whose speakers has statistics is
   * left out (its examples then use {@link #unknownSpeakerStats()}).
   */
  public Map<String, Stats> corpusPriors(String[] exampleSpeakers, List<String> corpusOfExample) {
    Map<String, java.util.Set<String>> byCorpus = new TreeMap<>();
    for (int i = 0; i < exampleSpeakers.length; i++) {
      String speaker = exampleSpeakers[i];
      if (speaker == null) {
        continue;
      }
      byCorpus.computeIfAbsent(corpusOfExample.get(i), k -> new java.util.HashSet<>()).add(baseSpeaker(speaker));
    }
    java.util.Set<String> everyone = new java.util.HashSet<>();
    for (String speaker : speakers.keySet()) {
      everyone.add(baseSpeaker(speaker));
    }
    Map<String, Stats> out = new LinkedHashMap<>();
    byCorpus.forEach((corpus, own) -> {
      java.util.Set<String> others = new java.util.HashSet<>(everyone);
      others.removeAll(own);
      Stats s = originalSpeakersStats(others);
      if (s != null) {
        out.put(corpus, s);
      }
    });
    return out;
  }

  /**
   * The blend weights of {@link #applyForTraining}, fixed by {@code seed}: each is 0 (one clip of a
   * new voice: the public API), 1 (a known speaker: per-speaker normalisation) or drawn from
   * U(0, 1) (a session part of the way), with probability 1/3 each. Chosen on validation speakers
   * over w ~ U(0, 1) alone, which gained one clip 0.7 points instead of 3.4 (docs/research/ADAPTATION.md,
   * "speaker_mix").
   */
  static double[] mixWeights(int n, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed ^ MIX_SALT);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      double kind = rng.nextDouble();
      double u = rng.nextDouble();
      w[i] = kind < 1.0 / 3 ? 0 : kind < 2.0 / 3 ? 1 : u;
    }
    return w;
  }

  /**
   * {@code prior} blended with a speaker's statistics by {@code weight}, exactly as a session
   * blends ({@link SpeakerStatistics#blended(Stats, double[])}): means and second moments are
   * mixed, so the blended deviation also covers the shift between the two means. Weight 0 gives
   * {@code prior}, weight 1 the speaker's own statistics.
   */
  public static Stats blend(Stats prior, Stats speaker, double weight) {
    int n = prior.mean().length;
    float[] mean = new float[n];
    float[] std = new float[n];
    for (int c = 0; c < n; c++) {
      double sm = speaker.mean()[c];
      double ss = speaker.std()[c];
      blendChannel(prior, c, sm, ss * ss + sm * sm, weight, mean, std);
    }
    return new Stats(mean, std);
  }

  /**
   * Channel {@code c} of a blend, written into {@code mean} and {@code std}: {@code prior}'s mean and
   * second moment mixed with a speaker's ({@code speakerSecond} = E[x^2]) by {@code weight}. The one
   * formula behind {@link #blend} and {@link SpeakerStatistics#blended(Stats, double[])}.
   */
  static void blendChannel(Stats prior, int c, double speakerMean, double speakerSecond, double weight,
      float[] mean, float[] std) {
    double pm = prior.mean()[c];
    double ps = prior.std()[c];
    double m = (1 - weight) * pm + weight * speakerMean;
    double second = (1 - weight) * (ps * ps + pm * pm) + weight * speakerSecond;
    mean[c] = (float) m;
    std[c] = (float) Math.max(STD_FLOOR, Math.sqrt(Math.max(0, second - m * m)));
  }

  /** The population (global) statistics as {@link Stats}. */
  public Stats globalStats() {
    return new Stats(mean, std);
  }

  /**
   * A typical training speaker's statistics ({@link Mode#SPEAKER}): the population mean with the
   * root-mean-square of the speakers' own standard deviations, i.e. the spread of one voice rather
   * than of all voices together. Speakers in {@code excluded} (and their channel copies, "s#k")
   * are left out. Null when no speaker is left.
   */
  public Stats typicalSpeaker(java.util.Set<String> excluded) {
    List<Stats> kept = trainingSpeakers(excluded, true);
    if (kept.isEmpty()) {
      return null;
    }
    float[] sd = new float[channels];
    for (int c = 0; c < channels; c++) {
      double v = 0;
      for (Stats s : kept) {
        v += (double) s.std()[c] * s.std()[c];
      }
      sd[c] = (float) Math.max(STD_FLOOR, Math.sqrt(v / kept.size()));
    }
    return new Stats(mean.clone(), sd);
  }

  /**
   * The population statistics of the training speakers' own recordings ({@link Mode#SPEAKER}):
   * mean and spread pooled over the speakers' statistics, each speaker weighted equally, leaving
   * out channel copies ("s#k") and {@code excluded} speakers. Unlike {@link #globalStats()},
   * which a channel-augmented recipe computes over its noisy, telephone and reverberant copies
   * too, these describe clean speech. Null when no speaker is left.
   */
  public Stats originalSpeakersStats(java.util.Set<String> excluded) {
    List<Stats> kept = trainingSpeakers(excluded, false);
    if (kept.isEmpty()) {
      return null;
    }
    float[] m = new float[channels];
    float[] sd = new float[channels];
    for (int c = 0; c < channels; c++) {
      double mu = 0;
      double second = 0;
      for (Stats s : kept) {
        mu += s.mean()[c];
        second += (double) s.std()[c] * s.std()[c] + (double) s.mean()[c] * s.mean()[c];
      }
      mu /= kept.size();
      second /= kept.size();
      m[c] = (float) mu;
      sd[c] = (float) Math.max(STD_FLOOR, Math.sqrt(Math.max(0, second - mu * mu)));
    }
    return new Stats(m, sd);
  }

  /**
   * Per channel, the share of the population variance that lies between speakers' means (0: the
   * channel says nothing about who speaks; 1: only who speaks), over the training speakers not in
   * {@code excluded}. Null when fewer than two speakers are left.
   */
  public double[] speakerShare(java.util.Set<String> excluded) {
    List<Stats> kept = trainingSpeakers(excluded, true);
    if (kept.size() < 2) {
      return null;
    }
    double[] share = new double[channels];
    for (int c = 0; c < channels; c++) {
      double mu = 0;
      for (Stats s : kept) {
        mu += s.mean()[c];
      }
      mu /= kept.size();
      double between = 0;
      double within = 0;
      for (Stats s : kept) {
        between += (s.mean()[c] - mu) * (s.mean()[c] - mu);
        within += (double) s.std()[c] * s.std()[c];
      }
      between /= kept.size();
      within /= kept.size();
      share[c] = between + within <= 0 ? 0 : between / (between + within);
    }
    return share;
  }

  /**
   * The statistics of the speakers not in {@code excluded}; a channel copy ("s#k") counts as its
   * speaker s, and is kept only {@code withCopies}.
   */
  private List<Stats> trainingSpeakers(java.util.Set<String> excluded, boolean withCopies) {
    List<Stats> kept = new ArrayList<>();
    if (speakers == null) {
      return kept;
    }
    speakers.forEach((speaker, s) -> {
      String base = baseSpeaker(speaker);
      if ((withCopies || base.equals(speaker)) && !excluded.contains(base)) {
        kept.add(s);
      }
    });
    return kept;
  }

  /** The speaker a channel copy's name ("s#k") stands for: s; an original recording's name as it is. */
  private static String baseSpeaker(String speaker) {
    int copy = speaker.indexOf('#');
    return copy < 0 ? speaker : speaker.substring(0, copy);
  }

  /** A copy of one example standardised with the given statistics (a session's, for instance). */
  public float[] applyWith(float[] x, Stats s) {
    float[] m = s.mean();
    float[] d = s.std();
    float[] out = new float[x.length];
    int per = x.length / channels;
    for (int c = 0; c < channels; c++) {
      for (int t = 0; t < per; t++) {
        int k = c * per + t;
        out[k] = (x[k] - m[c]) / d[c];
      }
    }
    return out;
  }

  private static int channels(long[] exampleShape) {
    return (int) exampleShape[0];
  }

  private static Stats stats(float[][] rows, int channels) {
    double[] sum = new double[channels];
    double[] sq = new double[channels];
    long count = 0;
    for (float[] row : rows) {
      int per = row.length / channels;
      for (int c = 0; c < channels; c++) {
        for (int t = 0; t < per; t++) {
          double v = row[c * per + t];
          sum[c] += v;
          sq[c] += v * v;
        }
      }
      count += per;
    }
    float[] mean = new float[channels];
    float[] std = new float[channels];
    for (int c = 0; c < channels; c++) {
      double mu = sum[c] / count;
      mean[c] = (float) mu;
      std[c] = (float) Math.max(STD_FLOOR, Math.sqrt(Math.max(0, sq[c] / count - mu * mu)));
    }
    return new Stats(mean, std);
  }
}
