package art.empathic.app.cli;

import art.empathic.app.datasets.DataGuide;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.DataLocator;
import art.empathic.features.FeatureCache;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunMetrics;
import art.empathic.report.StudyReport;
import art.empathic.model.ModelFamily;
import art.empathic.recognize.DefaultModel;
import art.empathic.run.ReleaseInfo;
import art.empathic.train.DefaultFamily;
import art.empathic.train.ModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import art.empathic.train.ModelSpecs;
import art.empathic.train.StopSignal;
import art.empathic.train.TrainingRun;
import java.util.Optional;

/** {@code demo}: the original study end to end, from a folder of clips to the report. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Run the original study end to end on the data found (--data, $EMPATHIC_ART_DATA, ../shared/data/ravdess):",
      "corpus summary, cached features, the study's rows under the random 80/20 protocol, the same families",
      "under the speaker-independent protocol, the comparison table, and report.html with every model's",
      "confusion matrix, classification report, summary and curves.",
      "Default: all rows, speaker-independent folds 1-3 of 6, then the release model (about 10 minutes on 2 cores).",
      "--quick: one row per family, fold 1 only (about 2.5 minutes).",
      "--full: adds the paper model at 500 epochs and runs all 6 folds (about 13 minutes).",
      "Every size ends by training the release model (the family best on new voices, on every clip) and adds",
      "\"new voices\" and \"another corpus\" (EmoDB, when found beside RAVDESS) sections to the report.",
      "An interrupted demo continues where it stopped when run again with the same --out."})
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--data", paramLabel = "DIR", description = "RAVDESS folder (or a data root holding ravdess/).")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "Where runs and the report go (default runs/demo-<time>).")
  Path out;

  @ArgGroup(exclusive = true)
  Size size = new Size();

  static final class Size {
    @Option(names = "--quick", description = "About 2.5 minutes on 2 cores: one row per family, speaker fold 1 only.")
    boolean quick;
    @Option(names = "--full", description = "Everything: adds the paper model at 500 epochs, all 6 folds.")
    boolean full;
  }

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of splits and training (default 42).")
  long seed;

  @Option(names = "--no-progress", description = "No progress bars.")
  boolean noProgress;

  /**
   * One row of the study: a family with its epochs (null: recipe default), MLP alpha and
   * ensemble size (null: recipe default).
   */
  record Row(ModelFamily family, Integer epochs, Double alpha, Integer ensemble) {
    Row(ModelFamily family, Integer epochs, Double alpha) {
      this(family, epochs, alpha, null);
    }
  }

  static final int DEFAULT_FOLDS = 3;

  /** The original study's rows under the random protocol. */
  static List<Row> randomRows(boolean quick, boolean full) {
    List<Row> rows = new ArrayList<>();
    if (!quick) {
      rows.add(new Row(ModelFamily.MLP, null, 0.0001));
    }
    rows.add(new Row(ModelFamily.MLP, null, 0.01));
    if (!quick) {
      rows.add(new Row(ModelFamily.BASELINE_CNN, 11, null));
    }
    rows.add(new Row(ModelFamily.BASELINE_CNN, 20, null));
    if (!quick) {
      rows.add(new Row(ModelFamily.CNN_LSTM, 11, null));
    }
    rows.add(new Row(ModelFamily.CNN_LSTM, 20, null));
    rows.add(new Row(ModelFamily.CNN_LSTM_PAPER, 20, null));
    if (full) {
      // One network, not the recipe's three: 500 epochs of three would take about 45 minutes here.
      rows.add(new Row(ModelFamily.CNN_LSTM_PAPER, 500, null, 1));
    }
    return rows;
  }

  /** One configuration per family under the speaker-independent protocol. */
  static List<Row> speakerRows() {
    return List.of(new Row(ModelFamily.MLP, null, 0.01), new Row(ModelFamily.BASELINE_CNN, 20, null),
        new Row(ModelFamily.CNN_LSTM, 20, null), new Row(ModelFamily.CNN_LSTM_PAPER, 20, null));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = commandSpec.commandLine().getOut();
    Optional<Path> found = DataLocator.ravdess(data);
    if (found.isEmpty() || !Files.isDirectory(found.get())) {
      commandSpec.commandLine().getErr().print(DataGuide.noDataFound(data));
      commandSpec.commandLine().getErr().flush();
      return CliErrors.EXIT_BAD_INPUT;
    }
    Path ravdess = found.get().toAbsolutePath().normalize();
    Path dir = out != null ? out : DataLocator.projectRoot().resolve("runs")
        .resolve("demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    long t0 = System.nanoTime();
    boolean quick = size.quick;
    boolean full = size.full;
    int folds = full ? 6 : quick ? 1 : DEFAULT_FOLDS;
    pw.println("Empathic Art demo: the original study on " + ravdess);
    pw.println("output: " + dir + (quick ? " (--quick)" : full ? " (--full)" : ""));

    Corpus corpus = Corpus.load(List.of(ravdess), CorpusOptions.DEFAULT);
    printCorpus(pw, corpus);
    TrainingRun.Environment env = new TrainingRun.Environment(FeatureCache.atDefaultLocation(),
        Runtime.getRuntime().availableProcessors(), !noProgress);

    List<Path> randomRuns = new ArrayList<>();
    List<List<Path>> speakerRuns = new ArrayList<>();
    Path release;
    try (StopSignal stop = StopSignal.install()) {
      List<Row> rows = randomRows(quick, full);
      pw.printf(Locale.ROOT, "%n== Random 80/20 split (the original study's protocol), %d runs ==%n", rows.size());
      for (Row row : rows) {
        Path runDir = dir.resolve("random").resolve(slug(row));
        if (!runOne(row, SplitSpec.random(SplitSpec.DEFAULT_TEST_FRACTION, seed), ravdess, runDir, corpus, env, pw, stop)) {
          return stopped(pw, dir);
        }
        randomRuns.add(runDir);
      }
      for (int fold = 1; fold <= folds; fold++) {
        pw.printf(Locale.ROOT, "%n== Speaker-independent fold %d of 6 ==%n", fold);
        List<Path> foldRuns = new ArrayList<>();
        for (Row row : speakerRows()) {
          Path runDir = dir.resolve("speaker").resolve("fold-" + fold).resolve(slug(row));
          if (!runOne(row, SplitSpec.speakerFold(6, fold, seed), ravdess, runDir, corpus, env, pw, stop)) {
            return stopped(pw, dir);
          }
          foldRuns.add(runDir);
        }
        speakerRuns.add(foldRuns);
      }
      pw.printf(Locale.ROOT, "%n== The release model: %s on every clip ==%n", DefaultFamily.FAMILY.cliName());
      Path releaseDir = dir.resolve("release");
      if (ReleaseInfo.isRelease(releaseDir)) {
        pw.println("-- release: already finished, kept");
        release = releaseDir;
      } else if (Files.exists(releaseDir.resolve(ModelSpec.FILE))) {
        release = TrainingRun.resume(releaseDir, env, pw, stop, corpus).outcome() == TrainingRun.Outcome.FINISHED
            ? releaseDir : null;
      } else {
        release = ReleaseModel.train(List.of(ravdess), releaseDir, env, pw, stop, corpus).orElse(null);
      }
      if (release == null) {
        return stopped(pw, dir);
      }
    }
    pw.println();
    List<Path> defaultFamilyFolds = foldsOf(speakerRuns, DefaultFamily.FAMILY);
    if (defaultFamilyFolds.isEmpty()) {
      // The demo's rows are the original study's families; the best of them on new voices stands in.
      defaultFamilyFolds = foldsOf(speakerRuns, ModelFamily.CNN_LSTM_PAPER);
    }
    List<StudyReport.Extra> extras = List.of(NewVoicesSections.newVoices(defaultFamilyFolds, pw),
        NewVoicesSections.anotherCorpus(release, emodbBeside(ravdess), pw));
    StudyReport.Study base = study(randomRuns, speakerRuns, folds, quick, full);
    StudyReport.Study study = new StudyReport.Study(base.title(), base.notes(), base.sections(), extras);
    pw.println();
    pw.print(StudyReport.summaryText(study));
    StudyReport.Written written = StudyReport.write(dir, study);
    written.skipped().forEach(s -> pw.println("skipped in the report: " + s));
    pw.printf(Locale.ROOT, "%ndemo finished in %.1f min%n", (System.nanoTime() - t0) / 60e9);
    pw.println("report: " + written.html());
    pw.println("markdown: " + written.markdown());
    pw.println("release model: " + release + (release.toAbsolutePath().normalize().startsWith(
        DefaultModel.runsFolder().toAbsolutePath().normalize()) ? " (predict, serve and art use it by default)"
        : " (use it with --model " + release + " or EMPATHIC_ART_MODEL=" + release + ")"));
    return 0;
  }

  private static List<Path> foldsOf(List<List<Path>> speakerRuns, ModelFamily family) {
    return speakerRuns.stream().flatMap(List::stream)
        .filter(p -> p.getFileName().toString().startsWith(family.cliName() + "-")).toList();
  }

  /** EmoDB beside the RAVDESS folder (../shared/data/emodb), if there. */
  static Path emodbBeside(Path ravdess) {
    Path parent = ravdess.toAbsolutePath().normalize().getParent();
    Path emodb = parent == null ? null : parent.resolve("emodb");
    return emodb != null && Files.isDirectory(emodb) ? emodb : null;
  }

  private int stopped(PrintWriter pw, Path dir) {
    pw.println("demo stopped; run the same command with --out " + dir + " to continue where it stopped");
    return TrainCommand.EXIT_STOPPED;
  }

  /** Runs (or resumes, or skips when finished) one row; false when the user stopped it. */
  private boolean runOne(Row row, SplitSpec split, Path ravdess, Path runDir, Corpus corpus,
      TrainingRun.Environment env, PrintWriter pw, StopSignal stop) throws IOException {
    if (Files.exists(runDir.resolve(RunMetrics.FILE))) {
      pw.println("-- " + runDir.getFileName() + ": already finished, kept");
      return true;
    }
    TrainingRun.Result r;
    if (Files.exists(runDir.resolve(ModelSpec.FILE))) {
      r = TrainingRun.resume(runDir, env, pw, stop, corpus);
    } else {
      ModelSpec spec = ModelSpecs.defaults(row.family(), row.epochs(), row.alpha(), row.ensemble(),
          new ModelSpecs.Data(List.of(ravdess), null, NeutralPolicy.DROP, split));
      pw.println("-- " + spec.displayName() + " -> " + runDir);
      r = TrainingRun.start(spec, runDir, env, pw, stop, corpus);
    }
    return r.outcome() == TrainingRun.Outcome.FINISHED;
  }

  static String slug(Row row) {
    return row.family().cliName() + (row.alpha() != null ? "-alpha" + row.alpha() : "")
        + (row.epochs() != null ? "-" + row.epochs() + "ep" : "") + (row.ensemble() != null ? "-x" + row.ensemble() : "");
  }

  private StudyReport.Study study(List<Path> randomRuns, List<List<Path>> speakerRuns, int folds, boolean quick,
      boolean full) {
    List<String> notes = new ArrayList<>();
    notes.add("Data: RAVDESS speech, seven classes (neutral dropped), 1344 clips of 24 actors; seed " + seed + ".");
    notes.add("Each model uses its family's default recipe (docs/MODELS.md), chosen on validation data, never on test.");
    if (quick) {
      notes.add("--quick: the MLP with alpha 0.0001 and the 11-epoch rows are left out; speaker fold 1 only.");
    }
    if (folds < 6) {
      notes.add("Speaker-independent folds run: " + folds + " of 6 (" + (quick ? "--quick" : "the default")
          + " runs fewer to fit its time; --full runs all 6).");
    }
    List<Path> speakerAll = speakerRuns.stream().flatMap(List::stream).toList();
    String foldNote = "Folds run: " + IntStream.rangeClosed(1, folds).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ")) + " of 6. Fold k tests on actors 2k-1, 2k, 2k+11, 2k+12.";
    return new StudyReport.Study("Empathic Art: the original study on RAVDESS", notes, List.of(
        new StudyReport.Section(Protocol.RANDOM, randomRuns, List.of("Stratified 80/20 split by emotion, seed " + seed
            + (full ? "; includes the paper model at 500 epochs (one network; the 20-epoch rows average three)."
            : "."))),
        new StudyReport.Section(Protocol.SPEAKER, speakerAll, List.of(foldNote))));
  }

  private static void printCorpus(PrintWriter pw, Corpus c) {
    String perEmotion = c.perEmotion().entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    double minutes = c.clips().stream().mapToDouble(art.empathic.corpus.Clip::durationSeconds).sum() / 60;
    pw.printf(Locale.ROOT, "corpus: %d clips, %d speakers, %.1f min; %s%n", c.clips().size(), c.perSpeaker().size(),
        minutes, perEmotion);
    c.dropped().forEach((label, n) -> pw.println("  left out for their label: " + n + " " + label));
    c.duplicates().forEach(g -> pw.println("  same audio, kept on one side of every split: "
        + g.paths().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" = "))));
    if (!c.skipped().isEmpty()) {
      pw.println("  skipped files: " + c.skipped().size() + " (see ./empathic-art corpus info)");
    }
  }
}
