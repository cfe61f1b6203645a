package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import art.empathic.model.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLossTest {
  @Test
  void mlpLossWithAlphaFollowsScikitLearnsFormula() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Two samples, three classes. Logits chosen so the softmax is easy to write out.
      NDArray logits = m.create(new float[] {0, 0, 0, 2, 0, 0}, new Shape(2, 3));
      NDArray targets = m.create(new float[] {1, 0, 0, 0, 0, 1}, new Shape(2, 3));
      Parameter w1 = weight(m, new float[] {1, -2, 3, 0.5f}, "w1");
      Parameter w2 = weight(m, new float[] {-1, 1}, "w2");
      double alpha = 0.01;
      // Sample 1: uniform softmax, -log(1/3). Sample 2: true class has logit 0 vs (2, 0, 0).
      double ce1 = Math.log(3);
      double ce2 = -Math.log(1 / (Math.exp(2) + 2));
      double squares = 1 + 4 + 9 + 0.25 + 1 + 1; // sum of W^2 over both matrices, biases excluded
      double expected = (ce1 + ce2) / 2 + 0.5 * alpha * squares / 2;
      double actual = TrainingLoss.compute(logits, targets, List.of(w1, w2), alpha).getFloat();
      assertThat(actual).isCloseTo(expected, offset(1e-6));
      double withoutPenalty = TrainingLoss.compute(logits, targets, List.of(w1, w2), 0).getFloat();
      assertThat(withoutPenalty).isCloseTo((ce1 + ce2) / 2, offset(1e-6));
    }
  }

  @Test
  void aMaskRestrictsTheSoftmaxToTheClassesOfTheClipsCorpus() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {1, 2, 3, 0.5f, 0, 4}, new Shape(2, 3));
      NDArray targets = m.create(new float[] {1, 0, 0, 0, 1, 0}, new Shape(2, 3));
      float x = TrainingLoss.EXCLUDED;
      // Clip 1's corpus lacks class 3; clip 2's lacks class 1 (indices 2 and 0).
      NDArray mask = m.create(new float[] {0, 0, x, x, 0, 0}, new Shape(2, 3));
      double ce1 = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2)));
      double ce2 = -Math.log(Math.exp(0) / (Math.exp(0) + Math.exp(4)));
      double actual = TrainingLoss.compute(logits, mask, targets, List.of(), 0).getFloat();
      assertThat(actual).isCloseTo((ce1 + ce2) / 2, offset(1e-5));
      double unmasked = TrainingLoss.compute(logits, null, targets, List.of(), 0).getFloat();
      assertThat(unmasked).isGreaterThan(actual + 0.1);
    }
  }

  /**
   * The auxiliary arousal term is the binary cross-entropy of the summed high-arousal probability;
   * unlike the class cross-entropy it pulls up the other classes on the label's arousal side.
   */
  @Test
  void theArousalTermIsTheBinaryCrossEntropyOfTheSummedHighArousalProbability() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Classes: 0 and 1 of high arousal, 2 and 3 of low. Clip 1 is labelled 0 (high), clip 2 is labelled 2 (low).
      float[] z = {1, 0.5f, 2, -1, 0, 1, 0.5f, 0.5f};
      NDArray high = m.create(new float[] {1, 1, 0, 0}, new Shape(1, 4));
      NDArray target = m.create(new float[] {1, 0});
      NDArray weights = m.create(new float[] {1, 2});
      double p1 = (Math.exp(1) + Math.exp(0.5)) / (Math.exp(1) + Math.exp(0.5) + Math.exp(2) + Math.exp(-1));
      double p2 = (Math.exp(0) + Math.exp(1)) / (Math.exp(0) + Math.exp(1) + 2 * Math.exp(0.5));
      double expected = -0.7 / 2 * (Math.log(p1) + 2 * Math.log(1 - p2));
      NDArray logits = m.create(z, new Shape(2, 4));
      assertThat((double) TrainingLoss.arousal(logits, high, target, weights, 0.7).getFloat()).isCloseTo(expected, offset(1e-5));

      logits.setRequiresGradient(true);
      try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        gc.backward(TrainingLoss.arousal(logits, high, target, weights, 1));
      }
      float[] g = logits.getGradient().toFloatArray();
      // Clip 1 (high): class 1, the other high class, is pulled up (negative gradient); the low classes pushed down.
      assertThat(g[1]).isNegative();
      assertThat(g[2]).isPositive();
      assertThat(g[3]).isPositive();
      // Clip 2 (low): class 3, the other low class, is pulled up.
      assertThat(g[7]).isNegative();
      assertThat(g[5]).isPositive();
    }
  }

  @Test
  void penaltyAloneIsTheL2TermOfTheLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter w1 = weight(m, new float[] {1, -2, 3, 0.5f}, "w1");
      Parameter w2 = weight(m, new float[] {-1, 1}, "w2");
      assertThat(TrainingLoss.penalty(List.of(w1, w2), 0.01, 2)).isCloseTo(0.5 * 0.01 * 16.25 / 2, offset(1e-7));
    }
  }

  /**
   * Round 5b's defect: DJL turned each constant of the loss (the -1/n of the mean, the arousal
   * weight) into a tensor over a Java buffer and let it go at once, while autograd kept it for the
   * backward pass; a garbage collection in between freed the buffer and the gradient came out
   * scaled by garbage (about 1e36). The gradient must not depend on the garbage collector.
   */
  @Test
  void aGarbageCollectionBetweenForwardAndBackwardLeavesTheGradientAlone() throws InterruptedException {
    float[] quiet = lossGradient(false);
    float[] collected = lossGradient(true);
    assertThat(collected).containsExactly(quiet);
    for (float v : quiet) {
      assertThat(Math.abs(v)).isLessThan(1f);
    }
  }

  /** Gradient of the class loss (with an L2 term) plus the arousal term, with or without GCs before backward. */
  private static float[] lossGradient(boolean collectGarbage) throws InterruptedException {
    try (NDManager m = NDManager.newBaseManager()) {
      int n = 8;
      int classes = 7;
      float[] z = new float[n * classes];
      float[] t = new float[n * classes];
      float[] a = new float[n];
      float[] w = new float[n];
      float[] high = {1, 0, 0, 1, 1, 0, 1};
      for (int i = 0; i < z.length; i++) {
        z[i] = (float) Math.sin(i);
      }
      for (int i = 0; i < n; i++) {
        t[i * classes + i % classes] = 1;
        a[i] = high[i % classes];
        w[i] = 1 + i % 2;
      }
      NDArray logits = Tensors.floats(m, z, new Shape(n, classes));
      logits.setRequiresGradient(true);
      Parameter weight = weight(m, new float[] {1, -2, 3, 0.5f}, "w");
      weight.getArray().setRequiresGradient(true);
      try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        NDArray loss = TrainingLoss.compute(logits, Tensors.floats(m, t, new Shape(n, classes)), List.of(weight), 0.1)
            .add(TrainingLoss.arousal(logits, Tensors.floats(m, high, new Shape(1, classes)),
                Tensors.floats(m, a, new Shape(n)), Tensors.floats(m, w, new Shape(n)), 0.5));
        if (collectGarbage) {
          // Several collections with pauses, so that the reference handler frees what they found.
          for (int k = 0; k < 3; k++) {
            System.gc();
            Thread.sleep(50);
          }
        }
        gc.backward(loss);
      }
      float[] g = logits.getGradient().toFloatArray();
      float[] gw = weight.getArray().getGradient().toFloatArray();
      float[] out = java.util.Arrays.copyOf(g, g.length + gw.length);
      System.arraycopy(gw, 0, out, g.length, gw.length);
      return out;
    }
  }

  private static Parameter weight(NDManager m, float[] values, String name) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    p.setArray(m.create(values));
    return p;
  }
}
