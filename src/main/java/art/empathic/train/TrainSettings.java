package art.empathic.train;

/**
 * How a network is trained. Every field has a documented default in {@code docs/MODELS.md}.
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
 */
public record TrainSettings(int epochs, int batchSize, double learningRate, Schedule schedule, double weightDecay,
    double labelSmoothing, long seed, int patience, boolean sklearnStopping, double tol, int nIterNoChange,
    FeatureAugmentation augmentation) {

  /** Learning-rate schedules. */
  public enum Schedule {
    CONSTANT,
    /** Linear warm-up over the first 30% of steps to the peak, then cosine annealing to ~0. */
    ONE_CYCLE,
    /** Cosine annealing from the peak to ~0. */
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
    if (augmentation == null) augmentation = FeatureAugmentation.NONE;
    if (schedule == null) schedule = Schedule.CONSTANT;
  }

  /** scikit-learn MLPClassifier's defaults: Adam 1e-3, batch 256 (min(200, n) there; the study used 256), up to 500 epochs. */
  public static TrainSettings sklearnMlp(long seed) {
    return new TrainSettings(500, 256, 1e-3, Schedule.CONSTANT, 0, 0, seed, 0, true, 1e-4, 10, FeatureAugmentation.NONE);
  }

  public TrainSettings withEpochs(int e) {
    return new TrainSettings(e, batchSize, learningRate, schedule, weightDecay, labelSmoothing, seed, patience, sklearnStopping, tol, nIterNoChange, augmentation);
  }

  public TrainSettings withSeed(long s) {
    return new TrainSettings(epochs, batchSize, learningRate, schedule, weightDecay, labelSmoothing, s, patience, sklearnStopping, tol, nIterNoChange, augmentation);
  }

  public TrainSettings withBatchSize(int b) {
    return new TrainSettings(epochs, b, learningRate, schedule, weightDecay, labelSmoothing, seed, patience, sklearnStopping, tol, nIterNoChange, augmentation);
  }

  public TrainSettings withLearningRate(double lr) {
    return new TrainSettings(epochs, batchSize, lr, schedule, weightDecay, labelSmoothing, seed, patience, sklearnStopping, tol, nIterNoChange, augmentation);
  }

  public TrainSettings withPatience(int p) {
    return new TrainSettings(epochs, batchSize, learningRate, schedule, weightDecay, labelSmoothing, seed, p, sklearnStopping, tol, nIterNoChange, augmentation);
  }

  public TrainSettings withSklearnStopping(boolean on) {
    return new TrainSettings(epochs, batchSize, learningRate, schedule, weightDecay, labelSmoothing, seed, patience, on, tol, nIterNoChange, augmentation);
  }
}
