package art.empathic.features.dsp;

/**
 * {@link Yin} as it was first written (one lag at a time over the whole window, librosa's
 * formulas line by line), kept as the reference the faster {@link Yin} is checked against
 * ({@code YinEqualityTest}).
 */
record YinReference(int sampleRate, double fmin, double fmax, int frameLength, int hopLength, double troughThreshold) {

  /** Per-frame output: F0 in Hz and the aperiodicity (minimum normalised difference). */
  public record Track(double[] f0, double[] aperiodicity) {
    public int frames() {
      return f0.length;
    }
  }

  YinReference {
    if (sampleRate <= 0 || !(fmin > 0) || !(fmax > fmin) || fmax > sampleRate / 2.0) {
      throw new IllegalArgumentException("yin: need 0 < fmin < fmax <= sr/2, got fmin " + fmin + ", fmax " + fmax
          + ", sr " + sampleRate);
    }
    if (frameLength < 4 || hopLength <= 0) {
      throw new IllegalArgumentException("yin: frame length must be >= 4 and hop positive, got " + frameLength + ", "
          + hopLength);
    }
    int win = frameLength / 2;
    int minPeriod = (int) Math.floor(sampleRate / fmax);
    int maxPeriod = Math.min((int) Math.ceil(sampleRate / fmin), frameLength - win - 1);
    if (minPeriod < 1 || maxPeriod - minPeriod < 2) {
      throw new IllegalArgumentException("yin: the lag range " + minPeriod + ".." + maxPeriod + " is too small; "
          + "widen fmin/fmax or lengthen the frame");
    }
  }

  /** The settings the project analyses speech at: 65-500 Hz, frame 1024, hop 256 (16 kHz: 64 ms / 16 ms). */
  static YinReference speech(int sampleRate) {
    return new YinReference(sampleRate, 65.0, Math.min(500.0, sampleRate / 2.0), 1024, 256, 0.1);
  }

  /** Frames of a signal of n samples (librosa, centred): 1 + n / hop. */
  public int frameCount(int n) {
    return 1 + n / hopLength;
  }

  /** F0 and aperiodicity of mono samples, one value per centred frame. */
  public Track track(float[] y) {
    int win = frameLength / 2;
    int minPeriod = (int) Math.floor(sampleRate / fmax);
    int maxPeriod = Math.min((int) Math.ceil(sampleRate / fmin), frameLength - win - 1);
    int pad = frameLength / 2;
    int n = y.length + 2 * pad;
    int frames = 1 + (n - frameLength) / hopLength;
    double[] x = new double[n];
    for (int i = 0; i < y.length; i++) {
      x[pad + i] = y[i];
    }
    double[] f0 = new double[frames];
    double[] aper = new double[frames];
    double[] d = new double[maxPeriod + 1];
    double[] cmnd = new double[maxPeriod - minPeriod + 1];
    for (int f = 0; f < frames; f++) {
      int s = f * hopLength;
      // d(tau) = E(0) + E(tau) - 2 acf(tau), with E(tau) = sum_{j=tau+1}^{tau+win} x^2, acf over j = 1..win.
      double e0 = 0;
      for (int j = 1; j <= win; j++) {
        e0 += x[s + j] * x[s + j];
      }
      double e0z = Math.abs(e0) < 1e-6 ? 0 : e0;
      double e = e0;
      for (int tau = 0; tau <= maxPeriod; tau++) {
        if (tau > 0) {
          double out = x[s + tau];
          double in = x[s + tau + win];
          e += in * in - out * out;
        }
        double acf = 0;
        for (int j = 1; j <= win; j++) {
          acf += x[s + j] * x[s + j + tau];
        }
        if (Math.abs(acf) < 1e-6) {
          acf = 0;
        }
        double ez = Math.abs(e) < 1e-6 ? 0 : e;
        d[tau] = e0z + ez - 2 * acf;
      }
      double cum = 0;
      for (int tau = 1; tau <= maxPeriod; tau++) {
        cum += d[tau];
        if (tau >= minPeriod) {
          cmnd[tau - minPeriod] = d[tau] / (cum / tau + Double.MIN_NORMAL);
        }
      }
      int m = cmnd.length;
      int chosen = -1;
      int globalMin = 0;
      double minValue = cmnd[0];
      for (int i = 0; i < m; i++) {
        if (cmnd[i] < minValue) {
          minValue = cmnd[i];
          globalMin = i;
        }
        boolean trough = i == 0 ? cmnd[0] < cmnd[1]
            : cmnd[i] < cmnd[i - 1] && cmnd[i] <= cmnd[Math.min(i + 1, m - 1)];
        if (chosen < 0 && trough && cmnd[i] < troughThreshold) {
          chosen = i;
        }
      }
      int p = chosen >= 0 ? chosen : globalMin;
      double period = minPeriod + p + parabolicShift(cmnd, p);
      f0[f] = sampleRate / period;
      aper[f] = minValue;
    }
    return new Track(f0, aper);
  }

  /** librosa's parabolic interpolation shift at index i (0 at both ends or when the vertex is too far). */
  private static double parabolicShift(double[] c, int i) {
    if (i == 0 || i == c.length - 1) {
      return 0;
    }
    double a = c[i + 1] + c[i - 1] - 2 * c[i];
    double b = (c[i + 1] - c[i - 1]) / 2;
    return Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
  }
}
