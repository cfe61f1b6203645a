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
import java.util.function.BooleanSupplier;
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
      "Run the original study end to end on the data found and write one report of every model.",
      "Data: --data, else $EMPATHIC_ART_DATA, else ../shared/data/ravdess.",
      "The demo summarises the corpus, extracts cached features, trains the study's rows under the random 80/20 "
          + "protocol and the same families under the speaker-independent protocol, prints the comparison table "
          + "and writes report.html with every model's confusion matrix, classification report, summary and curves.",
      "Every size ends by training the release model (the family best on new voices, on every clip of every corpus "
          + "in the data root RAVDESS was found in, Neutral kept as an eighth class, with its MODEL_CARD.md) and adds "
          + "\"new voices\" and \"another corpus\" (EmoDB, when found beside RAVDESS) sections to the report.",
      "Default: all rows and speaker-independent folds 1-3 of 6, where the two LSTM families train one network "
          + "each. --quick (one row per family, fold 1) and --full (the 500-epoch row, all 6 folds, ensembles in "
          + "every fold) change the size; docs/BENCHMARKS.md gives the measured times.",
      "The trainings run in lanes at once (--jobs): this JVM and helper JVMs with one PyTorch thread each; "
          + "each lane takes the next training no lane has taken yet, longest first, so no lane idles while "
          + "trainings remain, and every run is the same as when they run one after another.",
      "An interrupted demo continues where it stopped when run again with the same --out."})
public final class DemoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--data", paramLabel = "DIR", description = "RAVDESS folder (or a data root holding ravdess/: the release model then "
      + "trains on every corpus there).")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", description = "Where runs and the report go (default runs/demo-<time>).")
  Path out;

  @ArgGroup(exclusive = true)
  Size size = new Size();

  static final class Size {
    @Option(names = "--quick", description = "Smaller: one row per family, speaker fold 1 only, and the release model (times in docs/BENCHMARKS.md).")
    boolean quick;
    @Option(names = "--full", description = "Everything: adds the paper model at 500 epochs and runs all 6 folds.")
    boolean full;
  }

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of splits and training (default 42).")
  long seed;

  @Option(names = "--no-progress", description = "Show no progress while reading corpora, making features and "
      + "training: no bar on a terminal, no line every 30 s on a redirected standard error. Trainings in more than "
      + "one lane (--jobs) show none either way. The summary lines and each training's line per epoch stay.")
  boolean noProgress;

  @Option(names = "--jobs", paramLabel = "N", description = "Trainings at once, each in its own JVM with one "
      + "PyTorch thread (default: the number of cores, at most " + MAX_DEFAULT_JOBS + "; 1 runs them one after another).")
  Integer jobs;

  /** Set by the demo on the helper JVMs it starts: train only lane K of N, then exit. */
  @Option(names = "--lane", hidden = true, paramLabel = "K/N")
  String lane;

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
      // One network (500 epochs of three would take about 45 minutes here), trained with the paper
      // family's long-schedule recipe (Recipe.forEpochs), not the 20-epoch recipe stretched.
      rows.add(new Row(ModelFamily.CNN_LSTM_PAPER, 500, null, 1));
    }
    return rows;
  }

  /**
   * One configuration per family under the speaker-independent protocol. The two LSTM families
   * train one network per fold unless {@code full} (their recipes' ensembles of three): they are
   * two thirds of the demo's CPU time, and three networks per fold would take the default demo past
   * its 10 minutes on 2 cores (docs/BENCHMARKS.md, "`demo` from a fresh clone").
   */
  static List<Row> speakerRows(boolean full) {
    Integer lstmNetworks = full ? null : 1;
    return List.of(new Row(ModelFamily.MLP, null, 0.01), new Row(ModelFamily.BASELINE_CNN, 20, null),
        new Row(ModelFamily.CNN_LSTM, 20, null, lstmNetworks), new Row(ModelFamily.CNN_LSTM_PAPER, 20, null, lstmNetworks));
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
    Path releaseData = releaseData(ravdess, data);
    Path dir = (out != null ? out : DataLocator.projectRoot().resolve("runs")
        .resolve("demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))))
        .toAbsolutePath().normalize();
    long t0 = System.nanoTime();
    boolean quick = size.quick;
    boolean full = size.full;
    int folds = full ? 6 : quick ? 1 : DEFAULT_FOLDS;
    List<Task> tasks = tasks(quick, full, folds, dir, seed, releaseShare(ravdess, releaseData));
    if (lane != null) {
      return runHelperLane(Lane.parse(lane), tasks, ravdess, releaseData, dir, pw);
    }
    int lanes = Math.min(jobs != null ? jobs : defaultJobs(), tasks.size());
    if (lanes < 1) {
      throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
    }
    pw.println("Empathic Art demo: the original study on " + ravdess);
    pw.println("output: " + dir + (quick ? " (--quick)" : full ? " (--full)" : ""));
    pw.println("release model: trained on every corpus in " + releaseData);

    Corpus corpus = Corpus.load(List.of(ravdess), CorpusOptions.DEFAULT, !noProgress);
    printCorpus(pw, corpus);
    TrainingRun.Environment env = laneEnvironment(!noProgress && lanes == 1);

    try (StopSignal stop = StopSignal.install()) {
      if (lanes == 1) {
        if (!runInOrder(tasks, t -> runTask(t, ravdess, releaseData, corpus, env, pw, stop), pw)) {
          return stopped(pw, dir);
        }
      } else if (!runLanes(lanes, tasks, ravdess, releaseData, corpus, env, pw, stop, dir)) {
        return stopped(pw, dir);
      }
    }
    pw.printf(Locale.ROOT, "%nevery training finished after %.1f min%n", (System.nanoTime() - t0) / 60e9);
    List<Path> randomRuns = tasks.stream().filter(t -> t.protocol() == Protocol.RANDOM).map(Task::runDir).toList();
    List<List<Path>> speakerRuns = new ArrayList<>();
    for (int fold = 1; fold <= folds; fold++) {
      int k = fold;
      speakerRuns.add(tasks.stream().filter(t -> t.protocol() == Protocol.SPEAKER && t.split().fold() == k)
          .map(Task::runDir).toList());
    }
    Path release = dir.resolve(RELEASE_DIR);
    List<Path> defaultFamilyFolds = foldsOf(speakerRuns, DefaultFamily.FAMILY);
    if (defaultFamilyFolds.isEmpty()) {
      // The demo's rows are the original study's families; the best of them on new voices stands in.
      defaultFamilyFolds = foldsOf(speakerRuns, ModelFamily.CNN_LSTM_PAPER);
    }
    List<StudyReport.Extra> extras = List.of(NewVoicesSections.newVoices(defaultFamilyFolds, pw),
        NewVoicesSections.anotherCorpus(release, emodbUnheard(ravdess, release), pw));
    StudyReport.Study base = study(randomRuns, speakerRuns, folds, quick, full, releaseData);
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

  /** Where the release model goes inside the demo's folder. */
  static final String RELEASE_DIR = "release";

  /**
   * One training of the demo: a study row on one split, or (row null) the release model. The
   * section names the part of the study it belongs to, for the console.
   */
  record Task(Row row, SplitSpec split, Path runDir, String section, double dataShare) {
    Task(Row row, SplitSpec split, Path runDir, String section) {
      this(row, split, runDir, section, 1);
    }

    Protocol protocol() {
      return split.protocol();
    }

    boolean release() {
      return row == null;
    }

    /**
     * Roughly the seconds this training takes on one core of the quiet 2-core machine (measured
     * 2026-11-30, docs/research/RESULTS.md; with two lanes busy the CNN-LSTMs' epochs take about
     * twice as long). They only order the work: the lanes take the trainings longest first, each
     * the next one no lane has taken (LaneClaims), so an estimate that is off makes no lane idle;
     * only their ranking matters.
     */
    double estimatedSeconds() {
      if (release()) {
        // Functionals of 1344 clips and their augmented copies (two channel copies took about 125 CPU
        // seconds; the default recipe makes three, speed-perturbed), then a fit of a few seconds; more
        // corpora take longer in proportion to their audio.
        return 180 * dataShare;
      }
      int epochs = row.epochs() != null ? row.epochs() : 20;
      int members = row.ensemble() != null ? row.ensemble() : switch (row.family()) {
        case BASELINE_CNN -> 5;
        case CNN_LSTM, CNN_LSTM_PAPER -> 3;
        default -> 1;
      };
      double perNetworkEpoch = switch (row.family()) {
        case CNN_LSTM_PAPER -> 0.95;
        case CNN_LSTM -> 0.85;
        case BASELINE_CNN -> 0.06;
        default -> 0.01;
      };
      return 1 + epochs * members * perNetworkEpoch;
    }
  }

  /** Every training of a demo of this size, in the order the console and the report list them. */
  static List<Task> tasks(boolean quick, boolean full, int folds, Path dir, long seed) {
    return tasks(quick, full, folds, dir, seed, 1);
  }

  /**
   * As {@link #tasks(boolean, boolean, int, Path, long)}, with the release model's data
   * {@code releaseShare} times RAVDESS's size (it places the release in the lanes' longest-first order).
   */
  static List<Task> tasks(boolean quick, boolean full, int folds, Path dir, long seed, double releaseShare) {
    List<Task> tasks = new ArrayList<>();
    List<Row> rows = randomRows(quick, full);
    String randomSection = String.format(Locale.ROOT, "Random 80/20 split (the original study's protocol), %d runs",
        rows.size());
    for (Row row : rows) {
      tasks.add(new Task(row, SplitSpec.random(SplitSpec.DEFAULT_TEST_FRACTION, seed),
          dir.resolve("random").resolve(slug(row)), randomSection));
    }
    for (int fold = 1; fold <= folds; fold++) {
      for (Row row : speakerRows(full)) {
        tasks.add(new Task(row, SplitSpec.speakerFold(6, fold, seed),
            dir.resolve("speaker").resolve("fold-" + fold).resolve(slug(row)), "Speaker-independent fold " + fold + " of 6"));
      }
    }
    tasks.add(new Task(null, SplitSpec.none(SplitSpec.DEFAULT_SEED), dir.resolve(RELEASE_DIR),
        "The release model: " + DefaultFamily.FAMILY.cliName() + " on every clip of every corpus found", releaseShare));
    return tasks;
  }

  /**
   * The order the lanes take the trainings in: longest first by {@link Task#estimatedSeconds()},
   * ties in study order. Deterministic, so every lane (this JVM and each helper) walks the same
   * order; each takes the next training no lane has claimed yet ({@link LaneClaims}), so the lanes
   * end within about one training of each other whatever the estimates' errors.
   */
  static List<Task> longestFirst(List<Task> tasks) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, tasks.size()).boxed().toList());
    order.sort(java.util.Comparator.comparingDouble((Integer i) -> -tasks.get(i).estimatedSeconds())
        .thenComparingInt(i -> i));
    return order.stream().map(tasks::get).toList();
  }

  /** At most this many lanes by default: each is a JVM holding PyTorch (several hundred MB). */
  static final int MAX_DEFAULT_JOBS = 4;

  static int defaultJobs() {
    return Math.max(1, Math.min(MAX_DEFAULT_JOBS, Runtime.getRuntime().availableProcessors()));
  }

  /** A lane "K/N" of a helper JVM. */
  record Lane(int k, int n) {
    static Lane parse(String text) {
      String[] parts = text.split("/");
      try {
        Lane l = new Lane(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        if (parts.length == 2 && l.k() >= 1 && l.k() <= l.n()) {
          return l;
        }
      } catch (RuntimeException e) {
        // falls through to the message below
      }
      throw new IllegalArgumentException("--lane must be K/N with 1 <= K <= N, got '" + text + "'");
    }
  }

  /** Trains one task (starts or resumes its run); false when the user stopped it. */
  @FunctionalInterface
  interface Trainer {
    boolean train(Task task) throws IOException;
  }

  /** Runs (or resumes, or keeps) the tasks one after another; false when the user stopped them. */
  static boolean runInOrder(List<Task> tasks, Trainer trainer, PrintWriter pw) throws IOException {
    String section = null;
    for (Task task : tasks) {
      section = printSection(task, section, pw);
      if (!keepOrTrain(task, trainer, pw)) {
        return false;
      }
    }
    return true;
  }

  /**
   * One lane of several: walks {@code order} and trains each task it manages to claim for
   * {@code lane} (the others have it), until every task is claimed. A finished run is claimed
   * and kept, not trained again. False when the user stopped the lane; it then claims no more.
   */
  static boolean runClaiming(List<Task> order, LaneClaims claims, int lane, Trainer trainer, PrintWriter pw,
      BooleanSupplier stopRequested) throws IOException {
    String section = null;
    for (Task task : order) {
      if (stopRequested.getAsBoolean()) {
        return false;
      }
      if (!claims.claim(task.runDir(), lane)) {
        continue;
      }
      section = printSection(task, section, pw);
      if (!keepOrTrain(task, trainer, pw)) {
        return false;
      }
    }
    return true;
  }

  /** Prints the task's section when it is not the one printed last; returns the section now printed. */
  private static String printSection(Task task, String last, PrintWriter pw) {
    if (!task.section().equals(last)) {
      pw.printf(Locale.ROOT, "%n== %s ==%n", task.section());
    }
    return task.section();
  }

  /** Keeps a finished run, else trains (or resumes) it; false when the user stopped it. */
  static boolean keepOrTrain(Task task, Trainer trainer, PrintWriter pw) throws IOException {
    if (isFinished(task.runDir())) {
      pw.println("-- " + task.runDir().getFileName() + ": already finished, kept");
      pw.flush();
      return true;
    }
    return trainer.train(task);
  }

  /**
   * The trainings shared between this JVM (lane 1) and {@code lanes - 1} helper JVMs, each lane
   * training one after another with one PyTorch thread whatever training it claims next
   * ({@link #runClaiming}), so the lanes stay busy until no training is left. Separate JVMs, not
   * threads: DJL's PyTorch engine allows one gradient collector per process, and dropout draws
   * from the engine's one global generator, so two trainings in one JVM would either fail or stop
   * being reproducible. A helper that stops with an error is reported with the training it had
   * claimed and not finished; whatever is unfinished when every lane is done is then trained here.
   * False when the user stopped the demo.
   */
  private boolean runLanes(int lanes, List<Task> tasks, Path ravdess, Path releaseData, Corpus corpus,
      TrainingRun.Environment env, PrintWriter pw, StopSignal stop, Path dir) throws IOException, InterruptedException {
    pw.printf(Locale.ROOT, "%n%d trainings in %d lanes at once (this JVM and %d helper%s, one PyTorch thread each, "
        + "each lane taking the next training left, longest first; --jobs 1 runs them one after another)%n",
        tasks.size(), lanes, lanes - 1, lanes == 2 ? "" : "s");
    pw.flush();
    LaneClaims claims = new LaneClaims(dir);
    // Before any helper starts: an earlier, interrupted demo's claims would hide the runs it left unfinished.
    claims.clear();
    List<Task> order = longestFirst(tasks);
    List<Helper> helpers = new ArrayList<>();
    for (int k = 2; k <= lanes; k++) {
      helpers.add(Helper.start(helperCommand(dir, releaseData.equals(ravdess) ? ravdess : releaseData, k, lanes), k, pw));
    }
    boolean finished = false;
    boolean completed = false;
    try (PrintWriter lanePw = new PrintWriter(new LinePrefixWriter(pw, "[lane 1] "), true)) {
      finished = runClaiming(order, claims, 1, t -> runTask(t, ravdess, releaseData, corpus, env, lanePw, stop),
          lanePw, stop::wasRequested);
      completed = true;
    } finally {
      for (Helper h : helpers) {
        if (!completed) {
          h.process().destroy(); // this lane failed: the helpers stop after their batch, resumable
        }
        if (!h.waitFor(stop)) {
          pw.println(laneStopped(h.lane(), h.exitCode(), claims, tasks, dir));
        }
      }
    }
    if (!finished || stop.wasRequested()) {
      return false;
    }
    claims.delete();
    List<Task> left = tasks.stream().filter(t -> !isFinished(t.runDir())).toList();
    if (!left.isEmpty()) {
      pw.printf(Locale.ROOT, "%n%d training%s a helper did not finish, trained here:%n", left.size(),
          left.size() == 1 ? "" : "s");
      return runInOrder(left, t -> runTask(t, ravdess, releaseData, corpus, env, pw, stop), pw);
    }
    return true;
  }

  /** What the demo says of a helper that exited with {@code exitCode} (not 0): the claimed trainings it did not finish. */
  static String laneStopped(int lane, int exitCode, LaneClaims claims, List<Task> tasks, Path dir) {
    List<Path> unfinished = claims.claimedBy(lane, tasks.stream().map(Task::runDir).toList()).stream()
        .filter(p -> !isFinished(p)).toList();
    return "[lane " + lane + "] stopped with exit code " + exitCode + (unfinished.isEmpty() ? ""
        : "; it had claimed " + unfinished.stream().map(p -> dir.relativize(p).toString())
            .collect(Collectors.joining(", ")) + " and not finished " + (unfinished.size() == 1 ? "it" : "them"));
  }

  /** A helper JVM's demo: the trainings it claims, no corpus summary, no report. */
  private int runHelperLane(Lane l, List<Task> tasks, Path ravdess, Path releaseData, Path dir, PrintWriter pw)
      throws IOException {
    Corpus corpus = Corpus.load(List.of(ravdess), CorpusOptions.DEFAULT);
    TrainingRun.Environment env = laneEnvironment(false);
    try (StopSignal stop = StopSignal.install()) {
      // Orphaned (the demo's JVM died): stop after the current batch, leaving resumable runs.
      ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(stop::request));
      boolean done = runClaiming(longestFirst(tasks), new LaneClaims(dir), l.k(),
          t -> runTask(t, ravdess, releaseData, corpus, env, pw, stop), pw, stop::wasRequested);
      pw.flush();
      return done ? 0 : TrainCommand.EXIT_STOPPED;
    }
  }

  /**
   * What every lane trains with: the feature cache at its default place and one feature thread per
   * core, the same in this JVM and in each helper (none of it is recorded in a run; the features do
   * not depend on the thread count). Progress bars only when one lane has the console.
   */
  private static TrainingRun.Environment laneEnvironment(boolean progress) {
    return new TrainingRun.Environment(FeatureCache.atDefaultLocation(), Runtime.getRuntime().availableProcessors(),
        progress);
  }

  /** The command line of the helper JVM for lane {@code k} of {@code lanes}: this JVM's flags, class path and options. */
  List<String> helperCommand(Path dir, Path ravdess, int k, int lanes) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // -D and -X flags carry the PyTorch threads, offline mode and heap; agents (debugger, coverage) stay here.
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if ((arg.startsWith("-D") || arg.startsWith("-X")) && !arg.startsWith("-Xdebug") && !arg.startsWith("-Xrunjdwp")) {
        cmd.add(arg);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(commandSpec.root().userObject().getClass().getName());
    cmd.addAll(List.of("demo", "--lane", k + "/" + lanes, "--out", dir.toString(), "--data", ravdess.toString(),
        "--seed", Long.toString(seed), "--no-progress"));
    if (size.quick) {
      cmd.add("--quick");
    }
    if (size.full) {
      cmd.add("--full");
    }
    return cmd;
  }

  /** A running helper JVM whose output is copied, line by line, to the demo's console. */
  private record Helper(int lane, Process process, Thread pump) {
    static Helper start(List<String> command, int lane, PrintWriter pw) throws IOException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
      Thread pump = new Thread(() -> {
        try (java.io.BufferedReader r = new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            synchronized (pw) {
              pw.println("[lane " + lane + "] " + line);
              pw.flush();
            }
          }
        } catch (IOException e) {
          // The helper's output ended; its exit code tells the rest.
        }
      }, "demo-lane-" + lane);
      pump.setDaemon(true);
      pump.start();
      return new Helper(lane, p, pump);
    }

    /** Waits for the helper, asking it to stop (SIGTERM: it saves a checkpoint) if the demo is stopped. True on exit code 0. */
    boolean waitFor(StopSignal stop) throws InterruptedException {
      boolean asked = false;
      while (!process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (!asked && stop.wasRequested()) {
          process.destroy();
          asked = true;
        }
      }
      pump.join(5000);
      return process.exitValue() == 0;
    }

    int exitCode() {
      return process.exitValue();
    }
  }

  private static boolean isFinished(Path runDir) {
    return Files.exists(runDir.resolve(RunMetrics.FILE)) || ReleaseInfo.isRelease(runDir);
  }

  private static List<Path> foldsOf(List<List<Path>> speakerRuns, ModelFamily family) {
    return speakerRuns.stream().flatMap(List::stream)
        .filter(p -> p.getFileName().toString().startsWith(family.cliName() + "-")).toList();
  }

  /**
   * What the demo's release model trains on: the data root RAVDESS was found in (every corpus
   * there: {@code ../shared/data}, a {@code --data} root holding {@code ravdess/}, or the folder
   * {@code datasets download} fills), else the RAVDESS folder alone ({@code --data} naming it).
   */
  static Path releaseData(Path ravdess, Path flag) {
    Path parent = ravdess.getParent();
    if (parent == null) {
      return ravdess;
    }
    List<Path> roots = new ArrayList<>();
    DataLocator.dataRoot(flag).ifPresent(r -> roots.add(r.toAbsolutePath().normalize()));
    if (flag == null) {
      roots.add(art.empathic.corpus.download.RavdessDownload.defaultTarget().getParent().toAbsolutePath().normalize());
    }
    return roots.contains(parent) ? parent : ravdess;
  }

  /** The size of the release model's data against RAVDESS's, by their WAV bytes (1 when they are the same). */
  static double releaseShare(Path ravdess, Path releaseData) throws IOException {
    if (releaseData.equals(ravdess)) {
      return 1;
    }
    double r = wavBytes(ravdess);
    return r > 0 ? Math.max(1, wavBytes(releaseData) / r) : 1;
  }

  private static long wavBytes(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      return files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".wav")).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  /**
   * EmoDB for the "another corpus" section when the release model never heard it; null (the
   * section says it was skipped) when EmoDB is among the corpora it trained on.
   */
  static Path emodbUnheard(Path ravdess, Path release) {
    Path emodb = emodbBeside(ravdess);
    if (emodb == null) {
      return null;
    }
    try {
      boolean heard = ReleaseInfo.isRelease(release) && ReleaseInfo.read(release).corpora().stream()
          .anyMatch(c -> "emodb".equals(c.kind()));
      return heard ? null : emodb;
    } catch (IOException e) {
      return emodb;
    }
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

  /** Runs (or resumes) one unfinished training; false when the user stopped it. */
  private static boolean runTask(Task task, Path ravdess, Path releaseData, Corpus corpus,
      TrainingRun.Environment env, PrintWriter pw, StopSignal stop) throws IOException {
    Path runDir = task.runDir();
    TrainingRun.Result r;
    if (Files.exists(runDir.resolve(ModelSpec.FILE))) {
      r = TrainingRun.resume(runDir, env, pw, stop, corpus);
    } else if (task.release()) {
      // Its own corpus: every corpus found, Neutral kept (the study's rows read RAVDESS's seven classes).
      return ReleaseModel.train(List.of(releaseData), runDir, env, pw, stop, null).isPresent();
    } else {
      Row row = task.row();
      ModelSpec spec = ModelSpecs.defaults(row.family(), row.epochs(), row.alpha(), row.ensemble(),
          new ModelSpecs.Data(List.of(ravdess), null, NeutralPolicy.DROP, task.split()));
      pw.println("-- " + spec.displayName() + " -> " + runDir);
      r = TrainingRun.start(spec, runDir, env, pw, stop, corpus);
    }
    pw.flush();
    return r.outcome() == TrainingRun.Outcome.FINISHED;
  }

  static String slug(Row row) {
    return row.family().cliName() + (row.alpha() != null ? "-alpha" + row.alpha() : "")
        + (row.epochs() != null ? "-" + row.epochs() + "ep" : "") + (row.ensemble() != null ? "-x" + row.ensemble() : "");
  }

  private StudyReport.Study study(List<Path> randomRuns, List<List<Path>> speakerRuns, int folds, boolean quick,
      boolean full, Path releaseData) {
    List<String> notes = new ArrayList<>();
    notes.add("Data: RAVDESS speech, seven classes (neutral dropped), 1344 clips of 24 actors; seed " + seed + ".");
    notes.add("Each model uses its family's default recipe (docs/research/MODELS.md), chosen on validation data, never on test.");
    notes.add("The release model (release/, with its MODEL_CARD.md) is trained on every clip of every corpus in "
        + releaseData + ", Neutral kept as an eighth class.");
    if (quick) {
      notes.add("--quick: the MLP with alpha 0.0001 and the 11-epoch rows are left out; speaker fold 1 only.");
    }
    if (folds < 6) {
      notes.add("Speaker-independent folds run: " + folds + " of 6 (" + (quick ? "--quick" : "the default")
          + " runs fewer to fit its time; --full runs all 6).");
    }
    List<Path> speakerAll = speakerRuns.stream().flatMap(List::stream).toList();
    String foldNote = "Folds run: " + IntStream.rangeClosed(1, folds).mapToObj(Integer::toString)
        .collect(Collectors.joining(", ")) + " of 6. Fold k tests on actors 2k-1, 2k, 2k+11, 2k+12."
        + (full ? "" : " The CNN+LSTM and the paper CNN-LSTM train one network per fold here (three under --full).");
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
