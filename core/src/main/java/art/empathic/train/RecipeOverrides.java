package art.empathic.train;

import art.empathic.features.FeatureKind;
import art.empathic.features.FeatureSpec;
import art.empathic.features.TimeStatistic;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.model.Architecture;
import java.util.Collections;
import java.util.List;

/**
 * What a user changed of a family's {@link Recipe}: every component is null when not given, and
 * {@link #applyTo} returns the recipe with the given parts replaced. {@code train} fills it from its
 * options; tests and other callers build it with {@link #builder()}. Error messages name the CLI
 * options because that is where the values come from.
 */
public record RecipeOverrides(Features features, Network network, Training training) {

  /** Nothing overridden: {@code applyTo} returns the recipe's own settings. */
  public static final RecipeOverrides NONE = builder().build();

  /** Input features: kind, MFCC analysis, frames, deltas, statistics. */
  public record Features(FeatureKind kind, Integer nMfcc, Integer nFft, Integer hopLength, Integer nMels,
      Integer frames, Integer deltas, List<TimeStatistic> statistics) {}

  /** Architecture: the MLP's layers and penalty, the CNNs' units, filters, kernel, LSTM size, dropout. */
  public record Network(Double alpha, List<Integer> hidden, Integer units, Double dropout, List<Integer> filters,
      Integer kernel, Integer lstmUnits) {}

  /**
   * Training: optimiser, schedule, stopping, normalisation, augmentation and ensemble.
   *
   * @param augment audio augmentation in {@link art.empathic.features.AugmentSpec#parse} form, or "none"
   * @param balance corpus weighting of multi-corpus training (each clip's loss stays restricted to its corpus's classes)
   * @param arousalWeight weight of the auxiliary binary-arousal loss ({@link TrainSettings#arousalWeight})
   */
  public record Training(Integer epochs, Integer batchSize, Double learningRate, TrainSettings.Schedule schedule,
      Double weightDecay, Double labelSmoothing, Integer patience, Standardizer.Mode normalize, String augment,
      Double mixup, Integer timeShift, Integer timeMasks, Integer window, Integer testWindows, Integer ensemble,
      CorpusBalance.Mode balance, Double arousalWeight) {}

  /**
   * The recipe with these overrides applied; {@code seed} seeds the training. IllegalArgumentException
   * when an override does not fit the recipe (e.g. {@code --statistics} on a sequence kind).
   */
  public Recipe applyTo(Recipe base, long seed) {
    Training t = training;
    String augmentText = t.augment() == null ? base.augmentText()
        : t.augment().equalsIgnoreCase("none") ? null : t.augment();
    return new Recipe(feature(base.feature()), architecture(base.architecture()), trainSettings(base.training(), seed),
        t.normalize() != null ? t.normalize() : base.normalization(), augmentText,
        t.ensemble() != null ? t.ensemble() : base.ensemble());
  }

  private FeatureSpec feature(FeatureSpec base) {
    Features o = features;
    MfccConfig c = base.mfcc();
    if (o.nFft() != null) c = c.withNFft(o.nFft());
    if (o.hopLength() != null) c = c.withHopLength(o.hopLength());
    if (o.nMels() != null) c = c.withNMels(o.nMels());
    if (o.nMfcc() != null) c = c.withNMfcc(o.nMfcc());
    FeatureKind kind = o.kind() != null ? o.kind() : base.kind();
    FeatureSpec f = FeatureSpec.of(kind, c).withAlign(base.align()).withDeltas(o.deltas() != null ? o.deltas()
        : kind == base.kind() ? base.deltaOrder() : 0);
    if (kind == FeatureKind.MFCC_STATS) {
      f = f.withStatistics(o.statistics() != null ? o.statistics()
          : base.statistics() != null ? base.statistics() : TimeStatistic.DEFAULT);
    } else if (o.statistics() != null) {
      throw new IllegalArgumentException(statisticsMisplaced(kind));
    }
    if (kind.isSequence()) {
      f = f.withFrames(o.frames() != null ? o.frames()
          : base.kind().isSequence() ? base.frames() : FeatureSpec.DEFAULT_FRAMES);
    } else if (o.frames() != null) {
      throw new IllegalArgumentException(framesMisplaced(kind));
    }
    return f;
  }

  /** The one wording for {@code --statistics} given with a kind that has none (train and features export). */
  public static String statisticsMisplaced(FeatureKind kind) {
    return "--statistics applies to --kind mfcc-stats, not " + kind;
  }

  /** The one wording for {@code --frames} given with a kind that is not a sequence. */
  public static String framesMisplaced(FeatureKind kind) {
    return "--frames applies to sequence kinds (mfcc-seq, mel-db, mel-cmn), not " + kind;
  }

  private Architecture architecture(Architecture base) {
    Network o = network;
    if (base instanceof Architecture.Mlp m) {
      return new Architecture.Mlp(o.hidden() != null ? o.hidden() : m.hidden(), o.alpha() != null ? o.alpha() : m.alpha());
    }
    if (o.alpha() != null || o.hidden() != null) {
      throw new IllegalArgumentException("--alpha and --hidden apply to the MLP families (mlp, functionals_mlp) only");
    }
    if (base instanceof Architecture.BaselineCnn b) {
      return new Architecture.BaselineCnn(o.units() != null ? o.units() : b.units(),
          o.dropout() != null ? List.of(o.dropout(), o.dropout(), o.dropout()) : b.dropouts());
    }
    if (base instanceof Architecture.CnnLstm c) {
      return new Architecture.CnnLstm(o.filters() != null ? o.filters() : c.filters(),
          o.kernel() != null ? o.kernel() : c.kernel(), c.pool(), o.lstmUnits() != null ? o.lstmUnits() : c.lstmUnits(),
          o.dropout() != null ? o.dropout() : c.dropout(), c.timePooling());
    }
    if (base instanceof Architecture.LogmelCrnn c) {
      if (o.kernel() != null) {
        throw new IllegalArgumentException("--kernel does not apply to logmel_crnn (its convolutions are 3x3)");
      }
      // --lstm-units sets the width of its recurrent layer (a GRU; 0: none).
      return new Architecture.LogmelCrnn(o.filters() != null ? o.filters() : c.filters(),
          o.lstmUnits() != null ? o.lstmUnits() : c.gruUnits(), o.dropout() != null ? o.dropout() : c.dropout(),
          c.timePooling());
    }
    Architecture.PaperCnnLstm p = (Architecture.PaperCnnLstm) base;
    List<Integer> filters = o.filters() != null ? o.filters() : p.filters();
    List<Integer> pools = filters.size() == p.pools().size() ? p.pools() : Collections.nCopies(filters.size(), 2);
    return new Architecture.PaperCnnLstm(filters, o.kernel() != null ? o.kernel() : p.kernel(), pools,
        o.lstmUnits() != null ? o.lstmUnits() : p.lstmUnits(), o.dropout() != null ? o.dropout() : p.dropout(),
        p.timePooling());
  }

  private TrainSettings trainSettings(TrainSettings base, long seed) {
    Training o = training;
    FeatureAugmentation a = base.augmentation();
    if (o.mixup() != null || o.timeShift() != null || o.timeMasks() != null) {
      // A time mask needs a width: 16 frames when the recipe had none.
      a = new FeatureAugmentation(o.timeMasks() != null ? o.timeMasks() : a.timeMasks(),
          o.timeMasks() != null && a.timeMaskWidth() == 0 ? 16 : a.timeMaskWidth(), a.channelMasks(),
          a.channelMaskWidth(), o.timeShift() != null ? o.timeShift() : a.maxShift(), a.noiseStd(),
          o.mixup() != null ? o.mixup() : a.mixupAlpha());
    }
    // A fixed epoch count turns off scikit-learn's stopping rule.
    boolean sklearnStopping = base.sklearnStopping() && o.epochs() == null;
    TrainSettings.Builder b = base.toBuilder().augmentation(a).sklearnStopping(sklearnStopping).seed(seed);
    if (o.epochs() != null) b.epochs(o.epochs());
    if (o.batchSize() != null) b.batchSize(o.batchSize());
    if (o.learningRate() != null) b.learningRate(o.learningRate());
    if (o.schedule() != null) b.schedule(o.schedule());
    if (o.weightDecay() != null) b.weightDecay(o.weightDecay());
    if (o.labelSmoothing() != null) b.labelSmoothing(o.labelSmoothing());
    if (o.patience() != null) b.patience(o.patience());
    if (o.window() != null) b.window(o.window());
    if (o.testWindows() != null) b.testWindows(o.testWindows());
    if (o.arousalWeight() != null) b.arousalWeight(o.arousalWeight());
    if (o.balance() != null) b.multiCorpus(new MultiCorpus(o.balance(), base.multiCorpus().restrictLoss()));
    return b.build();
  }

  /** A builder with nothing overridden. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets any override by name; unset ones stay null (the recipe's value). */
  public static final class Builder {
    private FeatureKind kind;
    private Integer nMfcc, nFft, hopLength, nMels, frames, deltas;
    private List<TimeStatistic> statistics;
    private Double alpha, dropout;
    private List<Integer> hidden, filters;
    private Integer units, kernel, lstmUnits;
    private Integer epochs, batchSize, patience, timeShift, timeMasks, window, testWindows, ensemble;
    private Double learningRate, weightDecay, labelSmoothing, mixup;
    private TrainSettings.Schedule schedule;
    private Standardizer.Mode normalize;
    private String augment;
    private CorpusBalance.Mode balance;
    private Double arousalWeight;

    private Builder() {}

    public Builder kind(FeatureKind v) { kind = v; return this; }
    public Builder nMfcc(Integer v) { nMfcc = v; return this; }
    public Builder nFft(Integer v) { nFft = v; return this; }
    public Builder hopLength(Integer v) { hopLength = v; return this; }
    public Builder nMels(Integer v) { nMels = v; return this; }
    public Builder frames(Integer v) { frames = v; return this; }
    public Builder deltas(Integer v) { deltas = v; return this; }
    public Builder statistics(List<TimeStatistic> v) { statistics = v; return this; }
    public Builder alpha(Double v) { alpha = v; return this; }
    public Builder hidden(List<Integer> v) { hidden = v; return this; }
    public Builder units(Integer v) { units = v; return this; }
    public Builder dropout(Double v) { dropout = v; return this; }
    public Builder filters(List<Integer> v) { filters = v; return this; }
    public Builder kernel(Integer v) { kernel = v; return this; }
    public Builder lstmUnits(Integer v) { lstmUnits = v; return this; }
    public Builder epochs(Integer v) { epochs = v; return this; }
    public Builder batchSize(Integer v) { batchSize = v; return this; }
    public Builder learningRate(Double v) { learningRate = v; return this; }
    public Builder schedule(TrainSettings.Schedule v) { schedule = v; return this; }
    public Builder weightDecay(Double v) { weightDecay = v; return this; }
    public Builder labelSmoothing(Double v) { labelSmoothing = v; return this; }
    public Builder patience(Integer v) { patience = v; return this; }
    public Builder normalize(Standardizer.Mode v) { normalize = v; return this; }
    /** Audio augmentation in {@link art.empathic.features.AugmentSpec#parse} form, or "none" to drop the recipe's. */
    public Builder augment(String v) { augment = v; return this; }
    public Builder mixup(Double v) { mixup = v; return this; }
    public Builder timeShift(Integer v) { timeShift = v; return this; }
    public Builder timeMasks(Integer v) { timeMasks = v; return this; }
    public Builder window(Integer v) { window = v; return this; }
    public Builder testWindows(Integer v) { testWindows = v; return this; }
    public Builder ensemble(Integer v) { ensemble = v; return this; }
    /** Corpus weighting of multi-corpus training ({@link CorpusBalance}). */
    public Builder balance(CorpusBalance.Mode v) { balance = v; return this; }
    /** Weight of the auxiliary binary-arousal loss (0: off). */
    public Builder arousalWeight(Double v) { arousalWeight = v; return this; }

    public RecipeOverrides build() {
      return new RecipeOverrides(new Features(kind, nMfcc, nFft, hopLength, nMels, frames, deltas, statistics),
          new Network(alpha, hidden, units, dropout, filters, kernel, lstmUnits),
          new Training(epochs, batchSize, learningRate, schedule, weightDecay, labelSmoothing, patience, normalize,
              augment, mixup, timeShift, timeMasks, window, testWindows, ensemble, balance,
              arousalWeight));
    }
  }
}
