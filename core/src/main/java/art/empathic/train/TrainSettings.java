package art.empathic.train;

/**
 * How a network is trained. Every field has a documented default in {@code docs/research/MODELS.md}.
 *
 * @param epochs epochs to train (the maximum when {@code sklearnStopping} is on)
 * @param batchSize examples per step
 * @param learningRate peak learning rate of Adam
 * @param schedule how the learning rate moves over the run
 * @param weightDecay decoupled (AdamW) weight decay; 0 for plain Adam
 * @param labelSmoothing label smoothing epsilon for the training loss
 * @param seed seeds weights, shuffles, dropout and augmentation
 * @param patience early stopping on validation loss after this many epochs without improvement
 *     (best weights kept); 0 turns it off
 * @param sklearnStopping scikit-learn's MLP rule: stop when the training loss has not improved
 *     by {@code tol} for more than {@code nIterNoChange} epochs
 * @param tol scikit-learn's tol
 * @param nIterNoChange scikit-learn's n_iter_no_change
 * @param augmentation feature-space augmentation of training batches
 * @param window sequence models: train on a random window of this many frames of each
 *     sequence and predict on the centre window (a time-shift augmentation); 0 uses the whole
 *     sequence
 * @param testWindows with a window: how many windows, spread evenly from the first to the last
 *     offset, are averaged at evaluation and prediction (1: the centre window only)
 * @param multiCorpus how training over several corpora weighs them and restricts each clip's
 *     loss ({@link MultiCorpus#DEFAULT}); absent from specs written before it existed, which read
 *     as {@link MultiCorpus#LEGACY} (what they were trained with)
 * @param arousalWeight weight of an auxiliary loss on binary arousal (multi-task): the binary
 *     cross-entropy of the summed probabilities of the high-arousal classes against the label's
 *     arousal ({@link Fitter#classLabels}); 0 (the default, and specs written before it) turns it off
 */
public record TrainSettings(int epochs, int batchSize, double learningRate, Schedule schedule, double weightDecay,
    double labelSmoothing, long seed, int patience, boolean sklearnStopping, double tol, int nIterNoChange,
    FeatureAugmentation augmentation, int window, int testWindows, MultiCorpus multiCorpus,
    double arousalWeight) {

  /** Learning-rate schedules. */
  public enum Schedule {
    CONSTANT,
    /** PyTorch's OneCycleLR: cosine warm-up from peak/25 over 30% of the steps, then cosine down to peak/25e4. */
    ONE_CYCLE,
    /** Cosine annealing from the peak to peak/25e4. */
    COSINE
  }

  public TrainSettings {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    if (!(learningRate > 0) || learningRate > 10) throw new IllegalArgumentException("learning rate must be in (0, 10], got " + learningRate);
    if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    if (nIterNoChange < 1) throw new IllegalArgumentException("n_iter_no_change must be >= 1, got " + nIterNoChange);
    if (window < 0) throw new IllegalArgumentException("window must be >= 0 frames, got " + window);
    if (testWindows == 0) testWindows = 1; // absent from specs written before it existed
    if (testWindows < 1) throw new IllegalArgumentException("test windows must be >= 1, got " + testWindows);
    if (augmentation == null) augmentation = FeatureAugmentation.NONE;
    if (schedule == null) schedule = Schedule.CONSTANT;
    if (multiCorpus == null) multiCorpus = MultiCorpus.LEGACY;
    if (!(arousalWeight >= 0) || Double.isInfinite(arousalWeight)) throw new IllegalArgumentException("arousal weight must be finite and >= 0, got " + arousalWeight);
  }

  /** scikit-learn MLPClassifier's settings as the study used them: Adam 1e-3, batch 256, up to 500 epochs. */
  public static TrainSettings sklearnMlp(long seed) {
    return builder().epochs(500).batchSize(256).learningRate(1e-3).seed(seed).sklearnStopping(true).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).schedule(schedule)
        .weightDecay(weightDecay).labelSmoothing(labelSmoothing).seed(seed).patience(patience)
        .sklearnStopping(sklearnStopping).tol(tol).nIterNoChange(nIterNoChange).augmentation(augmentation)
        .window(window).testWindows(testWindows).multiCorpus(multiCorpus)
        .arousalWeight(arousalWeight);
  }

  public TrainSettings withEpochs(int e) {
    return toBuilder().epochs(e).build();
  }

  public TrainSettings withSeed(long s) {
    return toBuilder().seed(s).build();
  }

  public TrainSettings withPatience(int p) {
    return toBuilder().patience(p).build();
  }

  public TrainSettings withSklearnStopping(boolean on) {
    return toBuilder().sklearnStopping(on).build();
  }

  /** Builds settings; unset fields take the defaults shown. */
  public static final class Builder {
    private int epochs = 20;
    private int batchSize = 32;
    private double learningRate = 1e-3;
    private Schedule schedule = Schedule.CONSTANT;
    private double weightDecay;
    private double labelSmoothing;
    private long seed = 42;
    private int patience;
    private boolean sklearnStopping;
    private double tol = 1e-4;
    private int nIterNoChange = 10;
    private FeatureAugmentation augmentation = FeatureAugmentation.NONE;
    private int window;
    private int testWindows = 1;
    private MultiCorpus multiCorpus = MultiCorpus.DEFAULT;
    private double arousalWeight;

    public Builder epochs(int v) { epochs = v; return this; }
    public Builder batchSize(int v) { batchSize = v; return this; }
    public Builder learningRate(double v) { learningRate = v; return this; }
    public Builder schedule(Schedule v) { schedule = v; return this; }
    public Builder weightDecay(double v) { weightDecay = v; return this; }
    public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder patience(int v) { patience = v; return this; }
    public Builder sklearnStopping(boolean v) { sklearnStopping = v; return this; }
    public Builder tol(double v) { tol = v; return this; }
    public Builder nIterNoChange(int v) { nIterNoChange = v; return this; }
    public Builder augmentation(FeatureAugmentation v) { augmentation = v; return this; }
    public Builder window(int v) { window = v; return this; }
    public Builder testWindows(int v) { testWindows = v; return this; }
    public Builder multiCorpus(MultiCorpus v) { multiCorpus = v; return this; }
    public Builder arousalWeight(double v) { arousalWeight = v; return this; }

    public TrainSettings build() {
      return new TrainSettings(epochs, batchSize, learningRate, schedule, weightDecay, labelSmoothing, seed, patience,
          sklearnStopping, tol, nIterNoChange, augmentation, window, testWindows, multiCorpus,
          arousalWeight);
    }
  }
}
