package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import art.empathic.model.Tensors;
import java.util.List;

/**
 * The training objective: mean softmax cross-entropy against (possibly smoothed or mixed)
 * target distributions, plus scikit-learn MLPClassifier's L2 term
 * {@code 0.5 * alpha * sum(W^2) / n_samples} over weight matrices only (no biases), where
 * n_samples is the batch size, as in {@code sklearn.neural_network._multilayer_perceptron._backprop}.
 */
final class TrainingLoss {
  private TrainingLoss() {}

  /** Added to the logits of classes a clip's corpus lacks: their softmax share becomes 0 (exp(-1e4) underflows). */
  static final float EXCLUDED = -1e4f;

  /**
   * As {@link #compute(NDArray, NDArray, List, double)}, with the softmax of each example
   * restricted to the classes its corpus has: {@code mask} holds 0 for allowed classes and
   * {@link #EXCLUDED} for the others (null: every class allowed). The targets must be 0 on
   * excluded classes.
   */
  static NDArray compute(NDArray logits, NDArray mask, NDArray targets, List<Parameter> weights, double alpha) {
    return compute(mask == null ? logits : logits.add(mask), targets, weights, alpha);
  }

  static NDArray compute(NDArray logits, NDArray targets, List<Parameter> weights, double alpha) {
    long n = logits.getShape().get(0);
    // sum(log p * t) * (-1/n): the mean cross-entropy in three operations (each costs a JNI call
    // forward and another backward, which dominates for the small networks here).
    // Every constant below is a tensor PyTorch allocated (Tensors.scalar), never mul(Number): autograd
    // keeps the constant for the backward pass, and DJL's number tensor may be freed by then.
    NDArray loss = logits.logSoftmax(1).mul(targets).sum();
    loss = loss.mul(Tensors.scalar(loss, -1f / n));
    if (alpha > 0 && !weights.isEmpty()) {
      NDArray squares = null;
      for (Parameter w : weights) {
        NDArray s = w.getArray().square().sum();
        squares = squares == null ? s : squares.add(s);
      }
      // A float scalar: a double would promote the loss to float64.
      loss = loss.add(squares.mul(Tensors.scalar(squares, (float) (0.5 * alpha / n))));
    }
    return loss;
  }

  /**
   * The auxiliary arousal term of multi-task training: {@code -weight / n * sum_i w_i * [a_i log P_i
   * + (1 - a_i) log(1 - P_i)]}, where {@code P_i} is the softmax probability summed over the
   * high-arousal classes ({@code high} holds 1 for those, 0 for the others, shape (1, C)),
   * {@code a_i} is 1 when example i's label is of high arousal, and {@code w_i} its example weight.
   * {@code logits} must already carry any per-corpus mask.
   */
  static NDArray arousal(NDArray logits, NDArray high, NDArray target, NDArray exampleWeights, double weight) {
    long n = logits.getShape().get(0);
    NDArray p = logits.softmax(1).mul(high).sum(new int[] {1}).clip(1e-7f, 1 - 1e-7f);
    NDArray one = Tensors.scalar(p, 1f);
    // 1 - a and 1 - P as -a + 1 and -P + 1 (neg, then add a PyTorch-owned 1: see compute).
    NDArray ll = target.mul(p.log()).add(target.neg().add(one).mul(p.neg().add(one).log()));
    NDArray sum = ll.mul(exampleWeights).sum();
    return sum.mul(Tensors.scalar(sum, (float) (-weight / n)));
  }

  /** The value of the L2 term {@code 0.5 * alpha * sum(W^2) / n}, computed outside any gradient tape. */
  static double penalty(List<Parameter> weights, double alpha, long n) {
    float[] norms = new float[weights.size()];
    for (int i = 0; i < norms.length; i++) {
      try (NDArray norm = weights.get(i).getArray().norm()) { // closed here: it would otherwise live as long as the model
        norms[i] = norm.getFloat();
      }
    }
    return penaltyOfNorms(norms, 0, alpha, n);
  }

  /** {@link #penalty} from the weights' Frobenius norms, {@code norms[from..]} (float32, as PyTorch returns them). */
  static double penaltyOfNorms(float[] norms, int from, double alpha, long n) {
    double squares = 0;
    for (int i = from; i < norms.length; i++) {
      double v = norms[i];
      squares += v * v;
    }
    return 0.5 * alpha * squares / n;
  }
}
