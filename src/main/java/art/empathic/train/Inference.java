package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import art.empathic.model.Network;
import java.util.function.BiFunction;

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
        NDArray logits = forward.apply(bm, bm.create(flat, network.batchShape(n)));
        float[] probs = logits.softmax(1).toFloatArray();
        for (int i = 0; i < n; i++) {
          out[from + i] = java.util.Arrays.copyOfRange(probs, i * classes, (i + 1) * classes);
        }
      }
    }
    return out;
  }

  static int argMax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
