package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import art.empathic.model.Network;
import art.empathic.model.Tensors;
import java.util.function.BiFunction;
import java.util.Arrays;

/** Batched evaluation-mode forward passes that return softmax probabilities as Java arrays. */
final class Inference {
  private Inference() {}

  static float[][] probabilities(Network network, float[][] x, int batchSize,
      BiFunction<NDManager, NDArray, NDArray> forward, NDManager parent) {
    int classes = network.classes();
    float[][] out = new float[x.length][];
    int width = x.length == 0 ? 0 : x[0].length;
    for (int from = 0; from < x.length; from += batchSize) {
      int n = Math.min(batchSize, x.length - from);
      float[] flat = new float[n * width];
      for (int i = 0; i < n; i++) {
        System.arraycopy(x[from + i], 0, flat, i * width, width);
      }
      try (NDManager bm = parent.newSubManager()) {
        NDArray logits = forward.apply(bm, Tensors.floats(bm, flat, network.batchShape(n)));
        float[] probs = logits.softmax(1).toFloatArray();
        for (int i = 0; i < n; i++) {
          out[from + i] = Arrays.copyOfRange(probs, i * classes, (i + 1) * classes);
        }
      }
    }
    return out;
  }

  /**
   * Probabilities averaged over several windows of each example (test-time augmentation);
   * without a window, or with one test window, a plain centre-window pass.
   */
  static float[][] windowed(Network network, float[][] x, SequenceWindow w, int testWindows, int batchSize,
      BiFunction<NDManager, NDArray, NDArray> forward, NDManager parent) {
    if (w == null) {
      return probabilities(network, x, batchSize, forward, parent);
    }
    int[] offsets = w.offsets(testWindows);
    // All windows of an example go through the network in one batch: one forward per clip.
    float[][] crops = new float[x.length * offsets.length][];
    for (int i = 0; i < x.length; i++) {
      for (int o = 0; o < offsets.length; o++) {
        crops[i * offsets.length + o] = w.crop(x[i], offsets[o]);
      }
    }
    float[][] p = probabilities(network, crops, batchSize * offsets.length, forward, parent);
    float[][] mean = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      float[] m = new float[p[0].length];
      for (int o = 0; o < offsets.length; o++) {
        float[] row = p[i * offsets.length + o];
        for (int k = 0; k < m.length; k++) {
          m[k] += row[k] / offsets.length;
        }
      }
      mean[i] = m;
    }
    return mean;
  }

}
