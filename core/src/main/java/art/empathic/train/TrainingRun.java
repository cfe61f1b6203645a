package art.empathic.train;

import art.empathic.io.Json;
import art.empathic.corpus.Protocol;
import art.empathic.io.AtomicFiles;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureCache;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.FeatureSet;
import art.empathic.corpus.Split;
import art.empathic.features.SplitFeatures;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Splitter;
import art.empathic.run.RunEvaluation;
import art.empathic.run.RunMetrics;
import art.empathic.report.RunReport;
import art.empathic.run.SplitInfo;
import art.empathic.run.ReleaseInfo;
import art.empathic.model.ModelSummary;
import art.empathic.model.Tensors;
import art.empathic.run.EpochStats;
import art.empathic.run.TrainingHistory;
import art.empathic.train.ExampleSet;
import art.empathic.train.FitResult;
import art.empathic.train.Fitter;
import art.empathic.train.ModelSpec;
import art.empathic.train.SavedModel;
import art.empathic.train.Standardizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Locale;
import art.empathic.run.RunFiles;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * One training run, from corpus folders to a finished run directory: load the corpus, split it,
 * extract (cached) features, standardise, train every ensemble member with checkpoints, predict
 * the test part, and write metrics and reports. A stopped run resumes from its directory.
 */
public final class TrainingRun {

  /** How the run ended. */
  public enum Outcome { FINISHED, STOPPED }

  /** Where the features come from and how they are computed. */
  public record Environment(FeatureCache cache, int threads, boolean progress) {}

  /** The run's result: outcome, directory and (when finished) its metrics. */
  public record Result(Outcome outcome, Path runDir, RunMetrics metrics) {}

  private final ModelSpec spec;
  private final Path runDir;
  private final Environment env;
  private final PrintWriter out;
  private final StopSignal stop;

  private TrainingRun(ModelSpec spec, Path runDir, Environment env, PrintWriter out, StopSignal stop) {
    this.spec = spec;
    this.runDir = runDir;
    this.env = env;
    this.out = out;
    this.stop = stop;
  }

  /** Starts a new run in {@code runDir}, which must not hold another run. */
  public static Result start(ModelSpec spec, Path runDir, Environment env, PrintWriter out, StopSignal stop)
      throws IOException {
    return start(spec, runDir, env, out, stop, null);
  }

  /** As {@link #start}, on a corpus already loaded from the spec's data (null: load it). */
  public static Result start(ModelSpec spec, Path runDir, Environment env, PrintWriter out, StopSignal stop, Corpus loaded)
      throws IOException {
    if (Files.exists(runDir.resolve(ModelSpec.FILE))) {
      boolean finished = Files.exists(runDir.resolve(RunMetrics.FILE)) || ReleaseInfo.isRelease(runDir);
      throw new IllegalArgumentException(runDir + (finished
          ? ": already holds a finished run; choose another --out or delete it"
          : ": holds an unfinished run; continue it with --resume " + runDir + " or choose another --out"));
    }
    Files.createDirectories(runDir);
    return new TrainingRun(spec, runDir, env, out, stop).execute(false, loaded);
  }

  /** Continues a stopped run from its directory with its own saved settings. */
  public static Result resume(Path runDir, Environment env, PrintWriter out, StopSignal stop) throws IOException {
    return resume(runDir, env, out, stop, null);
  }

  /** As {@link #resume}, on a corpus already loaded from the spec's data (null: load it). */
  public static Result resume(Path runDir, Environment env, PrintWriter out, StopSignal stop, Corpus loaded)
      throws IOException {
    if (Files.exists(runDir.resolve(RunMetrics.FILE)) || ReleaseInfo.isRelease(runDir)) {
      throw new IllegalArgumentException(runDir + ": the run already finished; nothing to resume");
    }
    ModelSpec spec = ModelSpec.read(runDir);
    out.println("resuming " + spec.displayName() + " in " + runDir);
    return new TrainingRun(spec, runDir, env, out, stop).execute(true, loaded);
  }

  private Result execute(boolean resume, Corpus loaded) throws IOException {
    Corpus corpus = loaded != null ? loaded : Corpus.load(spec.data().stream().map(Path::of).toList(),
        new CorpusOptions(spec.corpusKind(), spec.neutral()), env.progress());
    List<Emotion> classes = corpus.emotions();
    if (classes.size() < 2) {
      throw new IllegalArgumentException(String.join(", ", spec.data()) + ": a classifier needs clips of at least two "
          + "emotions, found " + classes.size() + " (" + classes + ")");
    }
    List<String> labels = classes.stream().map(Emotion::label).toList();
    if (resume && !spec.classes().isEmpty() && !spec.classes().equals(labels)) {
      throw new IllegalArgumentException(runDir + ": the corpus now has classes " + labels + " but the run was "
          + "trained on " + spec.classes());
    }
    out.printf(Locale.ROOT, "corpus: %d clips, %d classes, %d speakers%s%n", corpus.clips().size(), classes.size(),
        corpus.perSpeaker().size(), corpus.skipped().isEmpty() ? "" : ", " + corpus.skipped().size() + " files skipped");
    // Name each one (a count alone sends the user to `corpus info` to find which).
    corpus.skipped().forEach(k -> out.println("skipped: " + k.path() + ": " + k.reason()));

    Split split = Splitter.split(corpus.clips(), spec.split());
    checkEnoughClips(split, classes);
    out.println("split: " + split.description() + " (" + split.sizes() + ")");
    split.warnings().forEach(w -> out.println("WARNING: " + w));

    FeaturePipeline pipeline = new FeaturePipeline(spec.feature(), env.cache(), env.threads(), env.progress());
    SplitFeatures f = pipeline.extract(split, spec.augment());
    // What `cache prune --unused` keeps for this run: the groups, not every key (a few lines).
    AtomicFiles.writeString(runDir.resolve(RunFiles.CACHE_KEYS), String.join("\n", pipeline.cacheGroups()) + "\n");
    out.println("features: " + spec.feature().describe() + "; train " + f.train().report().summary());
    for (FeatureSet set : List.of(f.train(), f.validation(), f.test())) {
      set.report().skipped().forEach(s -> out.println("skipped: " + s));
    }

    ExampleSet train = examples(f.train(), classes);
    ExampleSet validation = f.validation().size() == 0 ? null : examples(f.validation(), classes);
    ExampleSet test = examples(f.test(), classes);
    boolean release = split.spec().protocol() == Protocol.NONE;
    if (test.size() == 0 && !release) {
      throw new IllegalArgumentException("the split left no clips to test on");
    }
    // allOriginals spans train, validation and test: the speakers whose statistics are known.
    Standardizer norm = spec.normalization() != null ? spec.normalization()
        : Standardizer.fit(spec.normalizationMode(), originals(f.train(), train), allOriginals(f, classes));
    ModelSpec full = spec.withLearned(new ModelSpec.Learned(labels, norm));
    full.write(runDir);
    // SPEAKER_MIX: each training example at a random blend of its speaker's and the unknown speaker's statistics.
    List<String> corpusOfExample = f.train().clips().stream().map(art.empathic.corpus.Clip::corpus).toList();
    // SPEAKER_MIX_CORPUS blends each example toward its own corpus's prior.
    ExampleSet trainZ = norm.applyForTraining(train, spec.seed(), corpusOfExample);
    ExampleSet valZ = validation == null ? null : norm.apply(validation);
    MultiCorpus multiCorpus = full.training().multiCorpus();
    MultiCorpus.Loss corpusLoss = multiCorpus.loss(corpusOfExample, trainZ.y(), classes.size()); // every member's
    if (corpusLoss.active()) {
      out.println("corpora: " + corpusCounts(corpusOfExample) + "; " + multiCorpus.describe());
    }

    double seconds = 0;
    int epochs = 0;
    List<List<EpochStats>> histories = new ArrayList<>();
    ModelSummary summary = null;
    for (int m = 1; m <= full.ensemble(); m++) {
      String prefix = full.ensemble() > 1 ? "[" + m + "/" + full.ensemble() + "] " : "";
      Path params = SavedModel.parametersFile(runDir, m);
      Path checkpoint = RunFiles.checkpoint(runDir, m, full.ensemble());
      try (Fitter fitter = new Fitter(SavedModel.network(full), full.training().withSeed(memberSeed(m)))) {
        corpusLoss.applyTo(fitter).classLabels(labels);
        // A member that finished before the stop (an ensemble stopped in a later member): take it back as it was.
        Optional<FitResult> done = resume ? fitter.restoreIfFinished(checkpoint) : Optional.empty();
        FitResult r;
        if (done.isPresent()) {
          r = done.get();
          out.println(prefix + "finished before the stop: " + r.history().size() + " epochs, taken from " + checkpoint.getFileName());
        } else {
          r = fitter.fit(FitRequest.of(trainZ).validation(valZ).checkpoint(checkpoint)
              .resume(resume && Files.exists(checkpoint)).stopWhen(stop::requested)
              .listener(new ConsoleFitListener(out, env.progress(), prefix)).build());
        }
        histories.add(r.history());
        if (r.interrupted()) {
          writeHistory(histories, full.ensemble());
          out.println("stopped: continue with ./empathic-art train --resume " + runDir);
          return new Result(Outcome.STOPPED, runDir, null);
        }
        AtomicFiles.write(params, fitter.saveParameters());
        seconds += r.trainingSeconds();
        epochs = Math.max(epochs, r.history().size());
        if (summary == null) {
          summary = ModelSummary.of(fitter.network());
        }
      }
    }
    writeHistory(histories, full.ensemble());
    AtomicFiles.write(runDir.resolve(RunFiles.SUMMARY), Json.MAPPER.writeValueAsBytes(summary));
    if (release) {
      return finishRelease(full, split, labels, epochs, seconds, corpus);
    }
    writePredictions(f.test(), test, labels);
    RunMetrics metrics = RunEvaluation.writeMetrics(runDir, splitInfo(split), epochs, seconds);
    RunReport.write(runDir);
    out.printf(Locale.ROOT, "test: accuracy %.4f, macro F1 %.4f, loss %.4f (%d clips); training %.1f s%n",
        metrics.accuracy(), metrics.f1Macro(), metrics.loss(), test.size(), seconds);
    out.println("report: " + runDir.resolve(RunReport.HTML));
    return new Result(Outcome.FINISHED, runDir, metrics);
  }

  /** A release run: no test part, so release.json and a report that says so instead of metrics. */
  private Result finishRelease(ModelSpec full, Split split, List<String> labels, int epochs, double seconds,
      Corpus corpus) throws IOException {
    Map<String, Integer> perClass = new LinkedHashMap<>();
    labels.forEach(l -> perClass.put(l, 0));
    split.train().forEach(c -> perClass.merge(c.emotion().label(), 1, Integer::sum));
    long speakers = java.util.stream.Stream.concat(split.train().stream(), split.validation().stream())
        .map(art.empathic.corpus.Clip::speaker).distinct().count();
    ReleaseInfo info = new ReleaseInfo(full.model(), full.displayName(), ReleaseInfo.PROTOCOL, full.data(), labels,
        perClass, split.train().size(), split.validation().size(), (int) speakers, epochs, seconds,
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
        List.of("A release model is trained on every clip, so no clip is left to test it on: this run has no test "
            + "metrics. What the same recipe scores on voices it never heard is measured on speaker-independent "
            + "folds (train --split speaker; docs/research/ADAPTATION.md, docs/research/MODELS.md)."),
        trainingCorpora(split, labels, corpus));
    info.write(runDir);
    RunReport.Written report = art.empathic.report.ReleaseReport.write(runDir, info);
    Path card = art.empathic.report.ModelCard.write(runDir, info, recipe(full, info.corpora().size()),
        art.empathic.report.ReleaseFigures.shipped());
    out.printf(Locale.ROOT, "release model: trained on all %d clips (%d speakers), no test part; training %.1f s%n",
        split.train().size(), speakers, seconds);
    out.println("report: " + report.html());
    out.println("model card: " + card);
    return new Result(Outcome.FINISHED, runDir, null);
  }

  /**
   * The release model's training set per corpus (original clips of the training and validation
   * parts), in order of appearance: reader kind, language, clips, speakers and classes.
   */
  static List<ReleaseInfo.TrainingCorpus> trainingCorpora(Split split, List<String> labels, Corpus corpus) {
    Map<String, List<art.empathic.corpus.Clip>> byCorpus = new LinkedHashMap<>();
    java.util.stream.Stream.concat(split.train().stream(), split.validation().stream())
        .forEach(c -> byCorpus.computeIfAbsent(c.corpus(), k -> new ArrayList<>()).add(c));
    // A corpus name the readers know gives its kind; else (a manifest's own name) the one kind read, if only one.
    List<art.empathic.corpus.CorpusKind> kinds = corpus.sources().stream().map(art.empathic.corpus.CorpusSource::kind)
        .distinct().toList();
    List<ReleaseInfo.TrainingCorpus> out = new ArrayList<>();
    byCorpus.forEach((name, clips) -> {
      Optional<art.empathic.corpus.CorpusKind> kind = art.empathic.corpus.CorpusKind.ofCorpusName(name)
          .or(() -> kinds.size() == 1 ? Optional.of(kinds.get(0)) : Optional.empty());
      List<String> has = labels.stream().filter(l -> clips.stream().anyMatch(c -> c.emotion().label().equals(l)))
          .toList();
      out.add(new ReleaseInfo.TrainingCorpus(name, kind.map(art.empathic.corpus.CorpusKind::cliName).orElse("other"),
          kind.flatMap(art.empathic.corpus.CorpusKind::language).orElse(null), clips.size(),
          (int) clips.stream().map(art.empathic.corpus.Clip::speaker).distinct().count(), has));
    });
    return out;
  }

  /** The recipe as the model card lists it. */
  private static List<String> recipe(ModelSpec full, int corpora) {
    List<String> r = new ArrayList<>();
    r.add("Features: " + full.feature().describe());
    r.add("Augmentation: " + (full.augment() == null || full.augment().copies() == 0 && !full.augment().channels()
        ? "none" : full.augment().toCli()));
    r.add("Normalisation: " + full.normalizationMode().name().toLowerCase(Locale.ROOT));
    r.add("Neutral clips: " + (full.neutral() == null ? "drop" : full.neutral().label()) + "; seed " + full.seed()
        + (full.ensemble() > 1 ? "; ensemble of " + full.ensemble() : ""));
    if (corpora > 1) {
      r.add("Several corpora: " + full.training().multiCorpus().describe());
    }
    return r;
  }

  /** "ravdess 1440, emodb 375" (examples per corpus, augmented copies included, in order of appearance). */
  private static String corpusCounts(List<String> corpusOfExample) {
    Map<String, Integer> n = new LinkedHashMap<>();
    corpusOfExample.forEach(c -> n.merge(c, 1, Integer::sum));
    return n.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
  }

  private long memberSeed(int member) {
    return member == 1 ? spec.seed() : spec.seed() * 1000 + member;
  }

  /** Every class needs clips to learn from and, under the random protocol, clips to test on. */
  static void checkEnoughClips(Split split, List<Emotion> classes) {
    for (Emotion e : classes) {
      long train = split.train().stream().filter(c -> c.emotion() == e).count();
      long test = split.test().stream().filter(c -> c.emotion() == e).count();
      if (train < 2) {
        throw new IllegalArgumentException("too few clips of " + e.label() + " for the split: " + train
            + " in the training part (need at least 2)");
      }
      if (test == 0 && split.spec().protocol() == Protocol.RANDOM) {
        double f = split.spec().testFraction();
        throw new IllegalArgumentException(String.format(Locale.ROOT, "too few clips of %s for the split: %d in all, "
            + "none for a %.0f%% test part (a class needs at least %d clips)", e.label(), train + test, 100 * f,
            (int) Math.ceil(0.5 / f)));
      }
    }
  }

  static ExampleSet examples(FeatureSet set, List<Emotion> classes) {
    return new ExampleSet(set.rows().toArray(float[][]::new), set.labels(classes),
        set.microphoneSpeakers().toArray(String[]::new), Tensors.toLongs(set.shape()));
  }

  /**
   * The training examples that are original clips or channel copies (other augmented copies
   * excluded): a channel copy's pseudo-speaker ("s#k") needs statistics of its own.
   */
  private static ExampleSet originals(FeatureSet set, ExampleSet examples) {
    int[] keep = IntStream.range(0, set.size())
        .filter(i -> FeatureSet.ORIGINAL.equals(set.variants().get(i)) || set.isChannelCopy(i)).toArray();
    return examples.select(keep);
  }

  /** Every original clip of the split, labels unused: the pool per-speaker statistics come from. */
  private static ExampleSet allOriginals(SplitFeatures f, List<Emotion> classes) {
    ExampleSet all = originals(f.train(), examples(f.train(), classes));
    if (f.validation().size() > 0) {
      all = all.concat(examples(f.validation(), classes));
    }
    return all.concat(examples(f.test(), classes));
  }

  private void writeHistory(List<List<EpochStats>> histories, int ensemble) throws IOException {
    TrainingHistory h = new TrainingHistory(histories.isEmpty() ? List.of() : histories.get(0),
        ensemble > 1 ? histories : null);
    AtomicFiles.write(runDir.resolve(RunFiles.HISTORY), Json.MAPPER.writeValueAsBytes(h));
  }

  private void writePredictions(FeatureSet testSet, ExampleSet test, List<String> labels) throws IOException {
    float[][] probs;
    try (SavedModel model = SavedModel.load(runDir, 1)) {
      probs = model.predictFeatures(test.x(), test.speakers());
    }
    List<String> truth = Arrays.stream(test.y()).mapToObj(labels::get).toList();
    RunFiles.writePredictions(runDir, RunFiles.paths(testSet.clips()), truth, probs, labels);
  }

  public static SplitInfo splitInfo(Split split) {
    SplitSpec s = split.spec();
    return SplitInfo.builder(s.protocol()).seed(s.seed()).fold(s.protocol() == Protocol.SPEAKER && !s.namedSpeakers() ? s.fold() : null)
        .testSpeakers(split.testSpeakers()).speakersShared(!split.speakersInTrainAndTest().isEmpty())
        .sizes(split.train().size(), split.validation().size(), split.test().size()).build();
  }
}
