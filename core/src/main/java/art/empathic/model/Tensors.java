package art.empathic.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float arrays handed to PyTorch in memory aligned to 64 bytes.
 *
 * <p>Why: DJL's {@code NDManager.create(float[])} copies into a fresh direct buffer and PyTorch
 * uses that memory in place, at whatever address malloc gave it. MKL's matrix products (and
 * oneDNN's convolutions) pick their code path by the alignment of their operands and do not
 * promise bit-equal results across paths, so a model trained twice in one long-lived JVM (as
 * {@code demo} does) could end a few tenths of a point apart. PyTorch's own allocator aligns
 * to 64 bytes; this does the same for the arrays we create, without an extra copy.
 */
public final class Tensors {
  private static final int ALIGNMENT = 64;

  private Tensors() {}

  /** A float32 array of {@code shape} holding {@code values}, 64-byte aligned, attached to {@code manager}. */
  public static NDArray floats(NDManager manager, float[] values, Shape shape) {
    if (shape.size() != values.length) {
      throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
    }
    int bytes = Math.multiplyExact(values.length, Float.BYTES);
    // alignedSlice moves the start up and the end down to multiples of ALIGNMENT: leave room for both.
    int rounded = (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    ByteBuffer aligned = ByteBuffer.allocateDirect(rounded + ALIGNMENT).alignedSlice(ALIGNMENT);
    aligned.limit(bytes);
    // slice() keeps the address (and so the alignment) but resets the byte order.
    ByteBuffer buffer = aligned.slice().order(ByteOrder.nativeOrder());
    buffer.asFloatBuffer().put(values);
    return manager.create(buffer, shape, DataType.FLOAT32);
  }

  /**
   * A float32 scalar (shape ()) holding {@code value}, allocated by PyTorch and attached to the
   * manager of {@code like}: use it instead of DJL's {@code NDArray.mul(Number)} (and the other
   * operations taking a Java number) wherever autograd records the operation.
   *
   * <p>Why: DJL turns a number into a 0-d tensor over a fresh Java direct buffer (PyTorch's
   * {@code from_blob}, no copy) and closes it as soon as the operation returns. Autograd keeps
   * that tensor for the backward pass (the gradient of {@code a * s} with respect to {@code a} is
   * {@code s}), but nothing in Java keeps the buffer: a garbage collection between the forward and
   * the backward pass frees its memory, the allocator writes its own bookkeeping there, and the
   * backward pass multiplies the gradient by that garbage (about 1e36 when measured). Adam then
   * takes one wild step and stalls, or turns every weight NaN: fits that depended on when the JVM
   * collected garbage (docs/research/GENERALIZATION.md, "Reproducible fits"). A tensor PyTorch
   * allocated lives as long as autograd holds it, whatever Java does.
   */
  public static NDArray scalar(NDArray like, float value) {
    return like.getManager().full(new Shape(), value, DataType.FLOAT32);
  }

  /** A shape of ints as the longs DJL's {@code Shape} takes. */
  public static long[] toLongs(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
