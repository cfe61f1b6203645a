package art.empathic.train;

import java.util.Arrays;

/**
 * Model-ready examples in memory: one flat float vector per example (row-major in
 * {@code exampleShape}: {@code (features)} or {@code (channels, frames)}), a class index each,
 * and the speaker of each (for per-speaker normalisation and reporting).
 */
public record ExampleSet(float[][] x, int[] y, String[] speakers, long[] exampleShape) {
  public ExampleSet {
    long size = Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
    if (x.length != y.length || x.length != speakers.length) {
      throw new IllegalArgumentException("examples, labels and speakers differ in count: "
          + x.length + ", " + y.length + ", " + speakers.length);
    }
    for (float[] row : x) {
      if (row.length != size) {
        throw new IllegalArgumentException("an example has " + row.length + " values, shape "
            + Arrays.toString(exampleShape) + " needs " + size);
      }
    }
  }

  public int size() {
    return x.length;
  }

  /** Values per example. */
  public int width() {
    return x.length == 0 ? (int) Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b) : x[0].length;
  }

  /** The examples at the given indices, in that order. */
  public ExampleSet select(int[] indices) {
    float[][] sx = new float[indices.length][];
    int[] sy = new int[indices.length];
    String[] ss = new String[indices.length];
    for (int i = 0; i < indices.length; i++) {
      sx[i] = x[indices[i]];
      sy[i] = y[indices[i]];
      ss[i] = speakers[indices[i]];
    }
    return new ExampleSet(sx, sy, ss, exampleShape);
  }

  /** This set followed by another of the same shape. */
  public ExampleSet concat(ExampleSet other) {
    if (!Arrays.equals(exampleShape, other.exampleShape)) {
      throw new IllegalArgumentException("cannot join example shapes " + Arrays.toString(exampleShape)
          + " and " + Arrays.toString(other.exampleShape));
    }
    float[][] cx = Arrays.copyOf(x, x.length + other.x.length);
    System.arraycopy(other.x, 0, cx, x.length, other.x.length);
    int[] cy = Arrays.copyOf(y, y.length + other.y.length);
    System.arraycopy(other.y, 0, cy, y.length, other.y.length);
    String[] cs = Arrays.copyOf(speakers, speakers.length + other.speakers.length);
    System.arraycopy(other.speakers, 0, cs, speakers.length, other.speakers.length);
    return new ExampleSet(cx, cy, cs, exampleShape);
  }
}
