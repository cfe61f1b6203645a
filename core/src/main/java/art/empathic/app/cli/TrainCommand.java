package art.empathic.app.cli;

import art.empathic.corpus.Protocol;
import art.empathic.features.AugmentSpec;
import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.DataLocator;
import art.empathic.features.FeatureCache;
import art.empathic.features.FeatureKind;
import art.empathic.features.FeatureSpec;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.features.TimeStatistic;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import art.empathic.train.DefaultFamily;
import art.empathic.train.FeatureAugmentation;
import art.empathic.train.ModelSpec;
import art.empathic.train.Recipe;
import art.empathic.train.Standardizer;
import art.empathic.train.TrainSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import art.empathic.train.ModelSpecs;
import art.empathic.train.StopSignal;
import art.empathic.train.TrainingRun;
import java.util.Collections;

/** {@code train}: one model family on a corpus, from folders to a run directory with metrics and a report. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Train one model family and evaluate it on the held-out test part; --split none trains the release model on",
      "every clip instead (no test part). Without --model, the family best on new voices.",
      "Defaults are each family's best recipe (docs/MODELS.md); every part can be overridden.",
      "The run directory gets spec.json, model.params, history.json, summary.json, predictions.csv,",
      "metrics.json and report.html. Ctrl-C stops after the current batch; --resume continues."})
public final class TrainCommand implements Callable<Integer> {
  static final int EXIT_STOPPED = 130;

  @Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--model", paramLabel = "NAME", description = "functionals_mlp (the default: best on new voices, "
      + "docs/GENERALIZATION.md), mlp, baseline_cnn, cnn_lstm or cnn_lstm_paper.")
  String model;

  @Option(names = "--resume", paramLabel = "RUNDIR", description = "Continue a stopped run with its own settings.")
  Path resume;

  @Option(names = "--data", paramLabel = "DIR", description = "Corpus folder or manifest (repeatable; default: "
      + "$EMPATHIC_ART_DATA, else ../shared/data/ravdess).")
  List<Path> data;

  @Option(names = "--corpus", paramLabel = "KIND", converter = CorpusArgs.KindConverter.class,
      description = "Reader: ravdess, tess, savee, crema-d, emodb, folder or manifest (default: detected).")
  CorpusKind corpusKind;

  @Option(names = "--neutral", paramLabel = "RULE", defaultValue = "drop",
      description = "Neutral clips: drop (default), calm or keep.")
  NeutralPolicy neutral;

  @Option(names = "--out", paramLabel = "RUNDIR", description = "Run directory (default: runs/<model>-<time>).")
  Path out;

  @ArgGroup(exclusive = false, heading = "%nSplit%n")
  SplitOptions split = new SplitOptions();

  @ArgGroup(exclusive = false, heading = "%nTraining%n")
  TrainingOptions training = new TrainingOptions();

  @ArgGroup(exclusive = false, heading = "%nArchitecture%n")
  ArchitectureOptions arch = new ArchitectureOptions();

  @ArgGroup(exclusive = false, heading = "%nFeatures%n")
  FeatureOptions features = new FeatureOptions();

  static final class SplitOptions {
    @Option(names = "--split", paramLabel = "P", defaultValue = "random",
        description = "random (default: stratified 80/20, the original study's protocol; speakers are shared "
            + "between train and test), speaker (speaker-independent k-fold) or none (no test part: every clip of "
            + "every --data corpus trains the release model; it writes release.json instead of metrics).")
    Protocol protocol = Protocol.RANDOM;
    @Option(names = "--fold", paramLabel = "K", defaultValue = "1", description = "Test fold for --split speaker (1-based).")
    int fold = 1;
    @Option(names = "--folds", paramLabel = "K", defaultValue = "6", description = "Speaker folds (default 6).")
    int folds = 6;
    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2", description = "Test share, random split.")
    double testFraction = 0.2;
    @Option(names = "--validation", paramLabel = "V", defaultValue = "none",
        description = "Validation cut from the training side: none (default), random or speaker.")
    SplitSpec.Validation validation = SplitSpec.Validation.NONE;
    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
        description = "Share of the training side for validation (default 0.1).")
    double validationFraction = 0.1;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seeds the split and the training.")
    long seed = 42;
  }

  static final class TrainingOptions {
    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (MLP: the maximum; fixing it turns off "
        + "scikit-learn's stopping rule).")
    Integer epochs;
    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step.")
    Integer batchSize;
    @Option(names = "--lr", paramLabel = "X", description = "Peak learning rate of Adam.")
    Double lr;
    @Option(names = "--schedule", paramLabel = "S", description = "constant, one_cycle or cosine.")
    TrainSettings.Schedule schedule;
    @Option(names = "--weight-decay", paramLabel = "X", description = "Decoupled weight decay (AdamW).")
    Double weightDecay;
    @Option(names = "--label-smoothing", paramLabel = "X", description = "Label smoothing epsilon.")
    Double labelSmoothing;
    @Option(names = "--patience", paramLabel = "N", description = "Early stopping on validation loss (needs "
        + "--validation); the best weights are kept.")
    Integer patience;
    @Option(names = "--normalize", paramLabel = "MODE", description = "global or speaker feature standardisation.")
    Standardizer.Mode normalize;
    @Option(names = "--augment", paramLabel = "SPEC", description = "Training-side audio augmentation, e.g. "
        + "copies=2,noise=15:30,speed=0.9:1.1,pitch=-2:2,shift=0.2,channel=on (channel=on: each copy through a "
        + "simulated recording channel; the default family uses copies=2,channel=on); or none.")
    String augment;
    @Option(names = "--mixup", paramLabel = "A", description = "Mixup Beta(A, A) of training batches (0: off).")
    Double mixup;
    @Option(names = "--time-shift", paramLabel = "FRAMES", description = "Random circular time shift (sequences).")
    Integer timeShift;
    @Option(names = "--time-masks", paramLabel = "N", description = "SpecAugment time masks per example (sequences).")
    Integer timeMasks;
    @Option(names = "--window", paramLabel = "FRAMES", description = "Sequences: train on random windows of this "
        + "many frames, predict on the centre window (0: whole sequences).")
    Integer window;
    @Option(names = "--test-windows", paramLabel = "N", description = "With --window: average this many windows "
        + "spread over each sequence at evaluation and prediction (1: the centre one).")
    Integer testWindows;
    @Option(names = "--ensemble", paramLabel = "K", description = "Average K networks trained with different seeds.")
    Integer ensemble;
  }

  static final class ArchitectureOptions {
    @Option(names = "--alpha", paramLabel = "A", description = "MLP: L2 penalty (scikit-learn's alpha).")
    Double alpha;
    @Option(names = "--hidden", paramLabel = "N,N", split = ",", description = "MLP: hidden layer sizes.")
    List<Integer> hidden;
    @Option(names = "--units", paramLabel = "N", description = "baseline_cnn: units of the two dense layers.")
    Integer units;
    @Option(names = "--dropout", paramLabel = "D", description = "Dropout rate (baseline_cnn: all three).")
    Double dropout;
    @Option(names = "--filters", paramLabel = "N,N", split = ",", description = "Convolution filters per block.")
    List<Integer> filters;
    @Option(names = "--kernel", paramLabel = "N", description = "Convolution kernel width (odd).")
    Integer kernel;
    @Option(names = "--lstm-units", paramLabel = "N", description = "LSTM state size.")
    Integer lstmUnits;
  }

  static final class FeatureOptions {
    @Option(names = "--feature", paramLabel = "KIND", converter = KindConverter.class,
        description = "mfcc-mean, mfcc-stats, mfcc-seq, mel-db or functionals.")
    FeatureKind kind;
    @Option(names = "--n-mfcc", paramLabel = "N") Integer nMfcc;
    @Option(names = "--n-fft", paramLabel = "N") Integer nFft;
    @Option(names = "--hop-length", paramLabel = "N") Integer hopLength;
    @Option(names = "--n-mels", paramLabel = "N") Integer nMels;
    @Option(names = "--frames", paramLabel = "N", description = "Frames per sequence.") Integer frames;
    @Option(names = "--deltas", paramLabel = "ORDER", description = "0, 1 or 2.") Integer deltas;
    @Option(names = "--statistics", paramLabel = "LIST", description = "mfcc-stats: statistics over time, e.g. "
        + "mean,std,p10,p90,dstd (also min, max, median, dmean, d2std).") String statistics;
    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder.") Path cache;
    @Option(names = "--no-cache", description = "Neither read nor write the feature cache.") boolean noCache;
    @Option(names = "--no-progress", description = "No progress bars.") boolean noProgress;
  }

  static final class KindConverter implements picocli.CommandLine.ITypeConverter<FeatureKind> {
    @Override
    public FeatureKind convert(String value) {
      return FeatureKind.parse(value);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = commandSpec.commandLine().getOut();
    TrainingRun.Environment env = new TrainingRun.Environment(
        features.noCache ? FeatureCache.disabled() : features.cache != null ? FeatureCache.at(features.cache)
            : FeatureCache.atDefaultLocation(),
        Runtime.getRuntime().availableProcessors(), !features.noProgress);
    TrainingRun.Result result;
    try (StopSignal stop = StopSignal.install()) {
      if (resume != null) {
        if (model != null) {
          throw new IllegalArgumentException("--resume continues a run with its own settings; drop --model and the "
              + "other options");
        }
        result = TrainingRun.resume(resume, env, pw, stop);
      } else {
        ModelSpec spec = spec();
        Path dir = out != null ? out : defaultRunDir(spec.model()
            + (spec.split().protocol() == Protocol.NONE ? "-release" : ""));
        pw.println("training " + spec.displayName() + " -> " + dir);
        result = TrainingRun.start(spec, dir, env, pw, stop);
      }
    }
    return result.outcome() == TrainingRun.Outcome.STOPPED ? EXIT_STOPPED : 0;
  }

  static Path defaultRunDir(String model) {
    return DataLocator.projectRoot().resolve("runs")
        .resolve(model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** The full spec: the family's recipe with every override applied. */
  ModelSpec spec() {
    ModelFamily family = model == null ? DefaultFamily.FAMILY : ModelFamily.fromCliName(model);
    Recipe r = Recipe.defaults(family);
    List<Path> dirs = data != null && !data.isEmpty() ? data : List.of(DataLocator.ravdess(null).orElseThrow(() ->
        new IllegalArgumentException("no data: pass --data DIR or set " + DataLocator.ENV
            + " (./empathic-art datasets download ravdess fetches RAVDESS)")));
    SplitSpec s = switch (split.protocol) {
      case RANDOM -> SplitSpec.random(split.testFraction, split.seed);
      case SPEAKER -> SplitSpec.speakerFold(split.folds, split.fold, split.seed);
      case NONE -> SplitSpec.none(split.seed);
    };
    s = s.withValidation(split.validation, split.validationFraction);
    FeatureSpec feature = featureSpec(r.feature());
    Architecture architecture = architecture(r.architecture());
    TrainSettings t = trainSettings(r.training());
    if (t.patience() > 0 && s.validation() == SplitSpec.Validation.NONE) {
      throw new IllegalArgumentException("--patience needs a validation part: add --validation random or speaker");
    }
    Standardizer.Mode norm = training.normalize != null ? training.normalize : r.normalization();
    String augmentText = training.augment == null ? r.augmentText()
        : training.augment.equalsIgnoreCase("none") ? null : training.augment;
    AugmentSpec augment = augmentText == null ? null : AugmentSpec.parse(augmentText, split.seed);
    int ensemble = training.ensemble != null ? training.ensemble : r.ensemble();
    return ModelSpecs.of(family, feature, architecture, t, norm, augment, ensemble,
        new ModelSpecs.Data(dirs, corpusKind, neutral, s));
  }

  private FeatureSpec featureSpec(FeatureSpec base) {
    FeatureOptions o = features;
    MfccConfig c = base.mfcc();
    if (o.nFft != null) c = c.withNFft(o.nFft);
    if (o.hopLength != null) c = c.withHopLength(o.hopLength);
    if (o.nMels != null) c = c.withNMels(o.nMels);
    if (o.nMfcc != null) c = c.withNMfcc(o.nMfcc);
    FeatureKind kind = o.kind != null ? o.kind : base.kind();
    FeatureSpec f = FeatureSpec.of(kind, c).withAlign(base.align()).withDeltas(o.deltas != null ? o.deltas
        : kind == base.kind() ? base.deltaOrder() : 0);
    if (kind == FeatureKind.MFCC_STATS) {
      f = f.withStatistics(o.statistics != null ? TimeStatistic.parseList(o.statistics)
          : base.statistics() != null ? base.statistics() : TimeStatistic.DEFAULT);
    } else if (o.statistics != null) {
      throw new IllegalArgumentException("--statistics applies to --feature mfcc-stats, not " + kind);
    }
    if (kind.isSequence()) {
      f = f.withFrames(o.frames != null ? o.frames : base.kind().isSequence() ? base.frames() : FeatureSpec.DEFAULT_FRAMES);
    } else if (o.frames != null) {
      throw new IllegalArgumentException("--frames applies to sequence features (mfcc-seq, mel-db), not " + kind);
    }
    return f;
  }

  private Architecture architecture(Architecture base) {
    ArchitectureOptions o = arch;
    if (base instanceof Architecture.Mlp m) {
      return new Architecture.Mlp(o.hidden != null ? o.hidden : m.hidden(), o.alpha != null ? o.alpha : m.alpha());
    }
    if (o.alpha != null || o.hidden != null) {
      throw new IllegalArgumentException("--alpha and --hidden apply to the MLP families (mlp, functionals_mlp) only");
    }
    if (base instanceof Architecture.BaselineCnn b) {
      return new Architecture.BaselineCnn(o.units != null ? o.units : b.units(),
          o.dropout != null ? List.of(o.dropout, o.dropout, o.dropout) : b.dropouts());
    }
    if (base instanceof Architecture.CnnLstm c) {
      return new Architecture.CnnLstm(o.filters != null ? o.filters : c.filters(), o.kernel != null ? o.kernel
          : c.kernel(), c.pool(), o.lstmUnits != null ? o.lstmUnits : c.lstmUnits(),
          o.dropout != null ? o.dropout : c.dropout(), c.timePooling());
    }
    Architecture.PaperCnnLstm p = (Architecture.PaperCnnLstm) base;
    List<Integer> filters = o.filters != null ? o.filters : p.filters();
    List<Integer> pools = filters.size() == p.pools().size() ? p.pools()
        : Collections.nCopies(filters.size(), 2);
    return new Architecture.PaperCnnLstm(filters, o.kernel != null ? o.kernel : p.kernel(), pools,
        o.lstmUnits != null ? o.lstmUnits : p.lstmUnits(), o.dropout != null ? o.dropout : p.dropout(),
        p.timePooling());
  }

  private TrainSettings trainSettings(TrainSettings base) {
    TrainingOptions o = training;
    FeatureAugmentation a = base.augmentation();
    if (o.mixup != null || o.timeShift != null || o.timeMasks != null) {
      a = new FeatureAugmentation(o.timeMasks != null ? o.timeMasks : a.timeMasks(),
          o.timeMasks != null && a.timeMaskWidth() == 0 ? 16 : a.timeMaskWidth(), a.channelMasks(),
          a.channelMaskWidth(), o.timeShift != null ? o.timeShift : a.maxShift(), a.noiseStd(),
          o.mixup != null ? o.mixup : a.mixupAlpha());
    }
    boolean sklearnStopping = base.sklearnStopping() && o.epochs == null;
    TrainSettings.Builder b = base.toBuilder().augmentation(a).sklearnStopping(sklearnStopping).seed(split.seed);
    if (o.epochs != null) b.epochs(o.epochs);
    if (o.batchSize != null) b.batchSize(o.batchSize);
    if (o.lr != null) b.learningRate(o.lr);
    if (o.schedule != null) b.schedule(o.schedule);
    if (o.weightDecay != null) b.weightDecay(o.weightDecay);
    if (o.labelSmoothing != null) b.labelSmoothing(o.labelSmoothing);
    if (o.patience != null) b.patience(o.patience);
    if (o.window != null) b.window(o.window);
    if (o.testWindows != null) b.testWindows(o.testWindows);
    return b.build();
  }
}
