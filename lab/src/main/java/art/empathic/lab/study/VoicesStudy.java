package art.empathic.lab.study;

import art.empathic.app.cli.CliErrors;
import art.empathic.audio.Audio;
import art.empathic.audio.Channel;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.CorpusSource;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.eval.ClassificationMetrics;
import art.empathic.eval.DecisionScore;
import art.empathic.features.FeatureCache;
import art.empathic.io.AtomicFiles;
import art.empathic.io.Csv;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.train.DefaultFamily;
import art.empathic.train.ModelSpec;
import art.empathic.train.ModelSpecs;
import art.empathic.train.Recipe;
import art.empathic.train.RecipeOverrides;
import art.empathic.train.SavedModel;
import art.empathic.train.StopSignal;
import art.empathic.train.TrainingRun;
import art.empathic.run.ReleaseInfo;
import art.empathic.run.RunMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * The engine of {@code study voices}: every model it scores is trained with the release recipe
 * (the default family, neutral kept, corpora balanced, each clip's loss restricted to its corpus's
 * classes) on the training side only, and every test clip is then heard alone through
 * {@link EmotionRecognizer#predict(float[], int)}, as a user's clip is: nothing of the test
 * speaker's other clips reaches the model. Trained models are kept under the runs folder and
 * reused, and each model's scored clips are kept beside it, so a long study resumes where it
 * stopped.
 */
final class VoicesStudy {
  /** Per-clip scores of one model on one condition are kept in a file with this suffix beside the run. */
  static final String SCORES_SUFFIX = ".clip-scores.csv";

  /** A corpus found under {@code --data}: its name, the folder (or manifest) read as it alone, its clips. */
  record Found(String name, Path root, List<Clip> clips) {
    /** The folder the clips' paths are relative to (a manifest's own folder). */
    Path folder() {
      return Files.isRegularFile(root) ? root.toAbsolutePath().getParent() : root;
    }

    Set<Emotion> classes() {
      Set<Emotion> s = new java.util.TreeSet<>();
      clips.forEach(c -> s.add(c.emotion()));
      return s;
    }
  }

  /**
   * One clip heard through the product: the model's classes and probabilities in its order
   * (empty when no voice was heard: then it is a miss under every decision).
   */
  record Scored(Clip clip, List<Emotion> classes, double[] probabilities) {
    boolean voiceHeard() {
      return probabilities.length > 0;
    }

    /** The most probable class among {@code allowed} (null: every class); null when nothing can be said. */
    Emotion decide(Set<Emotion> allowed) {
      Emotion best = null;
      double p = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < probabilities.length; k++) {
        if ((allowed == null || allowed.contains(classes.get(k))) && probabilities[k] > p) {
          p = probabilities[k];
          best = classes.get(k);
        }
      }
      return best;
    }
  }

  /**
   * The figures of a set of scored clips under one decision, as {@code docs/EVALUATION.md} prints
   * them: accuracy (= weighted accuracy, WA), unweighted average recall (UA, UAR: the mean recall
   * over the true classes present), macro-F1 over the same classes ({@code MacroClasses.IN_TRUTH}),
   * and the share of the most frequent true class (what always answering it would score). A clip
   * with no voice heard counts as a miss ({@code DecisionScore.NoVoice.MISS}). The arithmetic and
   * both rules are the core's {@link DecisionScore}.
   *
   * @param allowed the classes the decision picks among (null: all the model's, "as predicted")
   * @param scored the true classes whose clips are scored (null: every clip)
   */
  static DecisionScore figures(List<Scored> s, Set<Emotion> allowed, Set<Emotion> scored) {
    List<String> truth = new ArrayList<>();
    List<String> decided = new ArrayList<>();
    for (Scored c : s) {
      if (scored == null || scored.contains(c.clip().emotion())) {
        Emotion d = c.decide(allowed);
        truth.add(c.clip().emotion().label());
        decided.add(d == null ? null : d.label());
      }
    }
    return DecisionScore.of(truth, decided, DecisionScore.NoVoice.MISS, ClassificationMetrics.MacroClasses.IN_TRUTH);
  }

  /** How the study runs: where models are kept, its seed and the feature side's settings. */
  record Settings(Path runs, long seed, int threads, FeatureCache cache, String augment, Integer maxTestClips) {}

  private final Settings settings;
  private final PrintWriter out;
  private final StopSignal stop;
  /** Every clip scored in this run, for the per-clip file: section, unit, condition, the scored clip, the scored classes. */
  private final List<String[]> clipRows = new ArrayList<>();

  /** The trainer's log without its per-epoch lines: a study trains dozens of models. */
  private final PrintWriter trainingLog;

  VoicesStudy(Settings settings, PrintWriter out, StopSignal stop) {
    this.settings = settings;
    this.out = out;
    this.stop = stop;
    this.trainingLog = withoutEpochLines(out);
  }

  static PrintWriter withoutEpochLines(PrintWriter out) {
    return new PrintWriter(new java.io.Writer() {
      private final StringBuilder line = new StringBuilder();

      @Override
      public void write(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
          if (c[i] == '\n') {
            String s = line.toString();
            line.setLength(0);
            if (!s.startsWith("epoch ")) {
              out.println(s);
            }
          } else if (c[i] != '\r') {
            line.append(c[i]);
          }
        }
      }

      @Override
      public void flush() {
        out.flush();
      }

      @Override
      public void close() {
        flush();
      }
    }, true);
  }

  Settings settings() {
    return settings;
  }

  // ---- corpora -----------------------------------------------------------------------------

  /**
   * Every corpus under the given folders (a data root is read as each of its corpora), neutral
   * kept, each loaded alone so that its own folder can train or be left out. Two sources of one
   * name are one corpus's parts only if they are the same folder; otherwise the second is refused.
   */
  static List<Found> findCorpora(List<Path> data, PrintWriter out) throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path d : data) {
      Corpus all = Corpus.load(List.of(d), new CorpusOptions(null, NeutralPolicy.KEEP));
      for (CorpusSource src : all.sources()) {
        Corpus one = Corpus.load(List.of(src.root()), new CorpusOptions(null, NeutralPolicy.KEEP));
        Set<String> names = new LinkedHashSet<>();
        one.clips().forEach(c -> names.add(c.corpus()));
        if (names.size() != 1) {
          throw new IllegalArgumentException(src.root() + ": holds clips of several corpora " + names
              + "; give each corpus its own folder");
        }
        String name = names.iterator().next();
        if (found.stream().anyMatch(f -> f.name().equals(name))) {
          throw new IllegalArgumentException(src.root() + ": a second corpus named '" + name + "' (the first: "
              + found.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().root() + ")");
        }
        found.add(new Found(name, src.root(), one.clips()));
        out.printf(Locale.ROOT, "corpus %s: %d clips, %d speakers (%s)%n", name, one.clips().size(),
            one.perSpeaker().size(), src.root());
      }
    }
    return found;
  }

  // ---- training ----------------------------------------------------------------------------

  /** The release recipe on these folders and this split: {@code train} without {@code --model}, neutral kept. */
  ModelSpec releaseRecipe(List<Path> data, SplitSpec split) {
    RecipeOverrides o = RecipeOverrides.builder().augment(settings.augment()).build();
    return ModelSpecs.withOverrides(DefaultFamily.FAMILY, null, o,
        new ModelSpecs.Data(data, null, NeutralPolicy.KEEP, split));
  }

  /**
   * The finished run of {@code spec} under {@code runs/section/unit}: kept when it is there,
   * resumed when it stopped, trained otherwise. A folder holding another training is refused.
   */
  Path trained(String section, String unit, ModelSpec spec) throws IOException {
    Path dir = settings.runs().resolve(section).resolve(unit);
    TrainingRun.Environment env = new TrainingRun.Environment(settings.cache(), settings.threads(), false);
    if (Files.exists(dir.resolve(ModelSpec.FILE))) {
      ModelSpec had = ModelSpec.read(dir);
      if (!same(had, spec)) {
        throw new IllegalArgumentException(dir + ": holds another training (" + had.displayName() + " on "
            + had.data() + ", " + had.split() + "); delete it or choose another --runs");
      }
      if (finished(dir)) {
        out.println("kept " + dir);
        return dir;
      }
      out.println("resuming " + dir);
      return checked(TrainingRun.resume(dir, env, trainingLog, stop));
    }
    out.println("training " + spec.displayName() + " -> " + dir);
    return checked(TrainingRun.start(spec, dir, env, trainingLog, stop));
  }

  private static Path checked(TrainingRun.Result r) {
    if (r.outcome() == TrainingRun.Outcome.STOPPED) {
      throw new StoppedException(r.runDir());
    }
    return r.runDir();
  }

  /** Thrown when the user stopped a training: the study ends there and resumes on the next call. */
  static final class StoppedException extends RuntimeException {
    StoppedException(Path dir) {
      super("stopped while training " + dir + "; run the same command again to resume");
    }
  }

  static boolean finished(Path dir) {
    return Files.exists(SavedModel.parametersFile(dir, 1))
        && (Files.exists(dir.resolve(RunMetrics.FILE)) || ReleaseInfo.isRelease(dir));
  }

  /** The same training: family, data, neutral rule, split and augmentation. */
  private static boolean same(ModelSpec a, ModelSpec b) {
    return a.model().equals(b.model()) && a.data().equals(b.data()) && a.neutral() == b.neutral()
        && a.split().equals(b.split()) && java.util.Objects.equals(a.augment(), b.augment())
        && a.displayName().equals(b.displayName());
  }

  // ---- scoring through the product ---------------------------------------------------------

  /**
   * Every test clip heard alone by the run's recognizer, through {@code channel} (null or clean:
   * as recorded). Clips the recognizer refuses (unreadable, too short) are named and left out.
   * The scores are kept beside the run ({@link #SCORES_SUFFIX}) and reused while the run is.
   */
  List<Scored> score(String section, String unit, Path run, List<Clip> test, Channel channel, List<float[]> babble,
      long channelSeed) throws IOException {
    String condition = channel == null ? "clean" : channel.describe();
    Path keep = run.resolveSibling(run.getFileName() + "." + slug(condition) + SCORES_SUFFIX);
    List<Scored> kept = readScores(keep, test, run);
    if (kept != null) {
      out.printf(Locale.ROOT, "kept the scores of %s (%s, %d clips)%n", run, condition, kept.size());
      return kept;
    }
    List<Scored> scored = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
    try (EmotionRecognizer rec = EmotionRecognizer.load(run)) {
      List<Emotion> classes = rec.classes();
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        Clip c = test.get(i);
        long clipSeed = channelSeed * 1_000_003L + i;
        futures.add(pool.submit(() -> {
          try {
            Audio a = read(c.path());
            if (channel != null && channel.kind() != Channel.Kind.CLEAN) {
              a = channel.apply(a, babble, new Random(clipSeed));
            }
            EmotionPrediction p = rec.predict(a.samples(), a.sampleRate());
            double[] probs = new double[p.voiceHeard() ? classes.size() : 0];
            for (int k = 0; k < probs.length; k++) {
              probs[k] = p.probability(classes.get(k));
            }
            return new Scored(c, classes, probs);
          } catch (IOException | RuntimeException e) {
            return c.path() + ": " + CliErrors.describe(e);
          }
        }));
      }
      for (Future<Object> f : futures) {
        Object o = f.get();
        if (o instanceof Scored s) {
          scored.add(s);
        } else {
          out.println("skipped: " + o);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(condition + ": " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    writeScores(keep, scored);
    return scored;
  }

  /** Adds the scored clips of one unit to the per-clip file; {@code allowed} is the restricted decision's classes. */
  void record(String section, String unit, String condition, List<Scored> scored, Set<Emotion> allowed) {
    for (Scored s : scored) {
      Emotion all = s.decide(null);
      Emotion restricted = s.decide(allowed);
      StringBuilder p = new StringBuilder();
      for (int k = 0; k < s.probabilities().length; k++) {
        p.append(k == 0 ? "" : " ").append(s.classes().get(k).label()).append('=')
            .append(String.format(Locale.ROOT, "%.4f", s.probabilities()[k]));
      }
      clipRows.add(new String[] {section, unit, condition, s.clip().path().toString(), s.clip().corpus(),
          s.clip().speaker(), s.clip().emotion().label(), all == null ? "(no voice)" : all.label(),
          restricted == null ? "(no voice)" : restricted.label(), p.toString()});
    }
  }

  /** Writes every clip scored in this run (atomically). */
  void writeClips(Path file) throws IOException {
    StringBuilder sb = new StringBuilder(Csv.formatLine(List.of("section", "unit", "condition", "path", "corpus",
        "speaker", "true", "predicted", "predicted_restricted", "probabilities"))).append('\n');
    for (String[] r : clipRows) {
      sb.append(Csv.formatLine(List.of(r))).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** The clip as recorded, at the recipes' rate (channels and babble then share one rate). */
  static Audio read(Path wav) throws IOException {
    try {
      return Resampler.resample(WavReader.read(wav), Recipe.SAMPLE_RATE);
    } catch (art.empathic.audio.AudioFormatException e) {
      throw new IOException(wav + ": " + e.problem(), e);
    }
  }

  private void writeScores(Path file, List<Scored> scored) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Scored s : scored) {
      List<String> f = new ArrayList<>(List.of(s.clip().path().toString()));
      for (int k = 0; k < s.probabilities().length; k++) {
        f.add(s.classes().get(k).label() + "=" + s.probabilities()[k]);
      }
      sb.append(Csv.formatLine(f)).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** Kept scores for exactly these clips, or null when there are none, they are older than the run, or differ. */
  private static List<Scored> readScores(Path file, List<Clip> test, Path run) throws IOException {
    if (!Files.exists(file) || Files.getLastModifiedTime(file).compareTo(
        Files.getLastModifiedTime(SavedModel.parametersFile(run, 1))) < 0) {
      return null;
    }
    Map<String, Clip> byPath = new LinkedHashMap<>();
    test.forEach(c -> byPath.put(c.path().toString(), c));
    List<Scored> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      List<String> f = Csv.parseLine(line, ',');
      Clip c = byPath.remove(f.get(0));
      if (c == null) {
        return null;
      }
      List<Emotion> classes = new ArrayList<>();
      double[] p = new double[f.size() - 1];
      for (int k = 1; k < f.size(); k++) {
        String[] kv = f.get(k).split("=", 2);
        classes.add(Emotion.fromLabel(kv[0]));
        p[k - 1] = Double.parseDouble(kv[1]);
      }
      out.add(new Scored(c, classes, p));
    }
    return byPath.isEmpty() ? out : null;
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** At most {@code --max-test-clips} of the clips (a seeded choice, in the clips' order), for quick runs. */
  List<Clip> limited(List<Clip> clips) {
    Integer max = settings.maxTestClips();
    if (max == null || clips.size() <= max) {
      return clips;
    }
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      idx.add(i);
    }
    Collections.shuffle(idx, new Random(settings.seed()));
    List<Integer> keep = new ArrayList<>(idx.subList(0, max));
    Collections.sort(keep);
    return keep.stream().map(clips::get).toList();
  }

  /** {@code n} training-side clips (a seeded choice) as babble sources at the recipes' rate. */
  List<float[]> babbleSources(List<Clip> from, int n, long seed) throws IOException {
    List<Clip> shuffled = new ArrayList<>(from);
    Collections.shuffle(shuffled, new Random(seed));
    List<float[]> voices = new ArrayList<>();
    for (Clip c : shuffled.subList(0, Math.min(n, shuffled.size()))) {
      voices.add(read(c.path()).samples());
    }
    return voices;
  }

  static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f", 100 * v);
  }
}
