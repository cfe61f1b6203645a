package art.empathic.features.dsp;
import java.util.Arrays;

/**
 * {@code librosa.feature.delta}: {@code scipy.signal.savgol_filter(data, width, polyorder=order,
 * deriv=order, delta=1.0, mode="interp", axis=-1)}.
 *
 * <p>With {@code deriv == polyorder} the derivative of the fitted polynomial is a constant, so
 * scipy's "interp" edges (a polynomial fitted to the first / last {@code width} frames, its
 * derivative evaluated at the first / last {@code width / 2} frames) equal the filter's value at
 * the first / last frame where the window fits inside the data.
 */
final class SavitzkyGolay {
  private SavitzkyGolay() {}

  /**
   * The least-squares derivative filter ({@code scipy.signal.savgol_coeffs(width, order,
   * deriv=order, use="dot")}): {@code out[i] = sum_j c[j] * x[i + j - width / 2]}.
   */
  static double[] derivativeCoefficients(int width, int order) {
    int half = width / 2;
    int p = order + 1;
    // Minimum-norm solution of A c = e_order * order!, A[r][j] = (j - half)^r: c = A^T (A A^T)^-1 e.
    double[][] gram = new double[p][p + 1];
    for (int r = 0; r < p; r++) {
      for (int s = 0; s < p; s++) {
        double sum = 0;
        for (int j = 0; j < width; j++) {
          sum += Math.pow(j - half, r + s);
        }
        gram[r][s] = sum;
      }
    }
    double factorial = 1;
    for (int i = 2; i <= order; i++) {
      factorial *= i;
    }
    gram[order][p] = factorial;
    double[] z = solve(gram);
    double[] c = new double[width];
    for (int j = 0; j < width; j++) {
      double sum = 0;
      for (int r = 0; r < p; r++) {
        sum += z[r] * Math.pow(j - half, r);
      }
      c[j] = sum;
    }
    return c;
  }

  /** Gaussian elimination with partial pivoting on an augmented n x (n+1) matrix (modified). */
  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[pivot];
      a[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / a[col][col];
        for (int c = col; c <= n; c++) {
          a[r][c] -= f * a[col][c];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = a[r][n];
      for (int c = r + 1; c < n; c++) {
        sum -= a[r][c] * x[c];
      }
      x[r] = sum / a[r][r];
    }
    return x;
  }

  static float[][] delta(float[][] data, int width, int order) {
    if (data == null || data.length == 0) {
      throw new IllegalArgumentException("delta: no rows of data");
    }
    int n = data[0].length;
    if (width < 3 || width % 2 != 1) {
      throw new IllegalArgumentException("delta: width must be an odd integer >= 3, got " + width);
    }
    if (order < 1 || order >= width) {
      throw new IllegalArgumentException("delta: order must be in 1.." + (width - 1) + " for width " + width + ", got " + order);
    }
    if (width > n) {
      throw new IllegalArgumentException("delta: width " + width + " exceeds the " + n
          + " frames (librosa's mode='interp' needs width <= frames)");
    }
    double[] c = derivativeCoefficients(width, order);
    int half = width / 2;
    float[][] out = new float[data.length][n];
    for (int row = 0; row < data.length; row++) {
      float[] x = data[row];
      if (x.length != n) {
        throw new IllegalArgumentException("delta: row " + row + " has " + x.length + " frames, row 0 has " + n);
      }
      float[] y = out[row];
      for (int i = half; i < n - half; i++) {
        double sum = 0;
        for (int j = 0; j < width; j++) {
          sum += c[j] * x[i + j - half];
        }
        y[i] = (float) sum;
      }
      Arrays.fill(y, 0, half, y[half]);
      Arrays.fill(y, n - half, n, y[n - half - 1]);
    }
    return out;
  }
}
