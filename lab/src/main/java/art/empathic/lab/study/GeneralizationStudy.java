package art.empathic.lab.study;

import art.empathic.audio.Audio;
import art.empathic.audio.Channel;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureCache;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.FeatureSet;
import art.empathic.features.FeatureSpec;
import art.empathic.corpus.Gender;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Splitter;
import art.empathic.eval.VoiceScore;
import art.empathic.features.dsp.MfccExtractor;
import art.empathic.model.Architecture;
import art.empathic.model.Network;
import art.empathic.train.CorpusBalance;
import art.empathic.train.ExampleSet;
import art.empathic.train.FitRequest;
import art.empathic.train.Fitter;
import art.empathic.train.MultiCorpus;
import art.empathic.train.Recipe;
import art.empathic.train.SavedModel;
import art.empathic.train.Standardizer;
import art.empathic.train.TrainSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The new-voices measurement behind {@code study generalize}: for one recipe (features,
 * network, training, normalisation), speaker folds of RAVDESS and EmoDB, cross-corpus both ways,
 * multi-corpus training, simulated channels, binary arousal/valence and calibration, each scored
 * by {@link VoiceScore}. Nothing here is chosen on the test side: the recipes come in fixed.
 *
 * <p>Per-speaker normalisation (where the recipe uses it) takes each speaker's statistics from
 * that speaker's own clips without labels, test speakers included (transductive, as in the SER
 * literature); under a channel, the test speaker's statistics come from their clips through that
 * channel (one speaker, one microphone).
 */
final class GeneralizationStudy {
  /**
   * A recipe under test; its training settings' {@link MultiCorpus} weights the corpora of a
   * multi-corpus training set and restricts each clip's loss to its corpus's classes, exactly as
   * {@code train} does (it changes nothing when one corpus trains).
   */
  record System(String name, FeatureSpec feature, Architecture architecture, TrainSettings training,
      Standardizer.Mode normalization, int ensemble, String augmentText) {
    static System of(String name, Recipe r) {
      return new System(name, r.feature(), r.architecture(), r.training(), r.normalization(), r.ensemble(),
          r.augmentText());
    }

    /** The same recipe with another training-side audio augmentation ("none" or null: none). */
    System withAugment(String name, String text) {
      return new System(name, feature, architecture, training, normalization, ensemble,
          text == null || text.equalsIgnoreCase("none") ? null : text);
    }

    /** The same recipe with another feature standardisation. */
    System withNormalization(String name, Standardizer.Mode mode) {
      return new System(name, feature, architecture, training, mode, ensemble, augmentText);
    }

    /** The same recipe averaging {@code k} networks. */
    System withEnsemble(String name, int k) {
      return new System(name, feature, architecture, training, normalization, k, augmentText);
    }

    /** The same recipe with other training settings. */
    System withTraining(String name, TrainSettings t) {
      return new System(name, feature, architecture, t, normalization, ensemble, augmentText);
    }

    /** The same recipe with another corpus weighting in multi-corpus training. */
    System withBalance(String name, CorpusBalance.Mode b) {
      return new System(name, feature, architecture,
          training.toBuilder().multiCorpus(new MultiCorpus(b, training.multiCorpus().restrictLoss())).build(),
          normalization, ensemble, augmentText);
    }
  }

  /**
   * What one fold's model said about its test clips: enough to score it again, or to average it
   * with another system's probabilities for the same clips (late fusion, {@link #fuse}).
   */
  record Fold(List<String> classes, Set<String> testClasses, List<String> truth, double[][] probabilities,
      VoiceScore.Decision decision) {
    VoiceScore score() {
      return VoiceScore.of(classes, testClasses, truth, probabilities, decision);
    }
  }

  /**
   * Scores of one condition: one per fold (or one for a single train/test pair), with the
   * predictions behind them (empty for rows made without them).
   */
  record Row(String condition, List<VoiceScore> folds, List<Fold> predictions) {
    Row(String condition, List<VoiceScore> folds) {
      this(condition, folds, List.of());
    }

    static Row of(String condition, List<Fold> predictions) {
      return new Row(condition, predictions.stream().map(Fold::score).toList(), predictions);
    }

    double mean(java.util.function.ToDoubleFunction<VoiceScore> f) {
      return folds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).average().orElse(Double.NaN);
    }

    double sd(java.util.function.ToDoubleFunction<VoiceScore> f) {
      double m = mean(f);
      double[] v = folds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray();
      if (v.length < 2) {
        return Double.NaN;
      }
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      return Math.sqrt(s / (v.length - 1));
    }
  }

  private final System system;
  private final FeatureCache cache;
  private final int threads;
  private final long seed;
  private final PrintWriter out;
  private final Map<String, float[]> clean = new HashMap<>();
  /** Augmented copies' rows per clip path (empty without augmentation). */
  private final Map<String, List<float[]>> copies = new HashMap<>();
  /** Channel test features shared by every system of one run with the same feature spec. */
  private static final Map<String, float[]> CHANNEL_ROWS = new java.util.concurrent.ConcurrentHashMap<>();
  private double fitSeconds;
  private int fits;

  GeneralizationStudy(System system, FeatureCache cache, int threads, long seed, PrintWriter out) {
    this.system = system;
    this.cache = cache;
    this.threads = threads;
    this.seed = seed;
    this.out = out;
  }

  double meanFitSeconds() {
    return fits == 0 ? Double.NaN : fitSeconds / fits;
  }

  /** Extracts (through the cache) the clean features of every clip; clips that fail are left out and named. */
  List<Clip> prepare(List<Clip> clips) {
    FeatureSet set = new FeaturePipeline(system.feature(), cache, threads, false).extract(clips);
    set.report().skipped().forEach(s -> out.println("skipped: " + s));
    for (int i = 0; i < set.size(); i++) {
      clean.put(set.clips().get(i).path().toString(), set.rows().get(i));
    }
    out.printf(Locale.ROOT, "[%s] features: %s%n", system.name(), set.report().summary());
    out.flush();
    return set.clips();
  }

  /**
   * Extracts (through the cache) the augmented copies of every clip, if the system augments.
   * Babble for a clip comes from the other speakers of the clip's own fold: whenever the clip is
   * on a training side, so are they, so no test voice is ever mixed into training audio.
   */
  void prepareCopies(List<Clip> clips, List<Set<String>> folds) {
    if (system.augmentText() == null) {
      return;
    }
    art.empathic.features.AugmentSpec aug = art.empathic.features.AugmentSpec.parse(system.augmentText(), seed);
    Map<String, List<Clip>> byFold = new HashMap<>();
    for (Clip c : clips) {
      Set<String> fold = folds.stream().filter(f -> f.contains(c.speaker())).findFirst().orElse(Set.of(c.speaker()));
      byFold.computeIfAbsent(c.corpus() + ":" + new java.util.TreeSet<>(fold), k -> new ArrayList<>()).add(c);
    }
    java.util.function.Function<Clip, List<Clip>> pool = c -> byFold.values().stream()
        .filter(l -> l.stream().anyMatch(x -> x.speaker().equals(c.speaker()) && x.corpus().equals(c.corpus())))
        .findFirst().orElse(List.of());
    FeatureSet set = new FeaturePipeline(system.feature(), cache, threads, false).extractCopies(clips, aug, pool);
    set.report().skipped().forEach(s -> out.println("skipped: " + s));
    for (int i = 0; i < set.size(); i++) {
      copies.computeIfAbsent(set.clips().get(i).path().toString(), k -> new ArrayList<>()).add(set.rows().get(i));
    }
    out.printf(Locale.ROOT, "[%s] augmented copies (%s): %s%n", system.name(), aug.toCli(), set.report().summary());
    out.flush();
  }

  /**
   * Refuses two rows that cannot be combined clip by clip: both need predictions for the same
   * number of folds, and each fold the same classes and the same clips in the same order.
   */
  private static void requirePaired(Row a, Row b, String what) {
    if (a.predictions().size() != b.predictions().size() || a.predictions().isEmpty()) {
      throw new IllegalArgumentException(what + ": " + a.predictions().size() + " and " + b.predictions().size()
          + " folds with predictions");
    }
    for (int f = 0; f < a.predictions().size(); f++) {
      Fold x = a.predictions().get(f);
      Fold y = b.predictions().get(f);
      if (!x.classes().equals(y.classes()) || !x.truth().equals(y.truth())) {
        throw new IllegalArgumentException("fold " + (f + 1) + " of '" + a.condition() + "': the systems saw other "
            + "classes or clips (" + x.classes() + " vs " + y.classes() + ")");
      }
    }
  }

  /**
   * Late fusion of two systems' rows for the same condition: per fold, the probabilities
   * (1 - w) p_a + w p_b, scored again. Both rows must come from the same folds, clips and classes
   * (two systems of one study run); {@code b}'s decision is ignored (a's is used).
   */
  static Row fuse(String condition, Row a, Row b, double w) {
    requirePaired(a, b, "cannot fuse '" + a.condition() + "' and '" + b.condition() + "'");
    List<Fold> fused = new ArrayList<>();
    for (int f = 0; f < a.predictions().size(); f++) {
      Fold x = a.predictions().get(f);
      Fold y = b.predictions().get(f);
      double[][] p = new double[x.probabilities().length][];
      for (int i = 0; i < p.length; i++) {
        p[i] = new double[x.classes().size()];
        for (int k = 0; k < p[i].length; k++) {
          p[i][k] = (1 - w) * x.probabilities()[i][k] + w * y.probabilities()[i][k];
        }
      }
      fused.add(new Fold(x.classes(), x.testClasses(), x.truth(), p, x.decision()));
    }
    return Row.of(condition, fused);
  }

  /**
   * Arousal-preserving fusion (docs/research/GENERALIZATION.md): per fold, each clip's fused probabilities rescaled so
   * that the mass of the high-arousal classes ({@link VoiceScore#HIGH_AROUSAL}) equals the
   * reference system's (the MLP's); the class within each arousal side keeps the fusion's ratios.
   * Both rows must come from the same folds, clips and classes; the fused row's decision is used.
   */
  static Row preserveArousal(String condition, Row fused, Row reference) {
    requirePaired(fused, reference, "cannot keep the arousal of '" + reference.condition() + "' in '"
        + fused.condition() + "'");
    List<Fold> out = new ArrayList<>();
    for (int f = 0; f < fused.predictions().size(); f++) {
      Fold x = fused.predictions().get(f);
      Fold r = reference.predictions().get(f);
      // The classes VoiceScore scores (its argmax and arousal share): all, or the test corpus's.
      Set<String> test = new java.util.HashSet<>();
      x.testClasses().forEach(c -> test.add(c.trim().toLowerCase(Locale.ROOT)));
      boolean[] scored = new boolean[x.classes().size()];
      boolean[] high = new boolean[scored.length];
      for (int c = 0; c < scored.length; c++) {
        String label = x.classes().get(c).trim().toLowerCase(Locale.ROOT);
        scored[c] = x.decision() == VoiceScore.Decision.AS_PREDICTED || test.contains(label);
        high[c] = VoiceScore.HIGH_AROUSAL.contains(label);
      }
      double[][] p = new double[x.probabilities().length][];
      for (int i = 0; i < p.length; i++) {
        p[i] = preserveArousal(x.probabilities()[i], r.probabilities()[i], high, scored);
      }
      out.add(new Fold(x.classes(), x.testClasses(), x.truth(), p, x.decision()));
    }
    return Row.of(condition, out);
  }

  /**
   * One clip: {@code fused} with its high-arousal side scaled by A_ref / A_fused and its low side by
   * (1 - A_ref) / (1 - A_fused), A being the high side's share of the scored classes' mass (all
   * classes, or the test corpus's when scoring restricts the argmax to them; the other classes are
   * left as they are, so the result still sums to what {@code fused} summed to). Where the fused
   * side has no mass to scale (A_fused 0 or 1), that side takes the reference's probabilities,
   * scaled to the same total.
   */
  static double[] preserveArousal(double[] fused, double[] reference, boolean[] high, boolean[] scored) {
    if (fused.length != reference.length || fused.length != high.length || fused.length != scored.length) {
      throw new IllegalArgumentException("probabilities for " + fused.length + " and " + reference.length
          + " classes, " + high.length + " arousal flags");
    }
    double fusedHigh = 0;
    double fusedLow = 0;
    double refHigh = 0;
    double refLow = 0;
    for (int c = 0; c < fused.length; c++) {
      if (scored[c]) {
        if (high[c]) {
          fusedHigh += fused[c];
          refHigh += reference[c];
        } else {
          fusedLow += fused[c];
          refLow += reference[c];
        }
      }
    }
    double total = fusedHigh + fusedLow;
    double refTotal = refHigh + refLow;
    double[] out = fused.clone();
    if (total <= 0 || refTotal <= 0) {
      return out;
    }
    double targetHigh = total * refHigh / refTotal; // the reference's arousal share of the fused scored mass
    double targetLow = total - targetHigh;
    for (int c = 0; c < fused.length; c++) {
      if (!scored[c]) {
        continue;
      }
      double sideFused = high[c] ? fusedHigh : fusedLow;
      double sideRef = high[c] ? refHigh : refLow;
      double target = high[c] ? targetHigh : targetLow;
      out[c] = sideFused > 0 ? fused[c] * target / sideFused : sideRef > 0 ? reference[c] * target / sideRef : 0;
    }
    return out;
  }

  // ---- the experiments ---------------------------------------------------------------------

  /** Speaker folds: each fold's test speakers against a model trained on the rest. */
  Row folds(String name, List<Clip> clips, List<Set<String>> testSpeakers, List<Clip> extraTraining) {
    return foldsBoth(name, clips, testSpeakers, extraTraining).get(0);
  }

  /**
   * Speaker folds scored as predicted (first row) and with the argmax restricted to the test
   * corpus's classes (second row; equal to the first unless extra training clips bring classes
   * the test corpus lacks).
   */
  List<Row> foldsBoth(String name, List<Clip> clips, List<Set<String>> testSpeakers, List<Clip> extraTraining) {
    return foldsAll(name, clips, testSpeakers, extraTraining).subList(0, 2);
  }

  /**
   * {@link #foldsBoth}'s two rows and a third: each test clip scored as one clip of a new voice
   * (the unknown speaker's statistics, as the public API; equal to the first row for a recipe
   * without per-speaker statistics).
   */
  List<Row> foldsAll(String name, List<Clip> clips, List<Set<String>> testSpeakers, List<Clip> extraTraining) {
    List<Fold> asPredicted = new ArrayList<>();
    List<Fold> restricted = new ArrayList<>();
    List<Fold> oneClip = new ArrayList<>();
    for (Set<String> fold : testSpeakers) {
      List<Clip> train = new ArrayList<>(clips.stream().filter(c -> !fold.contains(c.speaker())).toList());
      train.addAll(extraTraining);
      List<Clip> test = clips.stream().filter(c -> fold.contains(c.speaker())).toList();
      List<Fold> s = trainAndTest(train, test, VoiceScore.Decision.AS_PREDICTED, VoiceScore.Decision.RESTRICTED);
      asPredicted.add(s.get(0));
      restricted.add(s.get(1));
      oneClip.add(s.size() > 2 ? s.get(2) : s.get(0));
    }
    // Each fold scored once (Row.of); the log lines read the same scores.
    Row predicted = Row.of(name, asPredicted);
    Row restrictedRow = Row.of(name + ", argmax over the test corpus's classes", restricted);
    Row one = Row.of(name + ", one clip of a new voice (public API)", oneClip);
    log(name, predicted.folds());
    log(name + ", restricted", restrictedRow.folds());
    if (system.normalization().perSpeaker()) {
      log(name + ", one clip of a new voice (the unknown speaker's statistics, as the public API)", one.folds());
    }
    return List.of(predicted, restrictedRow, one);
  }

  /** Train on one corpus, test on another: restricted to the test corpus's classes and as predicted. */
  List<Row> crossCorpus(String name, List<Clip> train, List<Clip> test) {
    List<Fold> r = trainAndTest(train, test, VoiceScore.Decision.RESTRICTED, VoiceScore.Decision.AS_PREDICTED);
    Row restricted = Row.of(name + ", argmax over the test corpus's classes", List.of(r.get(0)));
    Row asPredicted = Row.of(name + ", as predicted", List.of(r.get(1)));
    log(name + " (restricted)", restricted.folds());
    log(name + " (as predicted)", asPredicted.folds());
    return List.of(restricted, asPredicted);
  }

  /** Speaker folds of RAVDESS with their test clips through each channel; one row per channel. */
  List<Row> channels(List<Clip> clips, List<Set<String>> testSpeakers) throws IOException {
    List<Channel> conditions = Channel.studyConditions();
    Map<Channel, List<Fold>> byChannel = new LinkedHashMap<>();
    conditions.forEach(c -> byChannel.put(c, new ArrayList<>()));
    for (int f = 0; f < testSpeakers.size(); f++) {
      Set<String> fold = testSpeakers.get(f);
      List<Clip> train = clips.stream().filter(c -> !fold.contains(c.speaker())).toList();
      List<Clip> test = clips.stream().filter(c -> fold.contains(c.speaker())).toList();
      List<float[]> babbleSources = babbleSources(train, 40, seed + f);
      Map<Channel, Map<String, float[]>> altered = new LinkedHashMap<>();
      for (Channel ch : conditions) {
        altered.put(ch, ch.kind() == Channel.Kind.CLEAN ? null : throughChannel(test, ch, babbleSources, seed + 31L * f));
      }
      List<Fold> s = trainAndTestUnder(train, test, altered);
      for (int i = 0; i < conditions.size(); i++) {
        byChannel.get(conditions.get(i)).add(s.get(i));
      }
      out.printf(Locale.ROOT, "[%s] channels fold %d done%n", system.name(), f + 1);
      out.flush();
    }
    List<Row> rows = new ArrayList<>();
    byChannel.forEach((c, s) -> {
      Row row = Row.of(c.describe(), s);
      log("channel " + c.describe(), row.folds());
      rows.add(row);
    });
    return rows;
  }

  /** EmoDB's five folds, each one man and one woman (men and women in speaker order, paired). */
  static List<Set<String>> pairedGenderFolds(List<Clip> clips) {
    List<String> men = clips.stream().filter(c -> c.gender() == Gender.MALE).map(Clip::speaker).distinct().sorted()
        .toList();
    List<String> women = clips.stream().filter(c -> c.gender() == Gender.FEMALE).map(Clip::speaker).distinct()
        .sorted().toList();
    if (men.size() != women.size() || men.isEmpty()) {
      throw new IllegalArgumentException("paired folds need as many men as women, got " + men + " and " + women);
    }
    return IntStream.range(0, men.size()).mapToObj(i -> Set.of(men.get(i), women.get(i))).toList();
  }

  /** The project's RAVDESS speaker folds (actors 2f-1, 2f, 2f+11, 2f+12). */
  static List<Set<String>> speakerFolds(List<Clip> clips, int k, long seed) {
    return Splitter.foldSpeakers(clips, k, seed);
  }

  // ---- training and scoring ----------------------------------------------------------------

  private List<Fold> trainAndTest(List<Clip> train, List<Clip> test, VoiceScore.Decision... decisions) {
    List<Fold> out = new ArrayList<>();
    try (Trained t = fit(train, test)) {
      List<String> truth = test.stream().map(c -> c.emotion().label()).toList();
      Set<String> testClasses = new LinkedHashSet<>(truth);
      double[][] p = t.predict(test, rows(test, null), t.norm);
      for (VoiceScore.Decision d : decisions) {
        out.add(new Fold(t.classes, testClasses, truth, p, d));
      }
      if (system.normalization().perSpeaker()) {
        // Printed beside the fold figures: what one clip of these speakers scores through the public API.
        out.add(new Fold(t.classes, testClasses, truth, t.predictOneClip(test, rows(test, null)),
            VoiceScore.Decision.AS_PREDICTED));
      }
    }
    return out;
  }

  private List<Fold> trainAndTestUnder(List<Clip> train, List<Clip> test, Map<Channel, Map<String, float[]>> altered) {
    List<Fold> out = new ArrayList<>();
    try (Trained t = fit(train, test)) {
      List<String> truth = test.stream().map(c -> c.emotion().label()).toList();
      Set<String> testClasses = new LinkedHashSet<>(truth);
      for (Map.Entry<Channel, Map<String, float[]>> e : altered.entrySet()) {
        float[][] x = rows(test, e.getValue());
        Standardizer norm = e.getValue() == null ? t.norm
            : Standardizer.fit(system.normalization(), t.trainSet, t.trainSet.concat(examples(test, x, t.classes)));
        out.add(new Fold(t.classes, testClasses, truth, t.predict(test, x, norm), VoiceScore.Decision.AS_PREDICTED));
      }
    }
    return out;
  }

  /** A fitted network with its normaliser and classes. */
  private final class Trained implements AutoCloseable {
    final List<String> classes;
    final List<Fitter> members;
    final Standardizer norm;
    final ExampleSet trainSet;

    Trained(List<String> classes, List<Fitter> members, Standardizer norm, ExampleSet trainSet) {
      this.classes = classes;
      this.members = members;
      this.norm = norm;
      this.trainSet = trainSet;
    }

    /** The members' mean probabilities with every test speaker unknown (one clip of a new voice). */
    double[][] predictOneClip(List<Clip> test, float[][] x) {
      ExampleSet e = examples(test, x, classes);
      return probabilities(norm.apply(new ExampleSet(e.x(), e.y(), new String[e.size()], e.exampleShape())));
    }

    /** The members' mean probabilities. */
    double[][] predict(List<Clip> test, float[][] x, Standardizer n) {
      return probabilities(n.apply(examples(test, x, classes)));
    }

    private double[][] probabilities(ExampleSet z) {
      int rows = z.size();
      double[][] d = new double[rows][classes.size()];
      for (Fitter f : members) {
        float[][] p = f.predictProbabilities(z);
        for (int i = 0; i < p.length; i++) {
          for (int k = 0; k < p[i].length; k++) {
            d[i][k] += p[i][k] / members.size();
          }
        }
      }
      return d;
    }

    @Override
    public void close() {
      members.forEach(Fitter::close);
    }
  }

  /**
   * Fits on {@code train} over the union of its classes (in {@link Emotion} order); each clip's
   * loss is restricted to the classes its own corpus has in {@code train}.
   */
  private Trained fit(List<Clip> train, List<Clip> unlabelledTest) {
    List<String> classes = train.stream().map(Clip::emotion).distinct().sorted().map(Emotion::label).toList();
    ExampleSet trainSet = withCopies(train, examples(train, rows(train, null), classes), classes);
    if (trainSet.x().length > train.size()) {
      List<Clip> all = new ArrayList<>(train);
      for (Clip c : train) {
        for (int k = 0; k < copies.getOrDefault(c.path().toString(), List.of()).size(); k++) {
          all.add(c);
        }
      }
      train = all;
    }
    ExampleSet pool = trainSet.concat(examples(unlabelledTest, rows(unlabelledTest, null), classes));
    Standardizer norm = Standardizer.fit(system.normalization(), trainSet, pool);
    List<String> corpusOfExample = train.stream().map(Clip::corpus).toList();
    ExampleSet z = norm.applyForTraining(trainSet, seed, corpusOfExample);
    MultiCorpus.Loss corpusLoss = system.training().multiCorpus()
        .loss(corpusOfExample, z.y(), classes.size()); // every member's
    List<Fitter> members = new ArrayList<>();
    long t0 = java.lang.System.nanoTime();
    try {
      for (int m = 1; m <= Math.max(1, system.ensemble()); m++) {
        Network net = Network.build(system.architecture(), SavedModel.inputShape(system.feature(), system.training()),
            classes.size());
        Fitter fitter = new Fitter(net, system.training().withSeed(m == 1 ? seed : seed * 1000 + m));
        members.add(fitter);
        corpusLoss.applyTo(fitter).classLabels(classes);
        fitter.fit(FitRequest.of(z).build());
      }
    } catch (IOException | RuntimeException e) {
      members.forEach(Fitter::close);
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    double seconds = (java.lang.System.nanoTime() - t0) / 1e9;
    fitSeconds += seconds;
    fits++;
    out.printf(Locale.ROOT, "[%s] fit %d: %d training examples, %.1f s%n", system.name(), fits, z.size(), seconds);
    out.flush();
    return new Trained(classes, members, norm, trainSet);
  }

  /**
   * The clean examples followed by every augmented copy; copy k of speaker s counts as the
   * speaker "s#k" for per-speaker statistics (one simulated microphone per speaker and copy, as
   * test speakers under a channel get their statistics from their own channel's clips).
   */
  private ExampleSet withCopies(List<Clip> train, ExampleSet cleanSet, List<String> classes) {
    List<float[]> x = new ArrayList<>();
    List<Clip> who = new ArrayList<>();
    List<String> speakers = new ArrayList<>();
    for (Clip c : train) {
      List<float[]> cs = copies.getOrDefault(c.path().toString(), List.of());
      for (int k = 0; k < cs.size(); k++) {
        x.add(cs.get(k));
        who.add(c);
        speakers.add(c.corpus() + ":" + c.speaker() + "#" + (k + 1));
      }
    }
    if (x.isEmpty()) {
      return cleanSet;
    }
    int[] y = who.stream().mapToInt(c -> Math.max(0, classes.indexOf(c.emotion().label()))).toArray();
    return cleanSet.concat(new ExampleSet(x.toArray(float[][]::new), y, speakers.toArray(String[]::new),
        cleanSet.exampleShape()));
  }

  private float[][] rows(List<Clip> clips, Map<String, float[]> override) {
    return clips.stream().map(c -> {
      float[] r = override != null ? override.get(c.path().toString()) : clean.get(c.path().toString());
      if (r == null) {
        throw new IllegalStateException("no features for " + c.path());
      }
      return r;
    }).toArray(float[][]::new);
  }

  private ExampleSet examples(List<Clip> clips, float[][] x, List<String> classes) {
    int[] y = clips.stream().mapToInt(c -> Math.max(0, classes.indexOf(c.emotion().label()))).toArray();
    String[] speakers = clips.stream().map(c -> c.corpus() + ":" + c.speaker()).toArray(String[]::new);
    return new ExampleSet(x, y, speakers, art.empathic.model.Tensors.toLongs(system.feature().shape()));
  }

  // ---- channels ----------------------------------------------------------------------------

  private List<float[]> babbleSources(List<Clip> from, int n, long s) throws IOException {
    List<Clip> shuffled = new ArrayList<>(from);
    java.util.Collections.shuffle(shuffled, new Random(s));
    List<float[]> out = new ArrayList<>();
    for (Clip c : shuffled.subList(0, Math.min(n, shuffled.size()))) {
      out.add(read(c).samples());
    }
    return out;
  }

  private Audio read(Clip c) throws IOException {
    try {
      return Resampler.resample(WavReader.decode(Files.readAllBytes(c.path()), c.path().toString()),
          system.feature().sampleRate());
    } catch (art.empathic.audio.AudioFormatException e) {
      throw new IOException(c.path() + ": " + e.problem(), e);
    }
  }

  /** Features of the clips through a channel, computed on all threads (not cached). */
  private Map<String, float[]> throughChannel(List<Clip> clips, Channel ch, List<float[]> babble, long s)
      throws IOException {
    MfccExtractor extractor = new MfccExtractor(system.feature().mfcc());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        Clip c = clips.get(i);
        long clipSeed = s * 1_000_003L + i;
        String key = system.feature() + "|" + ch + "|" + s + "|" + c.path();
        futures.add(pool.submit(() -> {
          float[] known = CHANNEL_ROWS.get(key);
          if (known != null) {
            return known;
          }
          Audio a = ch.apply(read(c), babble, new Random(clipSeed));
          FeatureSpec f = system.feature();
          float[] row = f.derive(f.kind().base().compute(extractor, a.samples()));
          CHANNEL_ROWS.put(key, row);
          return row;
        }));
      }
      Map<String, float[]> out = new HashMap<>();
      for (int i = 0; i < clips.size(); i++) {
        out.put(clips.get(i).path().toString(), futures.get(i).get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("channel " + ch.describe() + ": " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void log(String name, List<VoiceScore> s) {
    Row r = new Row(name, s);
    out.printf(Locale.ROOT, "[%s] %s: acc %.1f%%, UAR %.1f%%, F1 %.1f%%, arousal UAR %.1f%%, valence UAR %.1f%%, "
            + "ECE %.3f%n", system.name(), name, 100 * r.mean(VoiceScore::accuracy), 100 * r.mean(VoiceScore::uar),
        100 * r.mean(VoiceScore::macroF1), 100 * r.mean(VoiceScore::arousalUar), 100 * r.mean(VoiceScore::valenceUar),
        r.mean(VoiceScore::ece));
    out.flush();
  }

  static Predicate<Clip> inCorpus(String corpus) {
    return c -> c.corpus().equals(corpus);
  }
}
