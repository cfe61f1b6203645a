package art.empathic.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.util.Pair;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Weight initialisation, drawn from a seeded Java generator so that a seed means the same
 * weights everywhere, independent of the engine's RNG.
 */
public enum InitScheme {
  /**
   * PyTorch's defaults: Linear and Conv weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))
   * (kaiming_uniform with a = sqrt(5)); LSTM weights and biases U(-1/sqrt(H), 1/sqrt(H));
   * BatchNorm gamma 1, beta 0.
   */
  TORCH_DEFAULT,
  /**
   * scikit-learn's MLPClassifier: weights and biases U(-b, b), b = sqrt(6 / (fan_in + fan_out)).
   */
  SKLEARN_GLOROT;

  /** The scheme a family uses by default (the MLP follows scikit-learn, the rest PyTorch). */
  public static InitScheme defaultFor(ModelFamily family) {
    return family == ModelFamily.MLP ? SKLEARN_GLOROT : TORCH_DEFAULT;
  }

  /** Initialises every parameter of the network for its example shape. */
  public void initialize(Network network, NDManager manager, long seed) {
    network.block().initialize(manager, DataType.FLOAT32, network.batchShape(1));
    SplittableRandom random = new SplittableRandom(seed);
    for (Network.Layer layer : network.layers()) {
      fill(layer.block(), random);
    }
  }

  private void fill(Block block, SplittableRandom random) {
    if (block instanceof Linear || block instanceof Conv1d) {
      NDArray w = parameter(block, Parameter.Type.WEIGHT).getArray();
      long fanOut = w.getShape().get(0);
      long fanIn = w.getShape().size() / fanOut;
      double bound = this == SKLEARN_GLOROT ? Math.sqrt(6.0 / (fanIn + fanOut)) : 1.0 / Math.sqrt(fanIn);
      for (Pair<String, Parameter> p : block.getParameters()) {
        uniform(p.getValue().getArray(), bound, random);
      }
    } else if (block instanceof LSTM lstm) {
      long hidden = parameter(lstm, Parameter.Type.WEIGHT).getArray().getShape().get(0) / 4;
      for (Pair<String, Parameter> p : block.getParameters()) {
        uniform(p.getValue().getArray(), 1.0 / Math.sqrt(hidden), random);
      }
    } else {
      // Containers (Dense + activation): recurse. BatchNorm keeps DJL's gamma 1, beta 0, mean 0, var 1.
      for (Pair<String, Block> child : block.getChildren()) {
        fill(child.getValue(), random);
      }
    }
  }

  private static Parameter parameter(Block block, Parameter.Type type) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().getType() == type) {
        return p.getValue();
      }
    }
    throw new IllegalStateException(block + " has no " + type + " parameter");
  }

  private static void uniform(NDArray array, double bound, SplittableRandom random) {
    float[] values = new float[Math.toIntExact(array.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextDouble(-bound, bound));
    }
    array.set(FloatBuffer.wrap(values));
  }
}
