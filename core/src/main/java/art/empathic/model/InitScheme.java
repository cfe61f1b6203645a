package art.empathic.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/**
 * Weight initialisation, drawn from a seeded Java generator so that a seed means the same
 * weights everywhere, independent of the engine's RNG.
 */
public enum InitScheme {
  /**
   * PyTorch's defaults: Linear and Conv weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in))
   * (kaiming_uniform with a = sqrt(5)); LSTM and GRU weights and biases U(-1/sqrt(H), 1/sqrt(H));
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

  /**
   * Initialises every parameter of the network for its example shape. Fan-ins are found by
   * propagating the example shape through the layers first, so that biases get the bounds of
   * their layer; values are then drawn in DJL's initialisation order.
   */
  public void initialize(Network network, NDManager manager, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Shape shape = network.batchShape(1);
    for (Network.Layer layer : network.layers()) {
      assign(layer.block(), shape, random);
      shape = layer.block().getOutputShapes(new Shape[] {shape})[0];
    }
    network.block().initialize(manager, DataType.FLOAT32, network.batchShape(1));
  }

  private void assign(Block block, Shape in, SplittableRandom random) {
    Shape out = block.getOutputShapes(new Shape[] {in})[0];
    if (block instanceof Linear) {
      long fanIn = in.get(in.dimension() - 1);
      long fanOut = out.get(out.dimension() - 1);
      uniform(block, this == SKLEARN_GLOROT ? Math.sqrt(6.0 / (fanIn + fanOut)) : 1.0 / Math.sqrt(fanIn), random);
    } else if (block instanceof Convolution conv) {
      long kernel = conv.getKernelShape().size();
      long fanIn = in.get(1) * kernel;
      long fanOut = out.get(1) * kernel;
      uniform(block, this == SKLEARN_GLOROT ? Math.sqrt(6.0 / (fanIn + fanOut)) : 1.0 / Math.sqrt(fanIn), random);
    } else if (block instanceof RecurrentBlock) {
      uniform(block, 1.0 / Math.sqrt(out.get(out.dimension() - 1)), random);
    } else {
      // Containers (Dense + activation; attention pooling, whose score layer sees the steps' width
      // last like a Linear on (N, T, H)): their first child sees the same input. BatchNorm keeps
      // DJL's gamma 1, beta 0, running mean 0 and variance 1.
      Shape s = in;
      for (Pair<String, Block> child : block.getChildren()) {
        assign(child.getValue(), s, random);
        s = child.getValue().getOutputShapes(new Shape[] {s})[0];
      }
    }
  }

  private static void uniform(Block block, double bound, SplittableRandom random) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      p.getValue().setInitializer(new SeededUniform(bound, random));
    }
  }

  /** U(-bound, bound) from a shared Java generator; arrays are created, never written in place. */
  private record SeededUniform(double bound, SplittableRandom random) implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
      float[] values = new float[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) random.nextDouble(-bound, bound);
      }
      return Tensors.floats(manager, values, shape);
    }
  }
}
