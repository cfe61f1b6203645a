package art.empathic.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import art.empathic.model.InitScheme;
import art.empathic.model.Network;

/**
 * A trained network ready for prediction: parameters loaded, evaluation mode. Calls are
 * serialised per instance (DJL's parameter store is not made for concurrent forwards); use one
 * instance per thread, or a pool, for parallel prediction.
 */
public final class TrainedModel implements AutoCloseable {
  private static final int BATCH = 256;
  private final Network network;
  private final NDManager manager;

  private TrainedModel(Network network, NDManager manager) {
    this.network = network;
    this.manager = manager;
  }

  /** Loads parameters written by {@link Fitter#saveParameters()} into a freshly built network. */
  public static TrainedModel load(Network network, byte[] parameters) {
    NDManager manager = NDManager.newBaseManager();
    try {
      InitScheme.TORCH_DEFAULT.initialize(network, manager, 0);
      network.loadParameters(manager, parameters);
      return new TrainedModel(network, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  public Network network() {
    return network;
  }

  /**
   * Softmax probabilities, one row per example. Sequences longer than the network's input are
   * seen through {@code testWindows} windows (averaged), as in training's evaluation.
   */
  public synchronized float[][] predict(float[][] x, int testWindows) {
    long[] shape = network.exampleShape().getShape();
    SequenceWindow w = x.length > 0 && shape.length == 2 && x[0].length != network.exampleShape().size()
        ? SequenceWindow.between(new long[] {shape[0], x[0].length / shape[0]}, shape) : null;
    return Inference.windowed(network, x, w, testWindows, BATCH,
        (bm, input) -> network.block().forward(new ParameterStore(bm, false), new NDList(input), false)
            .singletonOrThrow(), manager);
  }

  /** {@link #predict(float[][], int)} with the centre window only. */
  public float[][] predict(float[][] x) {
    return predict(x, 1);
  }

  @Override
  public synchronized void close() {
    manager.close();
  }
}
