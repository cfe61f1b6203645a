package art.empathic.features.dsp;

/**
 * Fundamental frequency by YIN (de Cheveigné and Kawahara 2002), equal to {@code librosa.yin}
 * (librosa 0.10, {@code center=True, pad_mode="constant"}): the cumulative mean normalised
 * difference over lags {@code floor(sr / fmax)..min(ceil(sr / fmin), frame - win - 1)}, the first
 * trough under {@code troughThreshold} (else the global minimum), refined by parabolic
 * interpolation. Besides F0 it returns each frame's minimum of the normalised difference, the
 * aperiodicity (near 0 for a clean periodic frame, near 1 or above for noise), which callers use
 * as a voicing measure. The difference function is computed directly rather than through FFTs
 * (the window summed hop by hop, eight lags at a time); librosa's two zero thresholds
 * (|autocorrelation| and |energy| below 1e-6) are kept.
 *
 * @param sampleRate sample rate of the audio
 * @param fmin lowest F0 in Hz
 * @param fmax highest F0 in Hz
 * @param frameLength samples per analysis frame (the window of librosa's framing)
 * @param hopLength samples between frames
 * @param troughThreshold absolute threshold on the normalised difference (librosa's 0.1)
 */
public record Yin(int sampleRate, double fmin, double fmax, int frameLength, int hopLength, double troughThreshold) {

  /** Per-frame output: F0 in Hz and the aperiodicity (minimum normalised difference). */
  public record Track(double[] f0, double[] aperiodicity) {
    public int frames() {
      return f0.length;
    }
  }

  public Yin {
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
  public static Yin speech(int sampleRate) {
    return new Yin(sampleRate, 65.0, Math.min(500.0, sampleRate / 2.0), 1024, 256, 0.1);
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
    double[] acf = new double[maxPeriod + 1];
    double[] cmnd = new double[maxPeriod - minPeriod + 1];
    // A window of whole hops is summed hop by hop: each hop's part of the autocorrelation is
    // computed once and shared by the win / hop frames that overlap it (half the work at the
    // speech settings). Other windows are summed whole.
    int parts = win % hopLength == 0 && win > hopLength ? win / hopLength : 1;
    double[][] part = new double[parts][maxPeriod + 1];
    for (int f = 0; f < frames; f++) {
      int s = f * hopLength;
      // d(tau) = E(0) + E(tau) - 2 acf(tau), with E(tau) = sum_{j=tau+1}^{tau+win} x^2, acf over j = 1..win.
      double e0 = 0;
      for (int j = 1; j <= win; j++) {
        e0 += x[s + j] * x[s + j];
      }
      double e0z = Math.abs(e0) < 1e-6 ? 0 : e0;
      if (parts == 1) {
        autocorrelation(x, s, win, maxPeriod, acf);
      } else {
        for (int b = f == 0 ? 0 : f + parts - 1; b < f + parts; b++) {
          autocorrelation(x, b * hopLength, hopLength, maxPeriod, part[b % parts]);
        }
        System.arraycopy(part[f % parts], 0, acf, 0, maxPeriod + 1);
        for (int i = 1; i < parts; i++) {
          double[] p = part[(f + i) % parts];
          for (int tau = 0; tau <= maxPeriod; tau++) {
            acf[tau] += p[tau];
          }
        }
      }
      double e = e0;
      for (int tau = 0; tau <= maxPeriod; tau++) {
        if (tau > 0) {
          double out = x[s + tau];
          double in = x[s + tau + win];
          e += in * in - out * out;
        }
        double a = Math.abs(acf[tau]) < 1e-6 ? 0 : acf[tau];
        double ez = Math.abs(e) < 1e-6 ? 0 : e;
        d[tau] = e0z + ez - 2 * a;
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

  /**
   * {@code acf[tau] = sum_{j=1..len} x[s+j] x[s+j+tau]} for every lag up to {@code maxLag}, eight
   * lags at a time: each sample is loaded once for eight products, and the eight sums are
   * independent chains the CPU overlaps (one lag at a time waits on one chain of additions).
   * Each lag's sum adds its products in order of j, as the one-lag loop does.
   */
  static void autocorrelation(double[] x, int s, int len, int maxLag, double[] acf) {
    int tau = 0;
    for (; tau + 7 <= maxLag; tau += 8) {
      double a0 = 0;
      double a1 = 0;
      double a2 = 0;
      double a3 = 0;
      double a4 = 0;
      double a5 = 0;
      double a6 = 0;
      double a7 = 0;
      for (int j = s + 1; j <= s + len; j++) {
        double xj = x[j];
        int k = j + tau;
        a0 += xj * x[k];
        a1 += xj * x[k + 1];
        a2 += xj * x[k + 2];
        a3 += xj * x[k + 3];
        a4 += xj * x[k + 4];
        a5 += xj * x[k + 5];
        a6 += xj * x[k + 6];
        a7 += xj * x[k + 7];
      }
      acf[tau] = a0;
      acf[tau + 1] = a1;
      acf[tau + 2] = a2;
      acf[tau + 3] = a3;
      acf[tau + 4] = a4;
      acf[tau + 5] = a5;
      acf[tau + 6] = a6;
      acf[tau + 7] = a7;
    }
    for (; tau <= maxLag; tau++) {
      double a = 0;
      for (int j = s + 1; j <= s + len; j++) {
        a += x[j] * x[j + tau];
      }
      acf[tau] = a;
    }
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

  /**
   * Root-mean-square energy per centred frame, equal to {@code librosa.feature.rms(y=y,
   * frame_length=, hop_length=, center=True, pad_mode="constant")}.
   */
  public static double[] rms(float[] y, int frameLength, int hopLength) {
    int pad = frameLength / 2;
    int n = y.length + 2 * pad;
    int frames = 1 + (n - frameLength) / hopLength;
    double[] out = new double[frames];
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int k = 0; k < frameLength; k++) {
        int i = f * hopLength + k - pad;
        if (i >= 0 && i < y.length) {
          sum += (double) y[i] * y[i];
        }
      }
      out[f] = Math.sqrt(sum / frameLength);
    }
    return out;
  }
}
