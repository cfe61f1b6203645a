package art.empathic.app.cli;

import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.Protocol;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureCache;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.FeatureSet;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.Split;
import art.empathic.corpus.Splitter;
import art.empathic.eval.CrossCorpusMetrics;
import art.empathic.run.RunEvaluation;
import art.empathic.run.RunMetrics;
import art.empathic.report.RunReport;
import art.empathic.run.RunSpec;
import art.empathic.run.SplitInfo;
import art.empathic.train.ModelSpec;
import art.empathic.train.SavedModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import art.empathic.eval.ArgMax;
import art.empathic.run.RunFiles;
import art.empathic.train.TrainingRun;
import java.util.Arrays;
import java.util.stream.IntStream;

/** {@code evaluate}: re-evaluates a saved model on its own test split or on another corpus. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {
      "Re-evaluate a saved model and write its metrics.json and report.",
      "Without --data: the run's own test split, rebuilt from its spec (written into RUNDIR).",
      "With --data: a cross-corpus test on every clip of another corpus (e.g. trained on RAVDESS, "
          + "tested on EmoDB); the report names the classes the corpus lacks and scores the shared ones.",
      "Written to --out, default RUNDIR/evaluations/<corpus folder name>."})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Parameters(index = "0", paramLabel = "RUNDIR", description = "A finished training run.")
  Path runDir;

  @Option(names = "--data", paramLabel = "DIR", description = "Another corpus to test on (repeatable).")
  List<Path> data;

  @Option(names = "--corpus", paramLabel = "KIND", converter = CorpusArgs.KindConverter.class,
      description = "Reader for --data (default: detected).")
  CorpusKind kind;

  @Option(names = "--neutral", paramLabel = "RULE", description = "Neutral clips of --data: drop, calm or keep "
      + "(default: the run's own rule).")
  NeutralPolicy neutral;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write the evaluation.")
  Path out;

  @Option(names = "--no-progress", description = "Show no progress while reading the corpus and making features: "
      + "no bar on a terminal, no line every 30 s on a redirected standard error. The results stay.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = commandSpec.commandLine().getOut();
    ModelSpec spec = ModelSpec.read(runDir);
    try (SavedModel model = SavedModel.load(runDir)) {
      if (data == null || data.isEmpty()) {
        ownSplit(model, spec, pw);
      } else {
        crossCorpus(model, spec, pw);
      }
    }
    return 0;
  }

  private FeatureSet features(ModelSpec spec, List<Clip> clips) {
    return new FeaturePipeline(spec.feature(), FeatureCache.atDefaultLocation(),
        Runtime.getRuntime().availableProcessors(), !noProgress).extract(clips);
  }

  /** Names every file left out, reading the corpus or its audio: the batch goes on without them. */
  private static void listSkipped(Corpus corpus, FeatureSet set, PrintWriter pw) {
    corpus.skipped().forEach(k -> pw.println("skipped: " + k.path() + ": " + k.reason()));
    set.report().skipped().forEach(s -> pw.println("skipped: " + s));
  }

  private static float[][] predict(SavedModel model, FeatureSet set) {
    return model.predictFeatures(set.rows().toArray(float[][]::new), set.speakers().toArray(String[]::new));
  }

  private void ownSplit(SavedModel model, ModelSpec spec, PrintWriter pw) throws Exception {
    Corpus corpus = Corpus.load(spec.data().stream().map(Path::of).toList(),
        new CorpusOptions(spec.corpusKind(), spec.neutral()), !noProgress);
    Split split = Splitter.split(corpus.clips(), spec.split());
    pw.println("split: " + split.description() + " (" + split.sizes() + ")");
    FeatureSet test = features(spec, split.test());
    listSkipped(corpus, test, pw);
    Double recorded = Files.exists(runDir.resolve(RunMetrics.FILE)) ? RunMetrics.read(runDir).accuracy() : null;
    Path dir = out != null ? out : runDir;
    if (!dir.equals(runDir)) {
      RunFiles.copyDescription(runDir, dir);
    }
    RunFiles.writePredictions(dir, RunFiles.paths(test.clips()), test.emotions().stream().map(Emotion::label).toList(),
        predict(model, test), spec.classes());
    RunMetrics previous = recorded == null ? null : RunMetrics.read(runDir);
    RunMetrics m = RunEvaluation.writeMetrics(dir, TrainingRun.splitInfo(split),
        previous == null ? spec.training().epochs() : previous.epochs(),
        previous == null ? 0 : previous.trainingSeconds());
    RunReport.write(dir);
    pw.printf(Locale.ROOT, "test: accuracy %.4f, macro F1 %.4f, loss %.4f (%d clips)%s%n", m.accuracy(), m.f1Macro(),
        m.loss(), test.size(), recorded == null ? ""
            : Math.abs(recorded - m.accuracy()) < 1e-9 ? "; equal to the recorded result"
            : String.format(Locale.ROOT, "; the run recorded %.4f (the data or code changed since)", recorded));
    pw.println("report: " + dir.resolve(RunReport.HTML));
  }

  private void crossCorpus(SavedModel model, ModelSpec spec, PrintWriter pw) throws Exception {
    Corpus corpus = Corpus.load(data, new CorpusOptions(kind, neutral != null ? neutral : spec.neutral()), !noProgress);
    if (corpus.clips().isEmpty()) {
      throw new IllegalArgumentException(data + ": no usable clips to evaluate on");
    }
    List<String> corpusClasses = corpus.emotions().stream().map(Emotion::label).toList();
    FeatureSet set = features(spec, corpus.clips());
    listSkipped(corpus, set, pw);
    float[][] probs = predict(model, set);
    List<String> truth = set.emotions().stream().map(Emotion::label).toList();
    int[] yPred = new int[probs.length];
    double[][] p = new double[probs.length][];
    for (int i = 0; i < probs.length; i++) {
      yPred[i] = ArgMax.of(probs[i]);
      p[i] = new double[probs[i].length];
      for (int k = 0; k < p[i].length; k++) {
        p[i][k] = probs[i][k];
      }
    }
    // Clips of classes the model does not know are dropped (and counted) by the metrics.
    CrossCorpusMetrics x = CrossCorpusMetrics.compute(spec.classes(), corpusClasses, truth, yPred, p);
    int[] known = IntStream.range(0, truth.size())
        .filter(i -> spec.classes().contains(truth.get(i))).toArray();
    Path dir = out != null ? out : runDir.resolve(RunFiles.EVALUATIONS).resolve(data.get(0).toAbsolutePath().normalize()
        .getFileName().toString());
    RunFiles.copyDescription(runDir, dir);
    RunFiles.writePredictions(dir, RunFiles.paths(Arrays.stream(known).mapToObj(set.clips()::get).toList()),
        Arrays.stream(known).mapToObj(truth::get).toList(),
        Arrays.stream(known).mapToObj(i -> probs[i]).toArray(float[][]::new), spec.classes());
    RunMetrics previous = Files.exists(runDir.resolve(RunMetrics.FILE)) ? RunMetrics.read(runDir) : null;
    SplitInfo split = SplitInfo.builder(Protocol.SPEAKER).testSpeakers(List.copyOf(corpus.perSpeaker().keySet()))
        .speakersShared(false).sizes(previous == null ? null : previous.nTrain(), 0, known.length).build();
    RunMetrics m = RunMetrics.ofCrossCorpus(RunSpec.read(dir), x, split, previous == null ? 0 : previous.epochs(),
        previous == null ? 0 : previous.trainingSeconds(), String.join(", ", data.stream().map(Path::toString).toList()));
    m.write(dir);
    RunReport.write(dir);
    pw.println(x.explanation());
    pw.printf(Locale.ROOT, "cross-corpus: accuracy %.4f, macro F1 %.4f over %d clips%n", m.accuracy(), m.f1Macro(),
        known.length);
    pw.println("report: " + dir.resolve(RunReport.HTML));
  }
}
