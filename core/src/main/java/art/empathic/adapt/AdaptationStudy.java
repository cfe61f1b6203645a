package art.empathic.adapt;

import art.empathic.audio.Audio;
import art.empathic.audio.VoiceActivity;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import art.empathic.recognize.ModelRecognizer;
import art.empathic.train.SpeakerStatistics;
import art.empathic.train.Standardizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures speaker adaptation the way a session meets it: for every clip of a held-out speaker,
 * the session has first heard some seconds of that speaker's <em>other</em> clips (in a random
 * order), and predicts the clip with its statistics blended at a given weight. Two kinds of
 * session:
 *
 * <ul>
 *   <li>mixed: the other clips are any of the speaker's clips (a person whose mood varies);
 *   <li>steady: only the speaker's other clips of the same emotion (a person who stays angry the
 *       whole time: full per-speaker normalisation would turn that anger into "average").
 * </ul>
 *
 * Accuracy is over the clips whose emotion is in {@code scored}; the argmax is restricted to
 * those classes (the field's rule for a test corpus with fewer classes than the model).
 */
public final class AdaptationStudy {
  /** One clip ready for the study: its speaker, emotion, raw model input and length. */
  public record Heard(String speaker, Emotion emotion, float[] row, double seconds) {}

  /** Accuracy over {@code n} predictions and the mean seconds actually heard before them. */
  public record Cell(int correct, int n, double meanSecondsHeard) {
    public double accuracy() {
      return n == 0 ? Double.NaN : correct / (double) n;
    }
  }

  private final ModelRecognizer recognizer;
  private final List<Emotion> classes;

  public AdaptationStudy(ModelRecognizer recognizer) {
    this.recognizer = recognizer;
    this.classes = recognizer.classes();
  }

  /** The model's normalisation: population statistics and, for per-speaker models, the training speakers'. */
  public Standardizer population() {
    return recognizer.population();
  }

  /** Reads and featurises clips (skipping those with no voice, which a session never learns from). */
  public List<Heard> load(List<art.empathic.corpus.Clip> clips, List<String> skipped) {
    List<Heard> out = new ArrayList<>();
    for (art.empathic.corpus.Clip c : clips) {
      try {
        Audio a = WavReader.read(c.path());
        if (!VoiceActivity.check(a).voiceHeard()) {
          skipped.add(c.path() + ": no voice heard");
          continue;
        }
        out.add(new Heard(c.speaker(), c.emotion(), recognizer.features(a), a.durationSeconds()));
      } catch (art.empathic.audio.AudioFormatException | RuntimeException e) {
        skipped.add(c.path() + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * Accuracy for each (seconds heard, weight) pair. For a level of 0 s the weight is irrelevant
   * (the population statistics alone). A level of {@link Double#POSITIVE_INFINITY} means "every
   * other clip the session may hear".
   *
   * @param steady whether the session hears only clips of the target's own emotion
   * @param orders random orders of the other clips per target
   */
  public Map<Double, Map<Double, Cell>> grid(List<Heard> clips, Set<Emotion> scored, boolean steady, double[] levels,
      double[] weights, int orders, long seed) {
    Standardizer population = recognizer.population();
    Map<Double, Map<Double, int[]>> counts = new LinkedHashMap<>();
    Map<Double, double[]> heardSum = walkSessions(clips, scored, steady, levels, orders, seed, (target, level, stats, batch) -> {
      for (double w : level == 0 ? new double[] {0} : weights) {
        int[] cell = counts.computeIfAbsent(level, k -> new LinkedHashMap<>()).computeIfAbsent(w, k -> new int[2]);
        batch.add(population.applyWith(target.row(), stats.blended(population, w)), cell, target.emotion());
      }
    });
    Map<Double, Map<Double, Cell>> out = new LinkedHashMap<>();
    counts.forEach((level, byWeight) -> {
      double[] hs = heardSum.get(level);
      Map<Double, Cell> row = new LinkedHashMap<>();
      byWeight.forEach((w, c) -> row.put(w, new Cell(c[0], c[1], hs[0] / hs[1])));
      out.put(level, row);
    });
    return out;
  }

  /**
   * Accuracy when the session follows a blend rule: at each level the weight is the rule's for
   * the seconds actually heard (so the cells differ from {@link #grid} only in the weight used).
   */
  public Map<Double, Cell> withRule(List<Heard> clips, Set<Emotion> scored, boolean steady, double[] levels,
      SpeakerStatistics.Blend blend, int orders, long seed) {
    Standardizer population = recognizer.population();
    Map<Double, int[]> counts = new LinkedHashMap<>();
    Map<Double, double[]> heardSum = walkSessions(clips, scored, steady, levels, orders, seed, (target, level, stats, batch) ->
        batch.add(population.applyWith(target.row(), stats.blended(population, blend.weight(stats.seconds()))),
            counts.computeIfAbsent(level, k -> new int[2]), target.emotion()));
    Map<Double, Cell> out = new LinkedHashMap<>();
    counts.forEach((level, c) -> out.put(level, new Cell(c[0], c[1], heardSum.get(level)[0] / heardSum.get(level)[1])));
    return out;
  }

  /**
   * Accuracy when the session blends {@code prior} (instead of the population statistics) with the
   * speaker's statistics, channel c by {@code weights[c]}, from {@code minSeconds} of speech on
   * (the prior alone before). The experiments behind the blend rule (docs/research/ADAPTATION.md).
   */
  public Map<Double, Cell> withChannelWeights(List<Heard> clips, Set<Emotion> scored, boolean steady, double[] levels,
      Standardizer.Stats prior, java.util.function.Function<SpeakerStatistics, double[]> weights, double minSeconds,
      int orders, long seed) {
    Standardizer population = recognizer.population();
    double[] none = new double[population.channels()];
    Map<Double, int[]> counts = new LinkedHashMap<>();
    Map<Double, double[]> heardSum = walkSessions(clips, scored, steady, levels, orders, seed, (target, level, stats, batch) ->
        batch.add(population.applyWith(target.row(), stats.blended(prior, stats.seconds() >= minSeconds && stats.seconds() > 0
            ? weights.apply(stats) : none)), counts.computeIfAbsent(level, k -> new int[2]), target.emotion()));
    Map<Double, Cell> out = new LinkedHashMap<>();
    counts.forEach((level, c) -> out.put(level, new Cell(c[0], c[1], heardSum.get(level)[0] / heardSum.get(level)[1])));
    return out;
  }

  /** What a study does with one simulated session: the target clip, the level, what was heard. */
  private interface SessionVisitor {
    void visit(Heard target, double level, SpeakerStatistics heard, Batch batch);
  }

  /**
   * Walks every simulated session: for each scored target clip of each speaker, {@code orders}
   * random orders of that speaker's other clips (only same-emotion ones when {@code steady}), and
   * for each level the statistics of the clips heard until that many seconds. Returns, per level,
   * the sum of seconds actually heard and the number of sessions.
   */
  private Map<Double, double[]> walkSessions(List<Heard> clips, Set<Emotion> scored, boolean steady, double[] levels,
      int orders, long seed, SessionVisitor visitor) {
    Map<String, List<Heard>> bySpeaker = new TreeMap<>();
    clips.forEach(h -> bySpeaker.computeIfAbsent(h.speaker(), k -> new ArrayList<>()).add(h));
    int channels = recognizer.population().channels();
    Map<Double, double[]> heardSum = new LinkedHashMap<>();
    Batch batch = new Batch(scored);
    Random random = new Random(seed);
    for (List<Heard> speaker : bySpeaker.values()) {
      for (Heard target : speaker) {
        if (!scored.contains(target.emotion())) {
          continue;
        }
        for (int o = 0; o < orders; o++) {
          List<Heard> others = new ArrayList<>();
          for (Heard h : speaker) {
            if (h != target && (!steady || h.emotion() == target.emotion())) {
              others.add(h);
            }
          }
          Collections.shuffle(others, random);
          for (double level : levels) {
            SpeakerStatistics stats = new SpeakerStatistics(channels);
            for (Heard h : others) {
              if (stats.seconds() >= level) {
                break;
              }
              stats.add(h.row(), h.seconds());
            }
            double[] sum = heardSum.computeIfAbsent(level, k -> new double[2]);
            sum[0] += stats.seconds();
            sum[1] += 1;
            visitor.visit(target, level, stats, batch);
          }
        }
      }
    }
    batch.flush();
    return heardSum;
  }

  /** Standardised rows waiting to be predicted 64 at a time, each scored into its cell. */
  private final class Batch {
    private final Set<Emotion> scored;
    private final List<float[]> rows = new ArrayList<>();
    private final List<int[]> cells = new ArrayList<>();
    private final List<Emotion> truth = new ArrayList<>();

    Batch(Set<Emotion> scored) {
      this.scored = scored;
    }

    void add(float[] row, int[] cell, Emotion emotion) {
      rows.add(row);
      cells.add(cell);
      truth.add(emotion);
      if (rows.size() >= 64) {
        flush();
      }
    }

    void flush() {
      AdaptationStudy.this.flush(rows, cells, truth, scored);
    }
  }

  /** One answer: the probability of the (restricted) top class and whether that class was right. */
  public record Answer(double top, boolean right) {}

  /**
   * Every scored clip as the public API hears it (the population statistics alone, no session):
   * how sure the answer is and whether it is right. What the "not sure" threshold is chosen on.
   */
  public List<Answer> publicAnswers(List<Heard> clips, Set<Emotion> scored) {
    List<Heard> kept = clips.stream().filter(h -> scored.contains(h.emotion())).toList();
    float[][] p = publicProbabilities(kept);
    List<Answer> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      Emotion top = restrictedArgMax(p[i], scored);
      out.add(new Answer(p[i][classes.indexOf(top)], top == kept.get(i).emotion()));
    }
    return out;
  }

  /** The restricted-argmax prediction of each clip with the population statistics alone (no session). */
  public List<Emotion> plain(List<Heard> clips, Set<Emotion> scored) {
    List<Emotion> out = new ArrayList<>();
    for (float[] row : publicProbabilities(clips)) {
      out.add(restrictedArgMax(row, scored));
    }
    return out;
  }

  /** Each clip's probabilities as the public API computes them: an unknown speaker's statistics, no session. */
  private float[][] publicProbabilities(List<Heard> clips) {
    Standardizer population = recognizer.population();
    float[][] x = clips.stream().map(h -> population.applyWith(h.row(), population.unknownSpeakerStats())).toArray(float[][]::new);
    float[][] p = new float[x.length][];
    for (int from = 0; from < x.length; from += 64) {
      float[][] chunk = recognizer.predictStandardized(java.util.Arrays.copyOfRange(x, from, Math.min(x.length, from + 64)));
      System.arraycopy(chunk, 0, p, from, chunk.length);
    }
    return p;
  }

  private void flush(List<float[]> batch, List<int[]> cells, List<Emotion> truth, Set<Emotion> scored) {
    if (batch.isEmpty()) {
      return;
    }
    float[][] p = recognizer.predictStandardized(batch.toArray(float[][]::new));
    for (int i = 0; i < p.length; i++) {
      Emotion predicted = restrictedArgMax(p[i], scored);
      cells.get(i)[0] += predicted == truth.get(i) ? 1 : 0;
      cells.get(i)[1] += 1;
    }
    batch.clear();
    cells.clear();
    truth.clear();
  }

  /** The most probable class among {@code allowed}. */
  Emotion restrictedArgMax(float[] p, Set<Emotion> allowed) {
    Emotion best = null;
    double top = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p.length; k++) {
      if (allowed.contains(classes.get(k)) && p[k] > top) {
        top = p[k];
        best = classes.get(k);
      }
    }
    return best;
  }
}
