package art.empathic.train;

import java.util.SplittableRandom;
import java.util.Arrays;

/**
 * Cuts a window of frames out of a (channels, frames) example: at a random offset in training
 * (a time-shift augmentation), at the centre for evaluation and prediction. A network built for
 * fewer frames than the stored sequences implies the window.
 */
record SequenceWindow(int channels, int frames, int window) {

  /** The window a network of {@code networkShape} needs from examples of {@code dataShape}; null if none. */
  static SequenceWindow between(long[] dataShape, long[] networkShape) {
    if (Arrays.equals(dataShape, networkShape)) {
      return null;
    }
    if (dataShape.length != 2 || networkShape.length != 2 || dataShape[0] != networkShape[0]
        || networkShape[1] > dataShape[1]) {
      throw new IllegalArgumentException("examples of shape " + Arrays.toString(dataShape)
          + " do not fit a network for " + Arrays.toString(networkShape));
    }
    return new SequenceWindow((int) dataShape[0], (int) dataShape[1], (int) networkShape[1]);
  }

  float[] random(float[] x, SplittableRandom r) {
    return crop(x, r.nextInt(frames - window + 1));
  }

  float[] center(float[] x) {
    return crop(x, (frames - window) / 2);
  }

  float[] crop(float[] x, int offset) {
    float[] out = new float[channels * window];
    for (int c = 0; c < channels; c++) {
      System.arraycopy(x, c * frames + offset, out, c * window, window);
    }
    return out;
  }

  /**
   * The offsets of {@code count} windows spread evenly from the first to the last possible one
   * (the centre for one window).
   */
  int[] offsets(int count) {
    if (count <= 1) {
      return new int[] {(frames - window) / 2};
    }
    int[] o = new int[count];
    for (int i = 0; i < count; i++) {
      o[i] = (int) Math.round(i * (frames - window) / (double) (count - 1));
    }
    return o;
  }

  /** Centre windows of every example (the examples themselves when there is no window). */
  static float[][] centers(SequenceWindow w, float[][] x) {
    if (w == null) {
      return x;
    }
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = w.center(x[i]);
    }
    return out;
  }
}
