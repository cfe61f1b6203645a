package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adam (Kingma and Ba; bias-corrected as in PyTorch and scikit-learn), optionally with
 * decoupled weight decay (AdamW), whose moment estimates and step count can be saved and
 * restored, so that an interrupted run resumes exactly. DJL's own Adam keeps that state private.
 */
final class ResumableAdam extends Optimizer {
  private final Tracker learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final boolean decoupled;
  private final Map<String, NDArray> means = new ConcurrentHashMap<>();
  private final Map<String, NDArray> variances = new ConcurrentHashMap<>();
  private final Set<String> l2Parameters;
  private float l2Coefficient;

  private ResumableAdam(Builder b) {
    super(b);
    learningRate = b.learningRate;
    beta1 = b.beta1;
    beta2 = b.beta2;
    epsilon = b.epsilon;
    decoupled = b.decoupled;
    l2Parameters = b.l2Parameters;
    if (decoupled && !l2Parameters.isEmpty()) {
      throw new IllegalStateException("the L2 gradient term cannot be combined with decoupled weight decay");
    }
  }

  /** Whether this optimiser adds the L2 gradient term (see {@link Builder#l2Parameters}). */
  boolean appliesL2() {
    return !l2Parameters.isEmpty();
  }

  /** The L2 coefficient for the next steps: {@code alpha / n} for a batch of {@code n}. */
  void setL2Coefficient(float coefficient) {
    l2Coefficient = coefficient;
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public void update(String parameterId, NDArray weight, NDArray grad) {
    int t = updateCount(parameterId);
    float lr = learningRate.getNewValue(t);
    float lrCorrected = (float) (lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t)));
    NDArray m = state(means, parameterId, weight);
    NDArray v = state(variances, parameterId, weight);
    float weightDecay = l2Parameters.contains(parameterId) ? l2Coefficient + getWeightDecay() : getWeightDecay();
    weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, m, v), new NDList(weight), lr, lrCorrected,
        weightDecay, rescaleGrad, clipGrad, beta1, beta2, epsilon, true, decoupled);
  }

  private static NDArray state(Map<String, NDArray> map, String id, NDArray weight) {
    return map.computeIfAbsent(id, k -> {
      NDArray z = weight.zerosLike();
      z.detach(); // owned by the optimiser for the whole run, not by a batch scope
      return z;
    });
  }

  /** Moments of every trainable parameter of {@code block}, in its parameter order (zeros if never updated). */
  NDList exportState(Block block, NDManager manager) {
    NDList out = new NDList();
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient()) {
        out.add(copyOrZeros(means.get(param.getId()), param, manager));
        out.add(copyOrZeros(variances.get(param.getId()), param, manager));
      }
    }
    return out;
  }

  private static NDArray copyOrZeros(NDArray state, Parameter param, NDManager manager) {
    return state == null ? manager.zeros(param.getArray().getShape()) : state.duplicate();
  }

  /** Restores moments written by {@link #exportState} for the same architecture. */
  void importState(Block block, NDList state) {
    int i = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient()) {
        if (i + 1 >= state.size()) {
          throw new IllegalStateException("optimizer state has fewer entries than the model has parameters");
        }
        NDArray m = state.get(i++).duplicate();
        NDArray v = state.get(i++).duplicate();
        if (!m.getShape().equals(param.getArray().getShape())) {
          throw new IllegalStateException("optimizer state shape " + m.getShape() + " does not match parameter "
              + p.getKey() + " " + param.getArray().getShape());
        }
        m.detach();
        v.detach();
        means.put(param.getId(), m);
        variances.put(param.getId(), v);
      }
    }
    if (i != state.size()) {
      throw new IllegalStateException("optimizer state has more entries than the model has parameters");
    }
  }

  void close() {
    means.values().forEach(NDArray::close);
    variances.values().forEach(NDArray::close);
    means.clear();
    variances.clear();
  }

  static final class Builder extends OptimizerBuilder<Builder> {
    private Tracker learningRate = Tracker.fixed(1e-3f);
    private float beta1 = 0.9f;
    private float beta2 = 0.999f;
    private float epsilon = 1e-8f;
    private boolean decoupled;
    private Set<String> l2Parameters = Set.of();

    @Override
    protected Builder self() {
      return this;
    }

    Builder learningRate(Tracker t) {
      learningRate = t;
      return this;
    }

    Builder decoupledWeightDecay(boolean on) {
      decoupled = on;
      return this;
    }

    /**
     * Parameters whose gradient gets {@code coefficient * w} added at each step: the gradient of
     * scikit-learn's L2 term {@code 0.5 * alpha * sum(W^2) / n} is {@code (alpha / n) * W},
     * applied inside the fused update instead of through a dozen extra autograd operations per
     * batch. Only for coupled (non-AdamW) updates.
     */
    Builder l2Parameters(Set<String> ids) {
      l2Parameters = Set.copyOf(ids);
      return this;
    }

    ResumableAdam build() {
      return new ResumableAdam(this);
    }
  }
}
