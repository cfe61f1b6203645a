package art.empathic.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import art.empathic.model.Tensors;

/**
 * The training examples, their target rows and their loss masks held by PyTorch for a whole fit,
 * for fits whose batches are the examples as they are (no sequence window, no feature
 * augmentation, no mixup). Each epoch puts the examples in the epoch's order with one gather per
 * array and splits the result into the epoch's batches, which are views: a batch costs no copy
 * from Java and no fresh native buffer, where assembling it in Java costs a copy of every value
 * into a new direct buffer. The order and the values are the ones {@link Fitter} would assemble.
 *
 * <p>A batch view starts {@code from * width} floats into the epoch's array; when that is not a
 * multiple of 64 bytes the view is copied, so that matrix products see operands aligned as
 * {@link Tensors#floats} aligns them (MKL picks kernels by alignment; see there).
 */
final class ResidentExamples implements AutoCloseable {
  private static final int ALIGNMENT = 64;

  private final NDManager manager;
  private final NDArray x;
  private final NDArray targets;
  private final NDArray masks;
  private final long width;
  private NDManager epoch;
  private NDList xs;
  private NDList ts;
  private NDList ms;
  /** Where each batch starts; the same in every epoch. */
  private final long[] starts;
  /** The epoch's split points: {@code starts} without its first 0. */
  private final long[] cuts;

  /**
   * @param x every example, row-major {@code (n, example shape)}
   * @param targets every example's target row, {@code (n, classes)}
   * @param masks every example's logit mask, {@code (n, classes)}, or null
   * @param batchStarts where each batch of an epoch starts (the last batch runs to the end)
   */
  ResidentExamples(NDManager parent, float[] x, Shape batchShape, float[] targets, float[] masks, int classes,
      long[] batchStarts) {
    starts = batchStarts.clone();
    cuts = java.util.Arrays.copyOfRange(starts, 1, starts.length);
    manager = parent.newSubManager();
    long n = batchShape.get(0);
    width = batchShape.size() / n;
    this.x = Tensors.floats(manager, x, batchShape);
    this.targets = Tensors.floats(manager, targets, new Shape(n, classes));
    this.masks = masks == null ? null : Tensors.floats(manager, masks, new Shape(n, classes));
  }

  /**
   * Orders the examples for an epoch: batch b holds {@code order[starts[b] .. starts[b+1])} (the
   * last batch up to the end).
   */
  void startEpoch(int[] order) {
    endEpoch();
    epoch = manager.newSubManager();
    long[] index = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      index[i] = order[i];
    }
    NDArray idx = epoch.create(index);
    xs = split(x, idx);
    ts = split(targets, idx);
    ms = masks == null ? null : split(masks, idx);
  }

  private NDList split(NDArray all, NDArray idx) {
    NDArray ordered = all.get(idx);
    ordered.attach(epoch);
    NDList parts = ordered.split(cuts, 0);
    parts.attach(epoch);
    return parts;
  }

  /** Batch b's examples (moved to {@code bm}, which closes them). */
  NDArray x(int b, NDManager bm) {
    NDArray v = xs.get(b);
    if (starts[b] * width * Float.BYTES % ALIGNMENT != 0) {
      NDArray copy = v.duplicate();
      copy.attach(bm);
      return copy;
    }
    v.attach(bm);
    return v;
  }

  NDArray targets(int b, NDManager bm) {
    NDArray v = ts.get(b);
    v.attach(bm);
    return v;
  }

  /** Batch b's logit masks, or null when there are none. */
  NDArray masks(int b, NDManager bm) {
    if (ms == null) {
      return null;
    }
    NDArray v = ms.get(b);
    v.attach(bm);
    return v;
  }

  private void endEpoch() {
    if (epoch != null) {
      epoch.close();
      epoch = null;
    }
  }

  @Override
  public void close() {
    endEpoch();
    manager.close();
  }
}
