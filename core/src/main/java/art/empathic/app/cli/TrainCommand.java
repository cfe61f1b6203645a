package art.empathic.app.cli;

import art.empathic.corpus.Protocol;
import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.DataLocator;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.model.ModelFamily;
import art.empathic.train.CorpusBalance;
import art.empathic.train.DefaultFamily;
import art.empathic.train.ModelSpec;
import art.empathic.train.RecipeOverrides;
import art.empathic.train.Standardizer;
import art.empathic.train.TrainSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import art.empathic.recognize.Fusion;
import art.empathic.run.RunMetrics;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import art.empathic.train.ModelSpecs;
import art.empathic.train.StopSignal;
import art.empathic.train.TrainingRun;

/** {@code train}: one model family on a corpus, from folders to a run directory with metrics and a report. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "empathic-art train [OPTION]...", optionListHeading = "%n",
    description = {
      "Train one model family on a corpus and evaluate it on the held-out test part.",
      "Without --model it trains the family best on new voices; --split none trains the release model on every "
          + "clip instead (no test part). Defaults are each family's best recipe (docs/research/MODELS.md); every "
          + "part can be overridden.",
      "Several --data corpora train one model over the union of their classes, each corpus weighing the same "
          + "(--balance) and each clip's loss restricted to its own corpus's classes.",
      "The run directory gets spec.json, model.params, history.json, summary.json, predictions.csv, metrics.json "
          + "and report.html. Ctrl-C stops after the current batch; --resume continues."})
public final class TrainCommand implements Callable<Integer> {
  /** Exit code of a run stopped by Ctrl-C (128 + SIGINT), also used by the lab's studies. */
  public static final int EXIT_STOPPED = 130;

  picocli.CommandLine.Model.CommandSpec commandSpec;

  /** Picocli's spec of this command; {@code --help} lists the options under {@link OptionSections}. */
  @Spec
  void commandSpec(picocli.CommandLine.Model.CommandSpec spec) {
    commandSpec = spec;
    spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, new OptionSections());
  }

  @Option(names = "--model", paramLabel = "NAME", description = "functionals_mlp (the default: best on new voices, "
      + "docs/research/GENERALIZATION.md), mlp, baseline_cnn, cnn_lstm, cnn_lstm_paper or logmel_crnn (log-mel CRNN with attention pooling, an option for new "
      + "voices).")
  String model;

  @Option(names = "--fuse-with", paramLabel = "FAMILY[:W]", description = "Also train FAMILY (its own default recipe, "
      + "same data, split and seed) and write RUNDIR as the late fusion of the two (probabilities averaged, FAMILY's "
      + "weight W, default 0.5), served by predict/serve/art like any model; the members are RUNDIR/<family>. "
      + "E.g. --fuse-with logmel_crnn:0.5 (docs/research/GENERALIZATION.md, \"A log-mel CRNN with attention "
      + "pooling\"). Off by default.")
  String fuseWith;

  @Option(names = "--resume", paramLabel = "RUNDIR", description = "Continue a stopped run with its own settings.")
  Path resume;

  @Option(names = "--data", paramLabel = "DIR", description = "Corpus folder, manifest or data root of corpus folders "
      + "(repeatable; default: $EMPATHIC_ART_DATA, else ../shared/data/ravdess; with --split none every corpus there).")
  List<Path> data;

  @Option(names = "--corpus", paramLabel = "KIND", converter = CorpusArgs.KindConverter.class,
      description = "Reader: ravdess, tess, savee, crema-d, emodb, emovo, casia, nemo, folder or manifest (default: detected).")
  CorpusKind corpusKind;

  @Option(names = "--neutral", paramLabel = "RULE",
      description = "Neutral clips: drop, calm or keep. Default: keep (eight classes) for --split none, drop (the "
          + "study's seven) for the other splits.")
  NeutralPolicy neutral;

  @Option(names = "--out", paramLabel = "RUNDIR", description = "Run directory (default: runs/<model>-<time>).")
  Path out;

  @ArgGroup(exclusive = false)
  SplitOptions split = new SplitOptions();

  @ArgGroup(exclusive = false)
  TrainingOptions training = new TrainingOptions();

  @ArgGroup(exclusive = false)
  ArchitectureOptions arch = new ArchitectureOptions();

  @ArgGroup(exclusive = false)
  MfccOverrides mfcc = new MfccOverrides();

  @Mixin FeatureOptions features;

  /**
   * {@code train --help}'s option list: the options under headings, the everyday ones first. A
   * renderer rather than picocli's argument groups, because the feature options are one mixin
   * shared with {@code features export} whose options belong under different headings here.
   * Options not named here (help, version, new ones) come last under "Other".
   */
  static final class OptionSections implements IHelpSectionRenderer {
    static final Map<String, List<String>> SECTIONS = new LinkedHashMap<>();

    static {
      SECTIONS.put("Data", List.of("--data", "--corpus", "--neutral", "--split", "--fold", "--folds",
          "--test-speakers", "--test-fraction", "--validation", "--validation-fraction", "--seed"));
      SECTIONS.put("Model and recipe", List.of("--model", "--fuse-with", "--kind", "--statistics", "--frames",
          "--deltas", "--n-mfcc", "--n-fft", "--hop-length", "--n-mels", "--alpha", "--hidden", "--units",
          "--dropout", "--filters", "--kernel", "--lstm-units"));
      SECTIONS.put("Training", List.of("--epochs", "--augment", "--normalize", "--batch-size", "--lr", "--schedule",
          "--weight-decay", "--label-smoothing", "--patience", "--mixup", "--time-shift", "--time-masks", "--window",
          "--test-windows", "--ensemble", "--balance", "--arousal-weight", "--threads"));
      SECTIONS.put("Output", List.of("--out", "--resume", "--no-progress", "--cache", "--no-cache"));
    }

    @Override
    public String render(Help help) {
      CommandSpec spec = help.commandSpec();
      Set<OptionSpec> listed = new HashSet<>();
      StringBuilder text = new StringBuilder();
      for (Map.Entry<String, List<String>> section : SECTIONS.entrySet()) {
        List<OptionSpec> options = new ArrayList<>();
        for (String name : section.getValue()) {
          OptionSpec o = spec.findOption(name);
          if (o != null && !o.hidden() && listed.add(o)) {
            options.add(o);
          }
        }
        append(text, help, section.getKey(), options);
      }
      append(text, help, "Other", spec.options().stream().filter(o -> !o.hidden() && !listed.contains(o)).toList());
      return text.toString();
    }

    private static void append(StringBuilder text, Help help, String heading, List<OptionSpec> options) {
      if (options.isEmpty()) {
        return;
      }
      Help.Layout layout = help.createDefaultLayout();
      layout.addOptions(options, help.parameterLabelRenderer());
      text.append(text.length() == 0 ? "" : System.lineSeparator()).append(heading).append(System.lineSeparator())
          .append(layout);
    }
  }

  static final class SplitOptions {
    @Option(names = "--split", paramLabel = "P", defaultValue = "random",
        description = "random (default: stratified 80/20, the original study's protocol; speakers are shared "
            + "between train and test), speaker (speaker-independent k-fold) or none (no test part: every clip of "
            + "every --data corpus trains the release model; it writes release.json and MODEL_CARD.md instead of metrics).")
    Protocol protocol = Protocol.RANDOM;
    @Option(names = "--fold", paramLabel = "K", defaultValue = "1", description = "Test fold for --split speaker (1-based).")
    int fold = 1;
    @Option(names = "--folds", paramLabel = "K", defaultValue = "6", description = "Speaker folds (default 6).")
    int folds = 6;
    @Option(names = "--test-speakers", paramLabel = "ID,ID", split = ",", description = "With --split speaker: these "
        + "speakers (as corpus info names them, e.g. Actor_01,Actor_11,Actor_20,Actor_21) are the test part instead of "
        + "--fold, so any benchmark's folds can be trained; an unknown name is refused.")
    List<String> testSpeakers;
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
        + "scikit-learn's stopping rule). cnn_lstm_paper at 100 or more trains with its long-schedule recipe "
        + "(one network, weight decay and SpecAugment; docs/research/MODELS.md).")
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
    @Option(names = "--normalize", paramLabel = "MODE", description = "Feature standardisation: global, speaker (each speaker "
        + "with its own statistics) or speaker_mix (as speaker, but each training example with its speaker's statistics "
        + "blended with a new voice's at a weight of 0, 1 or random, as a session blends them) or speaker_mix_corpus (as "
        + "speaker_mix, but each training example blended toward the pooled statistics of its own corpus's speakers; "
        + "for several --data corpora).")
    Standardizer.Mode normalize;
    @Option(names = "--augment", paramLabel = "SPEC", description = "Training-side audio augmentation, e.g. "
        + "copies=2,noise=15:30,speed=0.9:1.1,pitch=-2:2,shift=0.2,channel=on (channel=on: each copy through a "
        + "simulated recording channel; the default family uses copies=3,channel=on,speed=0.8:1.2; babble=LO:HI adds a "
        + "babble copy; babbleshare=P, babblesnr=LO:HI and talkers=LO:HI change the channel mix's babble); or none.")
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
    @Option(names = "--balance", paramLabel = "MODE", converter = BalanceConverter.class, description = "Several "
        + "--data corpora: corpus (default: every corpus weighs the same in total) or none (every clip weighs 1). "
        + "Either way each clip's loss is restricted to the classes its own corpus has; spec.json records both "
        + "(training.multiCorpus).")
    CorpusBalance.Mode balance;
    @Option(names = "--arousal-weight", paramLabel = "W", description = "Multi-task: add W times a binary-arousal "
        + "loss (high: angry, fear, happy, surprise; on the summed probabilities of those classes) to the training "
        + "loss; 0: off (the default; docs/research/GENERALIZATION.md, \"The arousal loss\").")
    Double arousalWeight;
  }

  /** Parses --balance with {@link CorpusBalance.Mode#parse}, whose message names the accepted values. */
  static final class BalanceConverter implements picocli.CommandLine.ITypeConverter<CorpusBalance.Mode> {
    @Override
    public CorpusBalance.Mode convert(String value) {
      return CorpusBalance.Mode.parse(value);
    }
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
    @Option(names = "--lstm-units", paramLabel = "N", description = "LSTM state size (logmel_crnn: its GRU's; 0: none).")
    Integer lstmUnits;
  }

  /** MFCC analysis overrides of the recipe's features (the kind and its shape are in {@link FeatureOptions}). */
  static final class MfccOverrides {
    @Option(names = "--n-mfcc", paramLabel = "N", description = "MFCC coefficients per frame (default: the recipe's).")
    Integer nMfcc;
    @Option(names = "--n-fft", paramLabel = "N", description = "FFT size (default: the recipe's).")
    Integer nFft;
    @Option(names = "--hop-length", paramLabel = "N", description = "Samples between frames (default: the recipe's).")
    Integer hopLength;
    @Option(names = "--n-mels", paramLabel = "N", description = "Mel bands (default: the recipe's).")
    Integer nMels;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = commandSpec.commandLine().getOut();
    TrainingRun.Environment env = new TrainingRun.Environment(features.cache(), features.threadCount(),
        features.progress());
    TrainingRun.Result result;
    try (StopSignal stop = StopSignal.install()) {
      if (resume != null) {
        if (model != null) {
          throw new IllegalArgumentException("--resume continues a run with its own settings; drop --model and the "
              + "other options");
        }
        result = TrainingRun.resume(resume, env, pw, stop);
      } else if (fuseWith != null) {
        return fused(pw, env, stop);
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

  /**
   * {@code --fuse-with}: trains the named family (with every option) and the partner family (its
   * own recipe, same data, split and seed) into member folders of one run directory, then fuses
   * them there: {@link Fusion#fuse} on a test part, {@link Fusion#fuseRelease} for the release model.
   */
  private int fused(PrintWriter pw, TrainingRun.Environment env, StopSignal stop) throws Exception {
    String[] parts = fuseWith.split(":", 2);
    ModelFamily partner = ModelFamily.fromCliName(parts[0]);
    double w;
    try {
      w = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.5;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--fuse-with: the weight after ':' must be a number in (0, 1), got '"
          + parts[1] + "'");
    }
    if (!(w > 0 && w < 1)) {
      throw new IllegalArgumentException("--fuse-with: the weight must be in (0, 1), got " + parts[1]);
    }
    ModelSpec first = spec();
    // The partner trains its own recipe: none of the first family's overrides apply to it.
    ModelSpec second = spec(partner, null, RecipeOverrides.builder().build());
    if (first.model().equals(second.model())) {
      throw new IllegalArgumentException("--fuse-with: " + partner.cliName() + " is the family already trained");
    }
    boolean release = first.split().protocol() == Protocol.NONE;
    Path dir = out != null ? out : defaultRunDir("fused-" + first.model() + "-" + second.model()
        + (release ? "-release" : ""));
    List<Path> members = List.of(dir.resolve(first.model()), dir.resolve(second.model()));
    List<ModelSpec> specs = List.of(first, second);
    for (int i = 0; i < 2; i++) {
      pw.println("training " + specs.get(i).displayName() + " -> " + members.get(i));
      if (TrainingRun.start(specs.get(i), members.get(i), env, pw, stop).outcome() == TrainingRun.Outcome.STOPPED) {
        pw.println("stopped: resume each member with train --resume, then fuse them (./empathic-art fuse)");
        return EXIT_STOPPED;
      }
    }
    List<Double> weights = List.of(1 - w, w);
    if (release) {
      Fusion.fuseRelease(members, weights, dir, null);
      pw.printf(Locale.ROOT, "fused release model (%s x %.2f + %s x %.2f) -> %s%n", first.model(), 1 - w,
          second.model(), w, dir);
    } else {
      RunMetrics m = Fusion.fuse(members, weights, dir, null);
      pw.printf(Locale.ROOT, "fused test: accuracy %.4f, macro F1 %.4f -> %s%n", m.accuracy(), m.f1Macro(), dir);
    }
    return 0;
  }

  static Path defaultRunDir(String model) {
    return DataLocator.projectRoot().resolve("runs")
        .resolve(model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /** The full spec: the family's recipe with every override applied. */
  ModelSpec spec() {
    ModelFamily family = model == null ? DefaultFamily.FAMILY : ModelFamily.fromCliName(model);
    return spec(family, training.epochs, overrides());
  }

  /** A family's recipe with {@code o} applied, on this command's data and split. */
  private ModelSpec spec(ModelFamily family, Integer epochs, RecipeOverrides o) {
    // A release model without --data hears every corpus found (as predict's automatic one does).
    java.util.Optional<Path> found = split.protocol == Protocol.NONE ? ReleaseModel.dataFound() : java.util.Optional.empty();
    List<Path> dirs = data != null && !data.isEmpty() ? data : found.isPresent() ? List.of(found.get())
        : List.of(DataLocator.ravdess(null).orElseThrow(() ->
        new IllegalArgumentException("no data: pass --data DIR or set " + DataLocator.ENV
            + " (./empathic-art datasets download ravdess fetches RAVDESS)")));
    if (split.testSpeakers != null && !split.testSpeakers.isEmpty() && split.protocol != Protocol.SPEAKER) {
      throw new IllegalArgumentException("--test-speakers needs --split speaker");
    }
    SplitSpec s = switch (split.protocol) {
      case RANDOM -> SplitSpec.random(split.testFraction, split.seed);
      case SPEAKER -> split.testSpeakers != null && !split.testSpeakers.isEmpty()
          ? SplitSpec.speakers(split.testSpeakers, split.seed) : SplitSpec.speakerFold(split.folds, split.fold, split.seed);
      case NONE -> SplitSpec.none(split.seed);
    };
    s = s.withValidation(split.validation, split.validationFraction);
    return ModelSpecs.withOverrides(family, epochs, o, new ModelSpecs.Data(dirs, corpusKind,
        neutral != null ? neutral : ReleaseModel.defaultNeutral(split.protocol), s));
  }

  /** The options that change the family's recipe, as one record. */
  RecipeOverrides overrides() {
    return overrides(features, mfcc, arch, training);
  }

  /** The recipe options of any command that has {@code train}'s option groups, as one record. */
  static RecipeOverrides overrides(FeatureOptions features, MfccOverrides mfcc, ArchitectureOptions arch,
      TrainingOptions t) {
    return RecipeOverrides.builder()
        .kind(features.kind).nMfcc(mfcc.nMfcc).nFft(mfcc.nFft).hopLength(mfcc.hopLength).nMels(mfcc.nMels)
        .frames(features.frames).deltas(features.deltas).statistics(features.statisticsList())
        .alpha(arch.alpha).hidden(arch.hidden).units(arch.units).dropout(arch.dropout).filters(arch.filters)
        .kernel(arch.kernel).lstmUnits(arch.lstmUnits)
        .epochs(t.epochs).batchSize(t.batchSize).learningRate(t.lr).schedule(t.schedule).weightDecay(t.weightDecay)
        .labelSmoothing(t.labelSmoothing).patience(t.patience).normalize(t.normalize).augment(t.augment)
        .mixup(t.mixup).timeShift(t.timeShift).timeMasks(t.timeMasks).window(t.window).testWindows(t.testWindows)
        .ensemble(t.ensemble).balance(t.balance).arousalWeight(t.arousalWeight)
        .build();
  }
}
