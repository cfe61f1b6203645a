package art.empathic.eval;

/** The index of the largest score: the predicted class. Ties go to the lowest index. */
public final class ArgMax {
  private ArgMax() {}

  /** The index of the largest value of {@code v}. */
  public static int of(float[] v) {
    return of(v, 0, v.length);
  }

  /** The offset (0 to {@code count - 1}) of the largest of {@code v[from .. from+count)}. */
  public static int of(float[] v, int from, int count) {
    int best = 0;
    for (int k = 1; k < count; k++) {
      if (v[from + k] > v[from + best]) {
        best = k;
      }
    }
    return best;
  }
}
