package art.empathic.features;

/**
 * Where a sequence is cut or padded to a fixed frame count. Cutting keeps {@code frames}
 * consecutive frames; padding adds frames of zeros.
 */
public enum FrameAlign {
  /** Keep the middle frames; pad equally before and after (the extra frame, if odd, after). */
  CENTER,
  /** Keep the first frames; pad after the end. */
  START;

  /**
   * Fits each row of {@code m} ([channel][frame]) to {@code frames} frames and returns the
   * result flattened in C order ([channel][frame]).
   */
  public float[] fit(float[][] m, int frames) {
    int channels = m.length;
    float[] out = new float[channels * frames];
    for (int c = 0; c < channels; c++) {
      float[] row = m[c];
      int t = row.length;
      int src;
      int dst;
      int n = Math.min(t, frames);
      if (t >= frames) {
        src = this == CENTER ? (t - frames) / 2 : 0;
        dst = 0;
      } else {
        src = 0;
        dst = this == CENTER ? (frames - t) / 2 : 0;
      }
      System.arraycopy(row, src, out, c * frames + dst, n);
    }
    return out;
  }
}
