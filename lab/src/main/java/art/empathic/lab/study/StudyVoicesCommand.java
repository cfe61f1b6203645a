package art.empathic.lab.study;

import art.empathic.app.cli.TrainCommand;
import art.empathic.audio.Channel;
import art.empathic.corpus.BenchmarkLists;
import art.empathic.corpus.Clip;
import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.DataLocator;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Splitter;
import art.empathic.eval.DecisionScore;
import art.empathic.features.FeatureCache;
import art.empathic.io.AtomicFiles;
import art.empathic.model.ModelFamily;
import art.empathic.report.OriginalStudy;
import art.empathic.run.RunMetrics;
import art.empathic.train.ModelSpec;
import art.empathic.train.ModelSpecs;
import art.empathic.train.StopSignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code study voices}: the product measured only as a user meets it (one clip of an unknown voice). */
@Command(name = "voices", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Measure the release recipe (the default family, neutral kept, corpora balanced, each clip's loss restricted",
      "to its corpus's classes) as users meet it: each model is trained on the training side only, and each test",
      "clip is heard alone through the recognizer's predict, with no statistics of its speaker.",
      "Sections: emobox (EmoBox's six RAVDESS folds, 8 classes: UA, WA, macro-F1), cross (EmoBox's cross-corpus",
      "lists, RAVDESS -> SAVEE and back, 4 classes), loco (leave one corpus out over the corpora found), channels",
      "(RAVDESS speaker folds through simulated channels), original (the original study's rows on its own mix:",
      "RAVDESS + TESS + SAVEE, neutral as calm, random split).",
      "Trained models are kept under --runs and reused, so a stopped study resumes. Writes the tables between the",
      "generated markers of --out, and every scored clip to <runs>/study-voices-clips.csv."})
public final class StudyVoicesCommand implements Callable<Integer> {
  static final String BEGIN = "<!-- study voices: begin (generated, do not edit) -->";
  static final String END = "<!-- study voices: end -->";
  static final List<String> SECTIONS = List.of("emobox", "cross", "loco", "channels", "original");
  static final String CLIPS_FILE = "study-voices-clips.csv";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", description = "Corpus folder or data root holding corpus folders "
      + "(repeatable; default: the data root, ../shared/data or $EMPATHIC_ART_DATA, and the staged corpora under "
      + "$EMPATHIC_ART_DATA_EXTRA or ~/.local/share/empathic-art/data when present).")
  List<Path> data;

  @Option(names = "--emobox", paramLabel = "DIR", description = "EmoBox's lists (ravdess-folds.tsv, "
      + "ravdess-balanced-test.tsv, savee-balanced-test.tsv; default: <data root>/emobox).")
  Path emobox;

  @Option(names = "--sections", paramLabel = "LIST", defaultValue = "emobox,cross,loco,channels",
      description = "Comma-separated: emobox, cross, loco, channels, original (default: ${DEFAULT-VALUE}; original "
          + "trains eight models, the 500-epoch one for about an hour).")
  String sections;

  @Option(names = "--out", paramLabel = "FILE", description = "Markdown file whose generated block gets the tables "
      + "(default: docs/EVALUATION.md).")
  Path outFile;

  @Option(names = "--runs", paramLabel = "DIR", description = "Where trained models and their scores are kept and "
      + "reused (default: runs/study-voices).")
  Path runs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seeds training, folds and channels.")
  long seed;

  @Option(names = "--folds", paramLabel = "N", description = "Only the first N folds of emobox and channels "
      + "(default: all six).")
  Integer folds;

  @Option(names = "--max-test-clips", paramLabel = "N", description = "At most N test clips per model (a seeded "
      + "choice; for quick runs, never for published figures).")
  Integer maxTestClips;

  @Option(names = "--augment", paramLabel = "SPEC", description = "Another training-side audio augmentation than "
      + "the release recipe's (AugmentSpec form, or none; for quick runs, never for published figures).")
  String augment;

  @Option(names = "--threads", paramLabel = "N", description = "Feature and scoring threads (default: every core).")
  Integer threads;

  @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: the usual one).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the feature cache.")
  boolean noCache;

  private PrintWriter pw;
  private VoicesStudy study;
  private List<VoicesStudy.Found> corpora;

  @Override
  public Integer call() throws Exception {
    pw = spec.commandLine().getOut();
    List<String> wanted = parseSections(sections);
    if (folds != null && folds < 1 || maxTestClips != null && maxTestClips < 1) {
      throw new IllegalArgumentException("--folds and --max-test-clips must be at least 1");
    }
    List<Path> dirs = data != null && !data.isEmpty() ? data : defaultData();
    Path root = DataLocator.dataRoot(null).orElse(DataLocator.projectRoot().resolveSibling("shared").resolve("data"));
    Path lists = emobox != null ? emobox : root.resolve("emobox");
    Path runDir = runs != null ? runs : DataLocator.projectRoot().resolve("runs").resolve("study-voices");
    Path target = outFile != null ? outFile : DataLocator.projectRoot().resolve("docs/EVALUATION.md");
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    FeatureCache cache = noCache ? FeatureCache.disabled() : cacheDir != null ? FeatureCache.at(cacheDir)
        : FeatureCache.atDefaultLocation();
    corpora = VoicesStudy.findCorpora(dirs, pw);
    try (StopSignal stop = StopSignal.install()) {
      study = new VoicesStudy(new VoicesStudy.Settings(runDir, seed, n, cache, augment, maxTestClips), pw, stop);
      for (String s : wanted) {
        long t0 = System.nanoTime();
        String body = switch (s) {
          case "emobox" -> emobox(lists);
          case "cross" -> cross(lists);
          case "loco" -> loco();
          case "channels" -> channels();
          default -> original();
        };
        double minutes = (System.nanoTime() - t0) / 60e9;
        String md = "### " + title(s) + "\n\n" + header(s, minutes) + body + "\n";
        Files.createDirectories(runDir);
        AtomicFiles.writeString(runDir.resolve("section-" + s + ".md"), md);
        study.writeClips(runDir.resolve(CLIPS_FILE));
        pw.printf(Locale.ROOT, "section %s done (%.1f min)%n", s, minutes);
        pw.flush();
      }
    } catch (VoicesStudy.StoppedException e) {
      pw.println(e.getMessage());
      return TrainCommand.EXIT_STOPPED;
    }
    writeDoc(target, runDir);
    pw.println("wrote " + target + " and " + runDir.resolve(CLIPS_FILE));
    return 0;
  }

  static List<String> parseSections(String text) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(",")) {
      String w = s.trim().toLowerCase(Locale.ROOT);
      if (!SECTIONS.contains(w)) {
        throw new IllegalArgumentException("--sections: unknown '" + s.trim() + "' (use " + String.join(", ", SECTIONS)
            + ")");
      }
      if (!out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** The data root and, when present, the folder the larger corpora are staged in. */
  static List<Path> defaultData() {
    List<Path> out = new ArrayList<>();
    DataLocator.dataRoot(null).filter(Files::isDirectory).ifPresent(out::add);
    String extra = System.getenv("EMPATHIC_ART_DATA_EXTRA");
    Path staged = extra != null && !extra.isBlank() ? Path.of(extra)
        : Path.of(System.getProperty("user.home"), ".local", "share", "empathic-art", "data");
    if (System.getProperty(DataLocator.PROPERTY) == null && Files.isDirectory(staged) && !out.contains(staged)) {
      out.add(staged);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no data: pass --data DIR or set " + DataLocator.ENV);
    }
    return out;
  }

  private VoicesStudy.Found corpus(String name, String section) {
    return corpora.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("--sections " + section + " needs the " + name + " corpus; found "
            + corpora.stream().map(VoicesStudy.Found::name).toList() + " (pass --data)"));
  }

  // ---- (a) EmoBox RAVDESS ------------------------------------------------------------------

  private String emobox(Path lists) throws IOException {
    VoicesStudy.Found rav = corpus("ravdess", "emobox");
    List<BenchmarkLists.Fold> all = BenchmarkLists.readFolds(lists.resolve("ravdess-folds.tsv"));
    List<BenchmarkLists.Fold> run = all.subList(0, folds == null ? all.size() : Math.min(folds, all.size()));
    StringBuilder md = new StringBuilder("EmoBox's speaker folds of RAVDESS (`" + lists.resolve("ravdess-folds.tsv")
        + "`), eight classes. Each fold's model is trained on the other actors (`train --split speaker --test-speakers "
        + "... --neutral keep`); each test clip is then heard alone through `predict`. UA is the mean recall over the "
        + "classes, WA the accuracy, in %. The last column is the trainer's own test figure, where each test "
        + "speaker's statistics come from all of that speaker's clips (transductive; beside, never instead).\n\n"
        + "| fold | test actors | clips | UA | WA | macro-F1 | trainer's test UA (speaker statistics known) |\n"
        + "|---|---|---|---|---|---|---|\n");
    double[] sum = new double[4];
    int k = 0;
    for (BenchmarkLists.Fold fold : run) {
      List<String> unknown = BenchmarkLists.unknownSpeakers(fold, rav.clips());
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(lists.resolve("ravdess-folds.tsv") + ": fold " + fold.number()
            + " names speakers RAVDESS does not have: " + unknown);
      }
      String unit = "fold-" + fold.number();
      ModelSpec s = study.releaseRecipe(List.of(rav.root()), SplitSpec.speakers(fold.testSpeakers(), seed));
      Path model = study.trained("emobox", unit, s);
      Set<String> speakers = Set.copyOf(fold.testSpeakers());
      List<Clip> test = study.limited(rav.clips().stream().filter(c -> speakers.contains(c.speaker())).toList());
      List<VoicesStudy.Scored> scored = study.score("emobox", unit, model, test, null, List.of(), seed);
      study.record("emobox", unit, "clean", scored, null);
      DecisionScore f = VoicesStudy.figures(scored, null, null);
      Double trainer = RunMetrics.read(model).uar();
      md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %s | %s | %s |%n", fold.number(),
          String.join(", ", fold.testSpeakers()), f.clips(), VoicesStudy.pct(f.uar()), VoicesStudy.pct(f.accuracy()),
          VoicesStudy.pct(f.macroF1()), trainer == null ? "—" : VoicesStudy.pct(trainer)));
      pw.printf(Locale.ROOT, "emobox fold %d: UA %s, WA %s, macro-F1 %s%n", fold.number(), VoicesStudy.pct(f.uar()),
          VoicesStudy.pct(f.accuracy()), VoicesStudy.pct(f.macroF1()));
      sum[0] += f.uar();
      sum[1] += f.accuracy();
      sum[2] += f.macroF1();
      sum[3] += trainer == null ? Double.NaN : trainer;
      k++;
    }
    md.append(String.format(Locale.ROOT, "| **mean of %d** | | | **%s** | %s | %s | %s |%n", k,
        VoicesStudy.pct(sum[0] / k), VoicesStudy.pct(sum[1] / k), VoicesStudy.pct(sum[2] / k),
        VoicesStudy.pct(sum[3] / k)));
    md.append("\nPublished on the same folds (UA, frozen pretrained models with a trained head): Whisper large v3 75.3, "
        + "WavLM large 72.0, HuBERT base 65.4. Target: UA ≥ 72.\n");
    return md.toString();
  }

  // ---- (b) EmoBox cross-corpus ---------------------------------------------------------------

  private String cross(Path lists) throws IOException {
    VoicesStudy.Found rav = corpus("ravdess", "cross");
    VoicesStudy.Found sav = corpus("savee", "cross");
    StringBuilder md = new StringBuilder("Trained on all of one corpus (`train --split none --neutral keep`), tested on "
        + "EmoBox's fully balanced list of the other (240 clips: angry, happy, neutral, sad, 60 each), each clip heard "
        + "alone; the answer restricted to those four classes, as EmoBox scores it (accuracy = UA on a balanced list).\n\n"
        + "| direction | clips | accuracy, 4 classes | UA, 4 classes | accuracy as predicted (all classes) | "
        + "published (Whisper large v3) |\n|---|---|---|---|---|---|\n");
    record Direction(VoicesStudy.Found train, VoicesStudy.Found test, String list, String published) {}
    for (Direction d : List.of(new Direction(rav, sav, "savee-balanced-test.tsv", "66.9 (target ≥ 67)"),
        new Direction(sav, rav, "ravdess-balanced-test.tsv", "49.6"))) {
      String unit = d.train().name() + "-all";
      Path model = study.trained("cross", unit, study.releaseRecipe(List.of(d.train().root()), SplitSpec.none(seed)));
      List<Clip> test = study.limited(BenchmarkLists.select(d.test().clips(), d.test().folder(),
          BenchmarkLists.readTestList(lists.resolve(d.list()))));
      Set<Emotion> four = new TreeSet<>();
      test.forEach(c -> four.add(c.emotion()));
      List<VoicesStudy.Scored> scored = study.score("cross", unit + "-on-" + d.test().name(), model, test, null,
          List.of(), seed);
      study.record("cross", unit + " -> " + d.test().name(), "clean", scored, four);
      DecisionScore r = VoicesStudy.figures(scored, four, null);
      DecisionScore a = VoicesStudy.figures(scored, null, null);
      String name = d.train().name() + " → " + d.test().name();
      md.append(String.format(Locale.ROOT, "| %s | %d | **%s** | %s | %s | %s |%n", name, r.clips(),
          VoicesStudy.pct(r.accuracy()), VoicesStudy.pct(r.uar()), VoicesStudy.pct(a.accuracy()), d.published()));
      pw.printf(Locale.ROOT, "cross %s: accuracy %s (4 classes)%n", name, VoicesStudy.pct(r.accuracy()));
    }
    return md.toString();
  }

  // ---- (c) leave one corpus out --------------------------------------------------------------

  private String loco() throws IOException {
    if (corpora.size() < 2) {
      throw new IllegalArgumentException("--sections loco needs at least two corpora; found "
          + corpora.stream().map(VoicesStudy.Found::name).toList());
    }
    StringBuilder md = new StringBuilder("Each corpus held out in turn: a model trained on all the others "
        + "(`train --split none --neutral keep`, one `--data` per corpus, corpora balanced, each clip's loss restricted "
        + "to its corpus's classes), tested on every clip of the held-out one, each heard alone. UAR: the answer "
        + "restricted to the held-out corpus's classes, over those the model knows. Accuracy as predicted: the answer "
        + "over every class (what a user sees), against always answering the corpus's most frequent class.\n\n"
        + "| held out | language | clips | classes scored | UAR, restricted | accuracy as predicted | most frequent "
        + "class | above it |\n|---|---|---|---|---|---|---|---|\n");
    double uarSum = 0;
    double accSum = 0;
    double lowest = Double.POSITIVE_INFINITY;
    for (VoicesStudy.Found held : corpora) {
      List<Path> others = corpora.stream().filter(f -> f != held).map(VoicesStudy.Found::root).toList();
      String unit = "without-" + held.name();
      Path model = study.trained("loco", unit, study.releaseRecipe(others, SplitSpec.none(seed)));
      List<Clip> test = study.limited(held.clips());
      List<VoicesStudy.Scored> scored = study.score("loco", unit, model, test, null, List.of(), seed);
      Set<Emotion> known = scored.isEmpty() ? Set.of() : new LinkedHashSet<>(scored.get(0).classes());
      Set<Emotion> classes = new TreeSet<>(held.classes());
      classes.retainAll(known.isEmpty() ? classes : known);
      study.record("loco", unit, "clean", scored, classes);
      DecisionScore r = VoicesStudy.figures(scored, classes, classes);
      DecisionScore a = VoicesStudy.figures(scored, null, null);
      Set<Emotion> missing = new TreeSet<>(held.classes());
      missing.removeAll(classes);
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d%s | %s | %s | %s | %s |%n", held.name(),
          CorpusKind.languageOf(held.name()).orElse("?"), a.clips(), classes.size(),
          missing.isEmpty() ? "" : " (not " + String.join(", ", missing.stream().map(Emotion::label).toList()) + ")",
          VoicesStudy.pct(r.uar()), VoicesStudy.pct(a.accuracy()), VoicesStudy.pct(a.majority()),
          a.accuracy() > a.majority() ? "yes" : "**no**"));
      pw.printf(Locale.ROOT, "loco %s: UAR %s restricted, accuracy %s as predicted (most frequent %s)%n", held.name(),
          VoicesStudy.pct(r.uar()), VoicesStudy.pct(a.accuracy()), VoicesStudy.pct(a.majority()));
      uarSum += r.uar();
      accSum += a.accuracy();
      lowest = Math.min(lowest, r.uar());
    }
    int k = corpora.size();
    md.append(String.format(Locale.ROOT, "| **mean of %d** | | | | **%s** (lowest %s) | %s | | |%n", k,
        VoicesStudy.pct(uarSum / k), VoicesStudy.pct(lowest), VoicesStudy.pct(accSum / k)));
    md.append("\nTarget: mean UAR ≥ 60, no corpus below 45; accuracy as predicted above the most frequent class.\n");
    return md.toString();
  }

  // ---- (d) channels ----------------------------------------------------------------------------

  /** The study's channels: clean, white noise and babble at 20 and 10 dB, telephone, reverberation. */
  static List<Channel> channelConditions() {
    return Channel.studyConditions().stream()
        .filter(c -> c.kind() != Channel.Kind.GAIN && c.kind() != Channel.Kind.CLIP).toList();
  }

  private String channels() throws IOException {
    VoicesStudy.Found rav = corpus("ravdess", "channels");
    List<Set<String>> all = Splitter.foldSpeakers(rav.clips(), SplitSpec.DEFAULT_FOLDS, seed);
    int k = folds == null ? all.size() : Math.min(folds, all.size());
    List<Channel> conditions = channelConditions();
    double[] acc = new double[conditions.size()];
    double[] uar = new double[conditions.size()];
    for (int f = 1; f <= k; f++) {
      Set<String> fold = all.get(f - 1);
      String unit = "fold-" + f;
      Path model = study.trained("channels", unit,
          study.releaseRecipe(List.of(rav.root()), SplitSpec.speakerFold(SplitSpec.DEFAULT_FOLDS, f, seed)));
      List<Clip> train = rav.clips().stream().filter(c -> !fold.contains(c.speaker())).toList();
      List<Clip> test = study.limited(rav.clips().stream().filter(c -> fold.contains(c.speaker())).toList());
      // Babble is made of training-side voices only: no test voice is mixed into another test clip.
      List<float[]> babble = study.babbleSources(train, 40, seed + f);
      for (int i = 0; i < conditions.size(); i++) {
        Channel ch = conditions.get(i);
        List<VoicesStudy.Scored> scored = study.score("channels", unit, model, test, ch, babble, seed + 31L * f);
        study.record("channels", unit, ch.describe(), scored, null);
        DecisionScore fig = VoicesStudy.figures(scored, null, null);
        acc[i] += fig.accuracy() / k;
        uar[i] += fig.uar() / k;
        pw.printf(Locale.ROOT, "channels fold %d, %s: accuracy %s%n", f, ch.describe(), VoicesStudy.pct(fig.accuracy()));
      }
    }
    StringBuilder md = new StringBuilder("RAVDESS speaker folds " + (k == all.size() ? "1-" + k : "1-" + k + " of "
        + all.size()) + " (the project's folds: actors 2f-1, 2f, 2f+11, 2f+12), eight classes, each fold's model "
        + "trained on the other actors; each test clip through the simulated channel (`audio.Channel`; babble made of "
        + "training-side voices), then heard alone through `predict`. Means over the folds, in %.\n\n"
        + "| condition | accuracy | UAR | points lost (accuracy) | target |\n|---|---|---|---|---|\n");
    for (int i = 0; i < conditions.size(); i++) {
      Channel ch = conditions.get(i);
      String lost = i == 0 ? "" : String.format(Locale.ROOT, "%.1f", 100 * (acc[0] - acc[i]));
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", ch.describe(), VoicesStudy.pct(acc[i]),
          VoicesStudy.pct(uar[i]), lost, target(ch)));
    }
    return md.toString();
  }

  private static String target(Channel ch) {
    return switch (ch.kind()) {
      case WHITE -> ch.value() >= 20 ? "≤ 5" : "≤ 12";
      case TELEPHONE -> "≤ 5";
      case BABBLE -> ch.value() >= 20 ? "≤ 10" : "";
      default -> "";
    };
  }

  // ---- (e) the original study ------------------------------------------------------------------

  /** One of the original study's rows: a family with its epochs or alpha, and the test share it used. */
  record OriginalRow(ModelFamily family, Integer epochs, Double alpha, Integer ensemble, double testFraction) {
    String unit() {
      return family.cliName() + (alpha != null ? "-alpha" + alpha : "") + (epochs != null ? "-" + epochs + "ep" : "");
    }

    String figure() {
      return OriginalStudy.FIGURES.stream().filter(f -> f.family() == family)
          .filter(f -> f.epochs() == null || f.epochs().equals(epochs))
          .filter(f -> f.alpha() == null || alpha != null && Math.abs(f.alpha() - alpha) < 1e-12)
          .findFirst().map(f -> VoicesStudy.pct(f.accuracy())).orElse("—");
    }
  }

  /** The eight rows (the MLP rows on a 75/25 split, as the study did; the others 80/20). */
  static final List<OriginalRow> ORIGINAL_ROWS = List.of(
      new OriginalRow(ModelFamily.MLP, null, 0.0001, null, 0.25),
      new OriginalRow(ModelFamily.MLP, null, 0.01, null, 0.25),
      new OriginalRow(ModelFamily.BASELINE_CNN, 11, null, null, 0.2),
      new OriginalRow(ModelFamily.BASELINE_CNN, 20, null, null, 0.2),
      new OriginalRow(ModelFamily.CNN_LSTM, 11, null, null, 0.2),
      new OriginalRow(ModelFamily.CNN_LSTM, 20, null, null, 0.2),
      new OriginalRow(ModelFamily.CNN_LSTM_PAPER, 20, null, null, 0.2),
      new OriginalRow(ModelFamily.CNN_LSTM_PAPER, 500, null, 1, 0.2));

  /** The {@code train} command line of a row on these corpus folders. */
  String trainCommand(OriginalRow r, List<Path> mix) {
    StringBuilder sb = new StringBuilder("./empathic-art train --model ").append(r.family().cliName());
    if (r.alpha() != null) {
      sb.append(" --alpha ").append(r.alpha());
    }
    if (r.epochs() != null) {
      sb.append(" --epochs ").append(r.epochs());
    }
    if (r.ensemble() != null) {
      sb.append(" --ensemble ").append(r.ensemble());
    }
    mix.forEach(p -> sb.append(" --data ").append(p));
    return sb.append(" --neutral calm --split random --test-fraction ").append(r.testFraction())
        .append(" --seed ").append(seed).toString();
  }

  private String original() throws IOException {
    List<String> names = List.of("ravdess", "tess", "savee");
    List<String> absent = names.stream().filter(n -> corpora.stream().noneMatch(f -> f.name().equals(n))).toList();
    List<Path> mix = names.stream().map(n -> corpora.stream().filter(f -> f.name().equals(n)).findFirst()
        .map(VoicesStudy.Found::root).orElse(Path.of("<" + n + ">"))).toList();
    StringBuilder md = new StringBuilder("The original study's rows on its own mix (most likely RAVDESS + TESS + SAVEE "
        + "with neutral folded into calm, seven classes), its protocol: a random split stratified by emotion, the MLP "
        + "rows 75/25 and the others 80/20, seed " + seed + "; the figure is the trainer's test accuracy (speakers are "
        + "shared between training and test under this protocol, so it is not a new-voices figure). Each row's "
        + "command:\n\n```\n");
    ORIGINAL_ROWS.forEach(r -> md.append(trainCommand(r, mix)).append('\n'));
    md.append("```\n\n");
    if (!absent.isEmpty()) {
      return md.append("Not run: the mix needs ").append(String.join(", ", absent)).append(" (pass --data).\n").toString();
    }
    md.append("| row | test clips | accuracy | macro-F1 | original study |\n|---|---|---|---|---|\n");
    for (OriginalRow r : ORIGINAL_ROWS) {
      ModelSpec s = ModelSpecs.defaults(r.family(), r.epochs(), r.alpha(), r.ensemble(),
          new ModelSpecs.Data(mix, null, NeutralPolicy.CALM, SplitSpec.random(r.testFraction(), seed)));
      Path model = study.trained("original", r.unit(), s);
      RunMetrics m = RunMetrics.read(model);
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", s.displayName(), m.nTest(),
          VoicesStudy.pct(m.accuracy()), VoicesStudy.pct(m.f1Macro()), r.figure()));
    }
    return md.toString();
  }

  // ---- the document ----------------------------------------------------------------------------

  private static String title(String section) {
    return switch (section) {
      case "emobox" -> "EmoBox RAVDESS, 8 classes, through predict";
      case "cross" -> "EmoBox cross-corpus, RAVDESS and SAVEE, through predict";
      case "loco" -> "Leave one corpus out, through predict";
      case "channels" -> "Channels on RAVDESS speaker folds, through predict";
      default -> "The original study on its own mix";
    };
  }

  private String header(String section, double minutes) {
    StringBuilder cmd = new StringBuilder("./empathic-art study voices --sections ").append(section);
    if (data != null) {
      data.forEach(d -> cmd.append(" --data ").append(d));
    }
    if (emobox != null) {
      cmd.append(" --emobox ").append(emobox);
    }
    if (folds != null) {
      cmd.append(" --folds ").append(folds);
    }
    if (maxTestClips != null) {
      cmd.append(" --max-test-clips ").append(maxTestClips);
    }
    if (augment != null) {
      cmd.append(" --augment ").append(augment);
    }
    cmd.append(" --seed ").append(seed);
    String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    return "Command: `" + cmd + "`  \nDate: " + when + "; commit: " + StudyCommand.Generalize.commitId()
        + String.format(Locale.ROOT, "; %d cores; wall time %.1f min (models kept under --runs are reused).%n%n",
            Runtime.getRuntime().availableProcessors(), minutes)
        + (maxTestClips != null || augment != null ? "**A quick run, not the release recipe's figures** (--max-test-clips "
            + "or --augment).\n\n" : "");
  }

  /** Rewrites the generated block of {@code target} from every section measured under {@code runDir}. */
  static void writeDoc(Path target, Path runDir) throws IOException {
    StringBuilder generated = new StringBuilder("\n");
    for (String s : SECTIONS) {
      Path f = runDir.resolve("section-" + s + ".md");
      if (Files.exists(f)) {
        generated.append(Files.readString(f)).append('\n');
      }
    }
    String old = Files.exists(target) ? Files.readString(target) : "# Evaluation\n";
    int b = old.indexOf(BEGIN);
    int e = old.indexOf(END);
    String text = b >= 0 && e > b ? old.substring(0, b) + BEGIN + generated + END + old.substring(e + END.length())
        : old + (old.endsWith("\n") ? "" : "\n") + "\n## New voices, measured as users meet them\n\n" + BEGIN
            + generated + END + "\n";
    AtomicFiles.writeString(target, text);
  }
}
