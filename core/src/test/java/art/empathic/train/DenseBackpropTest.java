package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import art.empathic.model.Architecture;
import art.empathic.model.InitScheme;
import art.empathic.model.ModelFamily;
import art.empathic.model.Network;
import art.empathic.model.Tensors;
import art.empathic.run.EpochStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written gradient of the MLP-shaped families ({@link DenseBackprop}) against autograd's
 * for the same loss ({@link TrainingLoss#compute}), bit for bit, and whole fits through either path.
 */
class DenseBackpropTest {
  private static final int CLASSES = 7;

  /**
   * hidden: the hidden layer sizes; masked: a per-corpus logit mask (some classes excluded per
   * example); weighted: example weights in the targets; smooth: label smoothing.
   */
  @ParameterizedTest
  @CsvSource({
    "32, false, false, 0",
    "32, true, true, 0", // the default family's case: mask and corpus weights
    "24;16, true, true, 0",
    "24;16, false, true, 0.1",
    "300, true, false, 0.1",
  })
  void theHandWrittenGradientIsAutogradsGradientBitForBit(String hidden, boolean masked, boolean weighted, double smooth) {
    List<Integer> sizes = java.util.Arrays.stream(hidden.split(";")).map(Integer::valueOf).toList();
    int n = 37;
    int dim = 19;
    SplittableRandom r = new SplittableRandom(5);
    float[] x = new float[n * dim];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] targets = new float[n * CLASSES];
    float[] mask = new float[n * CLASSES];
    for (int i = 0; i < n; i++) {
      boolean[] allowed = new boolean[CLASSES];
      int label = r.nextInt(CLASSES);
      int count = 0;
      for (int k = 0; k < CLASSES; k++) {
        allowed[k] = !masked || k == label || r.nextBoolean();
        count += allowed[k] ? 1 : 0;
      }
      float w = weighted ? (float) r.nextDouble(0.2, 2.5) : 1f;
      for (int k = 0; k < CLASSES; k++) {
        mask[i * CLASSES + k] = allowed[k] ? 0f : TrainingLoss.EXCLUDED;
        float t = allowed[k] ? (float) (smooth / count) : 0f;
        targets[i * CLASSES + k] = (k == label ? t + (float) (1 - smooth) : t) * w;
      }
    }
    Network net = Network.build(new Architecture.Mlp(sizes, 0.01), new Shape(dim), CLASSES);
    try (NDManager m = NDManager.newBaseManager()) {
      InitScheme.defaultFor(ModelFamily.MLP).initialize(net, m, 11);
      NDArray xs = Tensors.floats(m, x, new Shape(n, dim));
      NDArray ts = Tensors.floats(m, targets, new Shape(n, CLASSES));
      NDArray ms = masked ? Tensors.floats(m, mask, new Shape(n, CLASSES)) : null;

      float autogradLoss;
      List<float[]> expected = new ArrayList<>();
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = net.block().forward(new ParameterStore(m, false), new NDList(xs), true).singletonOrThrow();
        NDArray loss = TrainingLoss.compute(logits, ms, ts, net.denseWeights(), 0);
        gc.backward(loss);
        autogradLoss = loss.toFloatArray()[0];
      }
      try (DenseBackprop backprop = new DenseBackprop(net, m)) {
        for (Parameter p : backprop.parameters()) {
          expected.add(p.getArray().getGradient().toFloatArray());
        }
        DenseBackprop.Pass pass = backprop.run(xs, ms, ts, null);
        assertThat(pass.loss().toFloatArray()[0]).isEqualTo(autogradLoss);
        for (int i = 0; i < expected.size(); i++) {
          float[] want = expected.get(i);
          float[] got = pass.gradients().get(i).toFloatArray();
          assertThat(got).hasSameSizeAs(want);
          assertThat(want).as("parameter %d has a gradient", i).isNotEqualTo(new float[want.length]);
          for (int j = 0; j < want.length; j++) {
            assertThat(Float.floatToIntBits(got[j])).as("parameter %d, value %d: %s against %s", i, j, got[j], want[j])
                .isEqualTo(Float.floatToIntBits(want[j]));
          }
        }
      }
    }
  }

  /**
   * Whole fits of both MLP-shaped families' settings (scikit-learn's, with a corpus mask and
   * weights for the default family's) through the hand-written gradient with resident examples
   * and through autograd with batches assembled in Java: the same losses, epochs and predictions,
   * bit for bit.
   * Batches of 20 start at offsets that are no multiple of 64 bytes (the resident views are copied).
   */
  @ParameterizedTest
  @CsvSource({"false, 0.0001, 32", "true, 1.0, 32", "false, 0, 20", "true, 0.01, 20"})
  void fitsThroughEitherPathAgree(boolean multiCorpus, double alpha, int batch) throws IOException {
    ExampleSet train = FitterTest.toy(ModelFamily.MLP, 150, 23);
    boolean[][] allowed = null;
    float[] weights = null;
    if (multiCorpus) {
      allowed = new boolean[train.size()][CLASSES];
      weights = new float[train.size()];
      for (int i = 0; i < train.size(); i++) {
        boolean second = i % 3 == 0;
        for (int k = 0; k < CLASSES; k++) {
          allowed[i][k] = !second || k != (train.y()[i] + 1) % CLASSES;
        }
        weights[i] = second ? 1.5f : 0.75f;
      }
    }
    TrainSettings s = TrainSettings.sklearnMlp(3).toBuilder().epochs(12).batchSize(batch).build();
    List<List<EpochStats>> histories = new ArrayList<>();
    List<float[][]> predictions = new ArrayList<>();
    for (boolean fast : new boolean[] {false, true}) {
      Network net = Network.build(new Architecture.Mlp(List.of(32), alpha), new Shape(train.exampleShape()), CLASSES);
      try (Fitter fitter = new Fitter(net, s).restrictLoss(allowed).weightExamples(weights)) {
        fitter.handGradient = fast;
        fitter.residentExamples = fast;
        histories.add(fitter.fit(FitRequest.of(train).build()).history());
        predictions.add(fitter.predictProbabilities(train));
      }
    }
    assertThat(histories.get(1)).hasSameSizeAs(histories.get(0));
    for (int e = 0; e < histories.get(0).size(); e++) {
      assertThat(histories.get(1).get(e).trainLoss()).isEqualTo(histories.get(0).get(e).trainLoss());
      assertThat(histories.get(1).get(e).trainAccuracy()).isEqualTo(histories.get(0).get(e).trainAccuracy());
    }
    assertThat(predictions.get(1)).isDeepEqualTo(predictions.get(0));
  }
}
