package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import art.empathic.model.Architecture;
import art.empathic.model.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step of an MLP-shaped network ({@link Architecture.Mlp}: Dense + ReLU layers, then a
 * Dense layer giving the logits) with the backward pass through the dense layers written out
 * instead of recorded by autograd. The forward pass and the loss are {@link TrainingLoss#compute}'s
 * operations; the loss's gradient with respect to the logits comes from autograd on the loss alone
 * (the logits as its leaf), and the rest is the chain autograd runs for {@code addmm} and
 * {@code relu}, operation for operation:
 *
 * <pre>
 *   forward   a_0 = x,  a_l = relu(a_{l-1} W_l^T + b_l),  z = a_{L-1} W_L^T + b_L
 *   loss      TrainingLoss.compute(z, mask, t)  -&gt;  g = dloss/dz   (autograd, five operations)
 *   backward  dW_l = g^T a_{l-1}  as mm(g.t(), a),   db_l = sum_rows(g)      (AddmmBackward, sum_to)
 *             g = where(a_{l-1} &gt; 0, mm(g, W_l), 0)                        (ReluBackward)
 * </pre>
 *
 * The per-corpus logit mask and the example weights (in the targets) are part of the loss, so
 * both are covered; the L2 term stays in the fused Adam update ({@link ResumableAdam.Builder#l2Parameters}).
 * Why: for these small networks a batch is mostly per-call overhead, and the full graph (saved
 * tensors, the backward of every layer) with DJL's per-parameter gradient fetch, copy and close
 * costs more calls than the operations here. {@code DenseBackpropTest} checks that every gradient
 * equals autograd's bit for bit.
 *
 * <p>The parameters are used through detached aliases (the same storage, never recorded by
 * autograd whatever the thread's grad mode), so Adam's in-place updates are seen at once.
 */
final class DenseBackprop implements AutoCloseable {
  private final List<Parameter> parameters = new ArrayList<>();
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> biases = new ArrayList<>();
  private final NDArray zero;

  /**
   * Whether {@link Fitter} trains this network and these settings with a hand-written gradient:
   * an MLP, no auxiliary arousal loss, and the L2 term (if any) in the optimiser rather than the
   * loss (AdamW with an L2 alpha keeps autograd).
   */
  static boolean supports(Network network, TrainSettings settings) {
    boolean l2InLoss = network.architecture().l2Alpha() > 0 && settings.weightDecay() > 0;
    return network.architecture() instanceof Architecture.Mlp && settings.arousalWeight() == 0 && !l2InLoss;
  }

  /** Aliases the network's current parameter arrays: build it after any parameters were loaded. */
  DenseBackprop(Network network, NDManager manager) {
    for (Linear layer : network.denseLayers()) {
      Parameter w = null;
      Parameter b = null;
      for (Pair<String, Parameter> p : layer.getParameters()) {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          w = p.getValue();
        } else if (p.getValue().getType() == Parameter.Type.BIAS) {
          b = p.getValue();
        }
      }
      if (w == null || b == null) {
        throw new IllegalStateException("a dense layer without weight or bias");
      }
      parameters.add(w);
      parameters.add(b);
      weights.add(alias(w, manager));
      biases.add(alias(b, manager));
    }
    zero = manager.zeros(new Shape(), DataType.FLOAT32);
  }

  private static NDArray alias(Parameter p, NDManager manager) {
    NDArray alias = p.getArray().stopGradient();
    alias.attach(manager);
    return alias;
  }

  /** The result of one batch: logits before any mask, the loss (0-d), gradients in {@link #parameters} order. */
  record Pass(NDArray logits, NDArray loss, List<NDArray> gradients) {}

  /** The parameters the gradients of {@link #run} belong to, weight then bias of each layer. */
  List<Parameter> parameters() {
    return parameters;
  }

  /** The weight aliases (the arrays the L2 penalty is taken of), layer by layer. */
  List<NDArray> weights() {
    return weights;
  }

  /**
   * The forward pass, the loss and its gradient for one batch. {@code x} must live in the batch's
   * manager (every result follows it there); {@code between} (may be null) runs after the loss and
   * before the backward pass, as {@link Fitter}'s test seam.
   */
  Pass run(NDArray x, NDArray mask, NDArray targets, Runnable between) {
    int layers = weights.size();
    NDArray[] inputs = new NDArray[layers];
    NDArray a = x;
    for (int l = 0; l < layers; l++) {
      inputs[l] = a;
      NDArray z = Linear.linear(a, weights.get(l), biases.get(l)).singletonOrThrow();
      a = l < layers - 1 ? Activation.relu(z) : z;
    }
    NDArray logits = a;
    // The loss head stays with autograd, on a graph of five operations from the logits (a leaf
    // here): PyTorch's log-softmax backward kernel uses an exp of its own, so writing it out
    // differs in the last bit, while this keeps every gradient equal to the full graph's.
    logits.setRequiresGradient(true);
    NDArray loss;
    try (GradientCollector gc = logits.getManager().getEngine().newGradientCollector()) {
      loss = TrainingLoss.compute(logits, mask, targets, List.of(), 0);
      if (between != null) {
        between.run();
      }
      gc.backward(loss);
    }
    NDArray g = logits.getGradient();
    NDArray[] grads = new NDArray[2 * layers];
    for (int l = layers - 1; l >= 0; l--) {
      grads[2 * l] = g.swapAxes(0, 1).matMul(inputs[l]);
      grads[2 * l + 1] = g.sum(new int[] {0});
      if (l > 0) {
        NDArray dh = g.matMul(weights.get(l));
        g = NDArrays.where(inputs[l].gt(zero), dh, zero);
      }
    }
    return new Pass(logits, loss, List.of(grads));
  }

  /**
   * The loss and the Frobenius norm of each weight matrix in one array (one copy to Java instead of
   * one per value): {@code [loss, |W_1|, ..., |W_L|]}, each as {@link TrainingLoss#penalty} reads it.
   * Without norms ({@code withNorms} false) only the loss.
   */
  float[] lossAndNorms(NDManager bm, NDArray loss, boolean withNorms) {
    if (!withNorms) {
      return loss.toFloatArray();
    }
    NDList values = new NDList(loss);
    for (NDArray w : weights) {
      NDArray norm = w.norm();
      norm.attach(bm);
      values.add(norm);
    }
    return NDArrays.stack(values).toFloatArray();
  }

  @Override
  public void close() {
    weights.forEach(NDArray::close);
    biases.forEach(NDArray::close);
    zero.close();
  }
}
