package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * The training objective: mean softmax cross-entropy against (possibly smoothed or mixed)
 * target distributions, plus scikit-learn MLPClassifier's L2 term
 * {@code 0.5 * alpha * sum(W^2) / n_samples} over weight matrices only (no biases), where
 * n_samples is the batch size, as in {@code sklearn.neural_network._multilayer_perceptron._backprop}.
 */
final class TrainingLoss {
  private TrainingLoss() {}

  static NDArray compute(NDArray logits, NDArray targets, List<Parameter> weights, double alpha) {
    NDArray loss = logits.logSoftmax(1).mul(targets).sum(new int[] {1}).neg().mean();
    if (alpha > 0 && !weights.isEmpty()) {
      NDArray squares = null;
      for (Parameter w : weights) {
        NDArray s = w.getArray().square().sum();
        squares = squares == null ? s : squares.add(s);
      }
      long n = logits.getShape().get(0);
      // A float scalar: a double would promote the loss to float64.
      loss = loss.add(squares.mul((float) (0.5 * alpha / n)));
    }
    return loss;
  }
}
