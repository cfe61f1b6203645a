package art.empathic.train;

import art.empathic.run.EpochStats;
import art.empathic.eval.ArgMax;
import art.empathic.eval.VoiceScore;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import art.empathic.model.InitScheme;
import art.empathic.model.Network;
import art.empathic.model.Tensors;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Trains a {@link Network} on in-memory examples with DJL: seeded and reproducible (weights,
 * shuffles, dropout and augmentation all derive from the run seed, per epoch and batch, so a run
 * resumed from a checkpoint continues exactly as if never stopped), with optional early stopping
 * on validation loss (keeping the best weights) or scikit-learn's MLP stopping rule, and
 * checkpoints written atomically at the end of an epoch once at least 10 s of training have
 * passed since the last one ({@code CHECKPOINT_INTERVAL_NANOS}), after the last epoch, and on a
 * stop request.
 *
 * <p>Tensors of each batch live in a sub-manager closed after the batch, so memory stays flat.
 * Not thread-safe; one run per instance.
 */
public final class Fitter implements AutoCloseable {
  private static final long CHECKPOINT_INTERVAL_NANOS = CheckpointSchedule.DEFAULT_INTERVAL_NANOS;
  private static final int EVAL_BATCH = 256;

  private final Network network;
  private final TrainSettings settings;
  private final Model model;
  private Trainer trainer;
  private ResumableAdam optimizer;
  /** What lives for one {@link #fit}: the hand-written gradient and the resident examples. */
  private NDManager fitManager;
  private DenseBackprop backprop;
  private ResidentExamples resident;

  public Fitter(Network network, TrainSettings settings) {
    this.network = network;
    this.settings = settings;
    this.model = Model.newInstance(network.architecture().family().cliName(), Device.cpu());
  }

  public Network network() {
    return network;
  }

  private boolean[][] allowedClasses;

  /**
   * Restricts the loss of each training example to the classes its corpus has (multi-corpus
   * training): {@code allowed[i][k]} says whether example i's softmax includes class k; label
   * smoothing spreads over the allowed classes only. Null lifts the restriction. Not combined
   * with mixup (which mixes targets across examples).
   */
  public Fitter restrictLoss(boolean[][] allowed) {
    if (allowed != null && settings.augmentation().mixupAlpha() > 0) {
      throw new IllegalArgumentException("a per-corpus loss restriction cannot be combined with mixup");
    }
    this.allowedClasses = allowed;
    return this;
  }

  private boolean[] highArousal;

  /**
   * Names the output classes (labels in output order), from which the auxiliary arousal loss of
   * {@link TrainSettings#arousalWeight} knows the high-arousal classes (angry, fear, happy,
   * surprise: {@link VoiceScore#HIGH_AROUSAL}). Needed only when that weight is above 0.
   */
  public Fitter classLabels(List<String> labels) {
    if (labels.size() != network.classes()) {
      throw new IllegalArgumentException(labels.size() + " class labels for a network of " + network.classes() + " outputs");
    }
    highArousal = new boolean[labels.size()];
    for (int k = 0; k < highArousal.length; k++) {
      highArousal[k] = VoiceScore.HIGH_AROUSAL.contains(labels.get(k).toLowerCase(java.util.Locale.ROOT));
    }
    return this;
  }

  private float[] exampleWeights;

  /**
   * Run between each batch's forward and backward pass (null: nothing). A test seam: the tests run
   * a garbage collection there, which once changed gradients (docs/research/GENERALIZATION.md,
   * "Reproducible fits").
   */
  Runnable betweenForwardAndBackward;

  /**
   * Test seams: false trains every network through autograd ({@link DenseBackprop} off), or
   * assembles every batch in Java ({@link ResidentExamples} off), as before either existed.
   */
  boolean handGradient = true;
  boolean residentExamples = true;

  /**
   * Weights each training example's loss (null: every example 1). Used to balance corpora in
   * multi-corpus training ({@link CorpusBalance}): the weights should average 1 so that the
   * L2 penalty and scikit-learn's stopping tolerance keep their meaning. Implemented by scaling
   * each example's target distribution, which scales its cross-entropy by the same factor.
   */
  public Fitter weightExamples(float[] weights) {
    if (weights != null) {
      for (float w : weights) {
        if (!(w >= 0) || Float.isInfinite(w)) {
          throw new IllegalArgumentException("example weights must be finite and >= 0, got " + w);
        }
      }
    }
    this.exampleWeights = weights == null ? null : weights.clone();
    return this;
  }

  /**
   * Trains from scratch, or continues the run saved in the request's checkpoint when it asks to
   * resume. The stop request is polled after every batch; the {@link StoppingRule}s of the settings
   * are asked after every epoch and the {@link CheckpointSchedule} decides when state is saved.
   */
  public FitResult fit(FitRequest request) throws IOException {
    ExampleSet train = request.train();
    ExampleSet validation = request.validation();
    Path checkpoint = request.checkpoint();
    BooleanSupplier stopRequested = request.stopRequested();
    FitListener listener = request.listener();
    if (train.size() < 2) {
      throw new IllegalArgumentException("need at least 2 training examples, got " + train.size());
    }
    if (settings.arousalWeight() > 0 && highArousal == null) {
      throw new IllegalStateException("an arousal loss weight needs the class labels (Fitter.classLabels)");
    }
    if (settings.arousalWeight() > 0 && settings.augmentation().mixupAlpha() > 0) {
      throw new IllegalArgumentException("the auxiliary arousal loss cannot be combined with mixup");
    }
    if (exampleWeights != null && exampleWeights.length != train.size()) {
      throw new IllegalArgumentException(exampleWeights.length + " example weights for " + train.size() + " examples");
    }
    Engine.getInstance().setRandomSeed((int) Seeds.mix(settings.seed(), -1));
    int batches = batchesPerEpoch(train.size());
    Checkpoint.State state = request.resume() ? Checkpoint.read(checkpoint) : null;
    Progress progress = state == null ? Progress.start() : state.progress();
    if (progress.finished()) {
      throw new IllegalStateException("the run in " + checkpoint.getParent() + " already finished");
    }
    InitScheme.defaultFor(network.architecture().family()).initialize(network, model.getNDManager(),
        Seeds.mix(settings.seed(), 0x1417));
    if (state != null) {
      loadParameters(state.parameters());
    }
    buildTrainer(batches, progress.steps());
    if (state != null) {
      optimizer.importState(network.block(), NDList.decode(model.getNDManager(), state.optimizer()));
    }
    byte[] bestParameters = state == null ? null : state.bestParameters();

    long[] netShape = network.exampleShape().getShape();
    SequenceWindow window = SequenceWindow.between(train.exampleShape(), netShape);
    FeatureAugmenter augmenter = new FeatureAugmenter(settings.augmentation(), netShape);
    int classes = network.classes();
    int width = (int) network.exampleShape().size();
    Progress p = progress;
    String stopReason = "trained " + settings.epochs() + " epochs";
    boolean interrupted = false;

    List<StoppingRule> rules = StoppingRule.of(settings);
    CheckpointSchedule checkpoints = new CheckpointSchedule(checkpoint, CHECKPOINT_INTERVAL_NANOS);
    long s0 = System.nanoTime();
    fitManager = trainer.getManager().newSubManager();
    backprop = handGradient && DenseBackprop.supports(network, settings) ? new DenseBackprop(network, fitManager) : null;
    resident = residentExamples && window == null && settings.augmentation().isNone()
        ? holdExamples(train, classes, width, batches) : null;
    // Work that replaces per-batch work (the examples' copy to PyTorch, each epoch's gather) counts
    // as training time: it is added to the next batch's seconds.
    long untimed = System.nanoTime() - s0;
    try {
      epochs:
      for (int epoch = p.epoch(); epoch < settings.epochs(); epoch++) {
        long e0 = System.nanoTime();
        int[] order = permutation(train.size(), Seeds.mix(settings.seed(), epoch));
        if (resident != null) {
          resident.startEpoch(order);
          untimed += System.nanoTime() - e0;
        }
        listener.epochStarted(epoch + 1, settings.epochs(), batches);
        for (int b = p.nextBatch(); b < batches; b++) {
          if (stopRequested.getAsBoolean()) {
            interrupted = true;
            stopReason = "stopped on request during epoch " + (epoch + 1) + " (resumable)";
            p = p.at(epoch, b);
            break epochs;
          }
          long t0 = System.nanoTime() - untimed;
          untimed = 0;
          int from = b * settings.batchSize();
          int to = Math.min(train.size(), from + settings.batchSize());
          if (b == batches - 1 && to < train.size()) {
            to = train.size();
          }
          BatchResult r = trainBatch(train, order, from, to, epoch, b, window, augmenter, width, classes);
          p = p.addBatch(r.lossSum(), r.correct(), to - from, (System.nanoTime() - t0) / 1e9);
          listener.batchDone(epoch + 1, b + 1, batches);
        }
        long v0 = System.nanoTime();
        Double valLoss = null;
        Double valAccuracy = null;
        if (validation != null && validation.size() > 0) {
          float[][] probs = predictProbabilities(validation);
          valLoss = crossEntropy(probs, validation.y());
          valAccuracy = accuracy(probs, validation.y());
        }
        double seconds = p.tally().epochSeconds() + (System.nanoTime() - v0) / 1e9;
        double lr = new LearningRateSchedule(settings.schedule(), settings.learningRate(),
            (long) settings.epochs() * batches).at(p.steps() - 1L);
        EpochStats stats = new EpochStats(epoch + 1, p.tally().lossSum() / p.tally().seen(),
            p.tally().correct() / (double) p.tally().seen(),
            valLoss, valAccuracy, seconds, lr);
        p = p.endEpoch(stats);
        listener.epochDone(stats, settings.epochs());

        for (StoppingRule rule : rules) {
          p = rule.update(p, stats);
        }
        if (settings.patience() > 0 && p.stopping().bestEpoch() == epoch + 1) {
          bestParameters = saveParameters();
        }
        String ruleReason = null;
        for (StoppingRule rule : rules) {
          ruleReason = rule.stopReason(p);
          if (ruleReason != null) {
            break;
          }
        }
        if (ruleReason != null) {
          stopReason = ruleReason;
          p = p.finish();
        } else if (epoch + 1 == settings.epochs()) {
          p = p.finish();
        }
        Progress now = p;
        byte[] best = bestParameters;
        checkpoints.epochDone(p.finished(), () -> new Checkpoint.State(now, saveParameters(), best, exportOptimizer()));
        if (p.finished()) {
          break;
        }
      }
    } finally {
      closeFitState();
    }
    if (interrupted) {
      Progress now = p;
      byte[] best = bestParameters;
      checkpoints.stopped(() -> new Checkpoint.State(now, saveParameters(), best, exportOptimizer()));
    }
    // An interrupted run keeps its last weights: it is resumed from them, not judged on them.
    int bestEpoch = loadBestParameters(p, interrupted ? null : bestParameters);
    listener.stopped(stopReason);
    return new FitResult(p.history(), bestEpoch, p.trainingSeconds(), interrupted, stopReason);
  }

  /**
   * Takes back a run that already finished from its checkpoint, without training: the weights it
   * ended with (the best ones under early stopping, as {@link #fit} leaves them), its history and
   * training time. For an ensemble stopped during a later member, whose earlier members are done.
   * Empty when there is no checkpoint or its run has not finished (resume that with {@link #fit}).
   *
   * @throws IOException if the checkpoint is damaged
   */
  public Optional<FitResult> restoreIfFinished(Path checkpoint) throws IOException {
    if (!java.nio.file.Files.exists(checkpoint)) {
      return Optional.empty();
    }
    Checkpoint.State state = Checkpoint.read(checkpoint);
    Progress p = state.progress();
    if (!p.finished()) {
      return Optional.empty();
    }
    InitScheme.defaultFor(network.architecture().family()).initialize(network, model.getNDManager(),
        Seeds.mix(settings.seed(), 0x1417));
    loadParameters(state.parameters());
    int bestEpoch = loadBestParameters(p, state.bestParameters());
    return Optional.of(new FitResult(p.history(), bestEpoch, p.trainingSeconds(), false, "finished before the stop (restored)"));
  }

  /**
   * The epoch whose weights the model ends with: under early stopping the best epoch's, loaded
   * here when they were kept; otherwise the last epoch's, which the model already holds.
   */
  private int loadBestParameters(Progress p, byte[] best) {
    if (settings.patience() > 0 && best != null) {
      loadParameters(best);
      return p.stopping().bestEpoch();
    }
    return p.history().isEmpty() ? 0 : p.history().get(p.history().size() - 1).epoch();
  }

  private record BatchResult(double lossSum, int correct) {}

  private BatchResult trainBatch(ExampleSet train, int[] order, int from, int to, int epoch, int batch,
      SequenceWindow window, FeatureAugmenter augmenter, int width, int classes) {
    int n = to - from;
    float[] xs = null;
    float[] targets = null;
    float[] masks = null;
    if (resident == null) {
      xs = new float[n * width];
      targets = new float[n * classes];
      masks = allowedClasses == null ? null : new float[n * classes];
      SplittableRandom random = new SplittableRandom(Seeds.mix(settings.seed(), epoch, batch, 7));
      boolean augment = !settings.augmentation().isNone();
      for (int i = 0; i < n; i++) {
        int idx = order[from + i];
        float[] example = window == null ? train.x()[idx] : window.random(train.x()[idx], random);
        if (augment) {
          augmenter.augment(example, xs, i * width, random);
        } else {
          System.arraycopy(example, 0, xs, i * width, width);
        }
        targetRow(train, idx, classes, targets, masks, i * classes);
      }
      if (settings.augmentation().mixupAlpha() > 0) {
        mixup(xs, targets, n, width, classes, random);
      }
    }
    if (backprop == null) {
      // Seeds dropout; the hand-written gradient's networks have none.
      Engine.getInstance().setRandomSeed((int) Seeds.mix(settings.seed(), epoch, batch));
    }
    try (NDManager bm = trainer.getManager().newSubManager()) {
      NDArray x;
      NDArray t;
      NDArray mask;
      if (resident != null) {
        x = resident.x(batch, bm);
        t = resident.targets(batch, bm);
        mask = resident.masks(batch, bm);
      } else {
        x = Tensors.floats(bm, xs, network.batchShape(n));
        t = Tensors.floats(bm, targets, new Shape(n, classes));
        mask = masks == null ? null : Tensors.floats(bm, masks, new Shape(n, classes));
      }
      return backprop != null
          ? handBatch(bm, x, t, mask, train, order, from, n, epoch, batch, classes)
          : autogradBatch(bm, x, t, mask, train, order, from, n, epoch, batch, classes);
    }
  }

  /** One batch through {@link DenseBackprop}: the same loss, gradient and update as {@link #autogradBatch}. */
  private BatchResult handBatch(NDManager bm, NDArray x, NDArray t, NDArray mask, ExampleSet train, int[] order,
      int from, int n, int epoch, int batch, int classes) {
    double alpha = network.architecture().l2Alpha();
    boolean l2InOptimizer = optimizer.appliesL2();
    DenseBackprop.Pass pass = backprop.run(x, mask, t, betweenForwardAndBackward);
    float[] values = backprop.lossAndNorms(bm, pass.loss(), l2InOptimizer);
    double lossValue = values[0];
    checkFinite(lossValue, epoch, batch);
    float[] out = pass.logits().toFloatArray();
    if (l2InOptimizer) {
      lossValue += TrainingLoss.penaltyOfNorms(values, 1, alpha, n);
      optimizer.setL2Coefficient((float) (alpha / n));
    }
    int correct = correct(out, train, order, from, n, classes);
    List<Parameter> params = backprop.parameters();
    for (int i = 0; i < params.size(); i++) {
      optimizer.update(params.get(i).getId(), params.get(i).getArray(), pass.gradients().get(i));
    }
    return new BatchResult(lossValue * n, correct);
  }

  private BatchResult autogradBatch(NDManager bm, NDArray x, NDArray t, NDArray mask, ExampleSet train, int[] order,
      int from, int n, int epoch, int batch, int classes) {
    double lossValue;
    double alpha = network.architecture().l2Alpha();
    boolean l2InOptimizer = optimizer.appliesL2();
    float[] out;
    try (GradientCollector gc = trainer.newGradientCollector()) {
      NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
      NDArray loss = TrainingLoss.compute(logits, mask, t, network.denseWeights(), l2InOptimizer ? 0 : alpha);
      if (settings.arousalWeight() > 0) {
        loss = loss.add(arousalTerm(bm, mask == null ? logits : logits.add(mask), train, order, from, n, classes));
      }
      if (betweenForwardAndBackward != null) {
        betweenForwardAndBackward.run();
      }
      gc.backward(loss);
      lossValue = loss.getFloat();
      checkFinite(lossValue, epoch, batch);
      out = logits.toFloatArray();
    }
    if (l2InOptimizer) {
      // The optimiser applies the gradient; the loss still reports the term (scikit-learn's stopping rule reads it).
      lossValue += TrainingLoss.penalty(network.denseWeights(), alpha, n);
      optimizer.setL2Coefficient((float) (alpha / n));
    }
    int correct = correct(out, train, order, from, n, classes);
    trainer.step();
    return new BatchResult(lossValue * n, correct);
  }

  private static void checkFinite(double lossValue, int epoch, int batch) {
    if (!Double.isFinite(lossValue)) {
      // A NaN network predicts its first class for every clip: fail loudly instead.
      throw new IllegalStateException("training diverged: the loss of epoch " + (epoch + 1) + ", batch "
          + (batch + 1) + " is " + lossValue + " (NaN or infinite features, or too high a learning rate)");
    }
  }

  private static int correct(float[] logits, ExampleSet train, int[] order, int from, int n, int classes) {
    int correct = 0;
    for (int i = 0; i < n; i++) {
      if (ArgMax.of(logits, i * classes, classes) == train.y()[order[from + i]]) {
        correct++;
      }
    }
    return correct;
  }

  /**
   * Example {@code idx}'s target distribution (label smoothing over its allowed classes, times its
   * example weight) into {@code targets[offset ..]}, and its logit mask into {@code masks} (if not null).
   */
  private void targetRow(ExampleSet train, int idx, int classes, float[] targets, float[] masks, int offset) {
    double smooth = settings.labelSmoothing();
    boolean[] allowed = allowedClasses == null ? null : allowedClasses[idx];
    int allowedCount = classes;
    if (allowed != null) {
      allowedCount = 0;
      for (int k = 0; k < classes; k++) {
        allowedCount += allowed[k] ? 1 : 0;
        masks[offset + k] = allowed[k] ? 0f : TrainingLoss.EXCLUDED;
      }
    }
    for (int k = 0; k < classes; k++) {
      targets[offset + k] = allowed == null || allowed[k] ? (float) (smooth / allowedCount) : 0f;
    }
    targets[offset + train.y()[idx]] += (float) (1 - smooth);
    if (exampleWeights != null) {
      for (int k = 0; k < classes; k++) {
        targets[offset + k] *= exampleWeights[idx];
      }
    }
  }

  /** Every example, target row and mask of the training set, held natively for the fit. */
  private ResidentExamples holdExamples(ExampleSet train, int classes, int width, int batches) {
    int n = train.size();
    float[] xs = new float[n * width];
    float[] targets = new float[n * classes];
    float[] masks = allowedClasses == null ? null : new float[n * classes];
    for (int i = 0; i < n; i++) {
      System.arraycopy(train.x()[i], 0, xs, i * width, width);
      targetRow(train, i, classes, targets, masks, i * classes);
    }
    return new ResidentExamples(fitManager, xs, network.batchShape(n), targets, masks, classes, batchStarts(batches));
  }

  /** Where each batch of an epoch starts (the last batch runs to the end; see {@link #batchesPerEpoch}). */
  private long[] batchStarts(int batches) {
    long[] starts = new long[batches];
    for (int b = 0; b < batches; b++) {
      starts[b] = (long) b * settings.batchSize();
    }
    return starts;
  }

  private void closeFitState() {
    if (backprop != null) {
      backprop.close();
      backprop = null;
    }
    if (resident != null) {
      resident.close();
      resident = null;
    }
    if (fitManager != null) {
      fitManager.close();
      fitManager = null;
    }
  }

  /** {@link TrainingLoss#arousal} of the batch {@code order[from .. from+n)}. */
  private NDArray arousalTerm(NDManager bm, NDArray maskedLogits, ExampleSet train, int[] order, int from, int n,
      int classes) {
    float[] high = new float[classes];
    for (int k = 0; k < classes; k++) {
      high[k] = highArousal[k] ? 1f : 0f;
    }
    float[] target = new float[n];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      int idx = order[from + i];
      target[i] = highArousal[train.y()[idx]] ? 1f : 0f;
      w[i] = exampleWeights == null ? 1f : exampleWeights[idx];
    }
    return TrainingLoss.arousal(maskedLogits, Tensors.floats(bm, high, new Shape(1, classes)),
        Tensors.floats(bm, target, new Shape(n)), Tensors.floats(bm, w, new Shape(n)), settings.arousalWeight());
  }

  private void mixup(float[] xs, float[] targets, int n, int width, int classes, SplittableRandom r) {
    double alpha = settings.augmentation().mixupAlpha();
    int[] partner = permutation(n, r.nextLong());
    float[] x0 = xs.clone();
    float[] t0 = targets.clone();
    for (int i = 0; i < n; i++) {
      double lam = FeatureAugmenter.beta(alpha, r);
      int j = partner[i];
      for (int k = 0; k < width; k++) {
        xs[i * width + k] = (float) (lam * x0[i * width + k] + (1 - lam) * x0[j * width + k]);
      }
      for (int k = 0; k < classes; k++) {
        targets[i * classes + k] = (float) (lam * t0[i * classes + k] + (1 - lam) * t0[j * classes + k]);
      }
    }
  }

  /** Softmax probabilities for every example, in evaluation mode (no dropout, running BatchNorm statistics). */
  public float[][] predictProbabilities(ExampleSet set) {
    SequenceWindow w = SequenceWindow.between(set.exampleShape(), network.exampleShape().getShape());
    return Inference.windowed(network, set.x(), w, settings.testWindows(), EVAL_BATCH,
        (bm, input) -> trainer == null
            ? network.block().forward(new ai.djl.training.ParameterStore(bm, false), new NDList(input), false)
                .singletonOrThrow()
            : trainer.evaluate(new NDList(input)).singletonOrThrow(), model.getNDManager());
  }

  /** Writes the model's parameters in DJL's format. */
  public byte[] saveParameters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      network.block().saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void loadParameters(byte[] parameters) {
    network.loadParameters(model.getNDManager(), parameters);
  }

  private byte[] exportOptimizer() {
    try (NDManager m = model.getNDManager().newSubManager()) {
      return optimizer.exportState(network.block(), m).encode();
    }
  }

  private void buildTrainer(int batches, int stepsDone) {
    LearningRateSchedule schedule = new LearningRateSchedule(settings.schedule(), settings.learningRate(),
        (long) settings.epochs() * batches);
    // With plain Adam the L2 gradient goes inside the optimiser's fused update; with AdamW it stays in the loss.
    boolean l2InOptimizer = network.architecture().l2Alpha() > 0 && settings.weightDecay() == 0;
    optimizer = ResumableAdam.builder()
        .learningRate(schedule)
        .decoupledWeightDecay(settings.weightDecay() > 0)
        .optWeightDecays((float) settings.weightDecay())
        .l2Parameters(l2InOptimizer
            ? network.denseWeights().stream().map(Parameter::getId).collect(Collectors.toSet())
            : Set.of())
        .optBeginNumUpdate(stepsDone)
        .build();
    model.setBlock(network.block());
    // The loss here is unused (the loop computes its own, with label smoothing and L2), but DJL requires one.
    trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(optimizer).optDevices(new Device[] {Device.cpu()}));
    trainer.initialize(network.batchShape(1));
  }

  int batchesPerEpoch(int n) {
    // A last batch of one example is folded into the one before (BatchNorm cannot train on one).
    int full = n / settings.batchSize();
    int rest = n % settings.batchSize();
    return full + (rest > 1 || full == 0 ? 1 : 0);
  }

  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static double crossEntropy(float[][] probs, int[] y) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      sum -= Math.log(Math.max(probs[i][y[i]], 1e-15));
    }
    return sum / y.length;
  }

  static double accuracy(float[][] probs, int[] y) {
    int correct = 0;
    for (int i = 0; i < y.length; i++) {
      if (ArgMax.of(probs[i]) == y[i]) {
        correct++;
      }
    }
    return correct / (double) y.length;
  }

  @Override
  public void close() {
    if (optimizer != null) {
      optimizer.close();
    }
    if (trainer != null) {
      trainer.close();
    }
    model.close();
  }

  /**
   * Where a run stands, saved in checkpoints (JSON, one flat object as it always was): the
   * position in the run, the running sums of the epoch under way ({@link EpochTally}) and the
   * state of the stopping rules ({@link StoppingState}). Immutable.
   */
  record Progress(int epoch, int nextBatch, int steps, double trainingSeconds, List<EpochStats> history,
      boolean finished, @JsonUnwrapped EpochTally tally, @JsonUnwrapped StoppingState stopping) {

    /** The epoch under way: summed loss, correct and seen examples, seconds of its batches. */
    record EpochTally(double lossSum, long correct, long seen, double epochSeconds) {
      static final EpochTally EMPTY = new EpochTally(0, 0, 0, 0);

      EpochTally add(double loss, int right, int n, double seconds) {
        return new EpochTally(lossSum + loss, correct + right, seen + n, epochSeconds + seconds);
      }
    }

    /**
     * What the {@link StoppingRule}s remember: the best validation loss, its epoch and the epochs
     * since; scikit-learn's best training loss and its no-improvement count.
     */
    record StoppingState(int bestEpoch, double bestValLoss, int epochsWithoutImprovement, double sklearnBestLoss,
        int sklearnNoImprovement) {
      static final StoppingState START = new StoppingState(0, Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY, 0);

      StoppingState improvedValidation(int e, double loss) {
        return new StoppingState(e, loss, 0, sklearnBestLoss, sklearnNoImprovement);
      }

      StoppingState noValidationImprovement() {
        return new StoppingState(bestEpoch, bestValLoss, epochsWithoutImprovement + 1, sklearnBestLoss,
            sklearnNoImprovement);
      }

      /** scikit-learn: the count grows when loss > best_loss - tol, else resets; best_loss tracks the minimum. */
      StoppingState sklearnStep(double loss, double tol) {
        int count = loss > sklearnBestLoss - tol ? sklearnNoImprovement + 1 : 0;
        return new StoppingState(bestEpoch, bestValLoss, epochsWithoutImprovement, Math.min(loss, sklearnBestLoss), count);
      }
    }

    Progress {
      history = List.copyOf(history);
    }

    /** Reads the flat checkpoint form (also the one written before the parts were grouped). */
    @JsonCreator
    static Progress fromJson(@JsonProperty("epoch") int epoch, @JsonProperty("nextBatch") int nextBatch,
        @JsonProperty("lossSum") double lossSum, @JsonProperty("correct") long correct, @JsonProperty("seen") long seen,
        @JsonProperty("epochSeconds") double epochSeconds, @JsonProperty("trainingSeconds") double trainingSeconds,
        @JsonProperty("steps") int steps, @JsonProperty("history") List<EpochStats> history,
        @JsonProperty("bestEpoch") int bestEpoch, @JsonProperty("bestValLoss") double bestValLoss,
        @JsonProperty("epochsWithoutImprovement") int epochsWithoutImprovement,
        @JsonProperty("sklearnBestLoss") double sklearnBestLoss,
        @JsonProperty("sklearnNoImprovement") int sklearnNoImprovement, @JsonProperty("finished") boolean finished) {
      return new Progress(epoch, nextBatch, steps, trainingSeconds, history == null ? List.of() : history, finished,
          new EpochTally(lossSum, correct, seen, epochSeconds),
          new StoppingState(bestEpoch, bestValLoss, epochsWithoutImprovement, sklearnBestLoss, sklearnNoImprovement));
    }

    static Progress start() {
      return new Progress(0, 0, 0, 0, List.of(), false, EpochTally.EMPTY, StoppingState.START);
    }

    /** Stopped before batch {@code b} of epoch {@code e}. */
    Progress at(int e, int b) {
      return new Progress(e, b, steps, trainingSeconds, history, finished, tally, stopping);
    }

    Progress addBatch(double loss, int right, int n, double seconds) {
      return new Progress(epoch, nextBatch + 1, steps + 1, trainingSeconds + seconds, history, finished,
          tally.add(loss, right, n, seconds), stopping);
    }

    /** The epoch is done: its stats join the history, the tally restarts, validation time counts as training. */
    Progress endEpoch(EpochStats stats) {
      List<EpochStats> h = new ArrayList<>(history);
      h.add(stats);
      double validationSeconds = stats.seconds() - tally.epochSeconds();
      return new Progress(epoch + 1, 0, steps, trainingSeconds + validationSeconds, h, finished, EpochTally.EMPTY,
          stopping);
    }

    Progress withStopping(StoppingState s) {
      return new Progress(epoch, nextBatch, steps, trainingSeconds, history, finished, tally, s);
    }

    Progress finish() {
      return new Progress(epoch, nextBatch, steps, trainingSeconds, history, true, tally, stopping);
    }
  }
}
