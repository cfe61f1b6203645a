package art.empathic.features.dsp;
import java.util.Arrays;

/**
 * {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm="slaney")}: Slaney's
 * mel scale (linear below 1 kHz, logarithmic above), triangular filters between consecutive
 * mel band edges, each scaled by {@code 2 / (f[i+2] - f[i])} so it has unit area.
 *
 * <p>Computed in double precision exactly as librosa does, then stored as float32 like
 * librosa's default {@code dtype=np.float32}. Kept sparse: each filter is its non-zero run of
 * FFT bins ({@link #firstBin(int)} and {@link #weights(int)}). Immutable.
 */
public final class MelFilterbank {
  private static final double F_SP = 200.0 / 3; // Hz per mel below 1 kHz
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOGSTEP = Math.log(6.4) / 27.0;

  private final int nBins;
  private final int[] firstBin;
  private final float[][] weights;

  /**
   * @param sampleRate sample rate in Hz
   * @param nFft FFT size; the filters cover its {@code nFft / 2 + 1} bins
   * @param nMels number of filters
   * @param fmin lowest band edge in Hz
   * @param fmax highest band edge in Hz
   */
  public MelFilterbank(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
    nBins = nFft / 2 + 1;
    // np.fft.rfftfreq(n_fft, d=1.0/sr), operation for operation.
    double binHz = 1.0 / (nFft * (1.0 / sampleRate));
    double[] melF = melFrequencies(nMels + 2, fmin, fmax);
    firstBin = new int[nMels];
    weights = new float[nMels][];
    float[] dense = new float[nBins];
    for (int i = 0; i < nMels; i++) {
      double lowDiff = melF[i + 1] - melF[i];
      double highDiff = melF[i + 2] - melF[i + 1];
      double enorm = 2.0 / (melF[i + 2] - melF[i]);
      int first = -1;
      int last = -2;
      for (int k = 0; k < nBins; k++) {
        double f = k * binHz;
        double lower = -(melF[i] - f) / lowDiff;
        double upper = (melF[i + 2] - f) / highDiff;
        // librosa stores the ramp as float32 first, then multiplies by the float64 norm.
        float w = (float) ((float) Math.max(0, Math.min(lower, upper)) * enorm);
        dense[k] = w;
        if (w != 0) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      // An empty filter (more bands than the FFT resolves; librosa warns) stays all zero.
      firstBin[i] = Math.max(first, 0);
      weights[i] = first < 0 ? new float[0] : Arrays.copyOfRange(dense, first, last + 1);
    }
  }

  /** {@code librosa.hz_to_mel(hz, htk=False)}. */
  public static double hzToMel(double hz) {
    return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP;
  }

  /** {@code librosa.mel_to_hz(mel, htk=False)}. */
  public static double melToHz(double mel) {
    return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
  }

  /** {@code librosa.mel_frequencies(n, fmin, fmax, htk=False)}: n points evenly spaced in mel. */
  public static double[] melFrequencies(int n, double fmin, double fmax) {
    double minMel = hzToMel(fmin);
    double maxMel = hzToMel(fmax);
    double[] hz = new double[n];
    double step = (maxMel - minMel) / (n - 1); // np.linspace: i * step + start, last = stop
    for (int i = 0; i < n; i++) {
      hz[i] = melToHz(i == 0 ? minMel : i == n - 1 ? maxMel : i * step + minMel);
    }
    return hz;
  }

  /** Number of filters. */
  public int nMels() {
    return weights.length;
  }

  /** Number of FFT bins the filters span ({@code nFft / 2 + 1}). */
  public int nBins() {
    return nBins;
  }

  /** The first FFT bin with a non-zero weight in filter {@code m}. */
  public int firstBin(int m) {
    return firstBin[m];
  }

  /** The non-zero weights of filter {@code m}, starting at {@link #firstBin(int)} (a copy). */
  public float[] weights(int m) {
    return weights[m].clone();
  }

  /** Filter {@code m} as a dense row of {@link #nBins()} weights, like a row of librosa's matrix. */
  public float[] denseRow(int m) {
    float[] row = new float[nBins];
    System.arraycopy(weights[m], 0, row, firstBin[m], weights[m].length);
    return row;
  }

  /** Fills {@code mel[m]} with each filter applied to one power spectrum. */
  void apply(float[] power, float[] mel) {
    for (int m = 0; m < weights.length; m++) {
      float[] w = weights[m];
      int base = firstBin[m];
      // Four independent partial sums: the CPU overlaps them instead of waiting on one chain.
      float acc0 = 0;
      float acc1 = 0;
      float acc2 = 0;
      float acc3 = 0;
      int j = 0;
      for (; j + 3 < w.length; j += 4) {
        acc0 += w[j] * power[base + j];
        acc1 += w[j + 1] * power[base + j + 1];
        acc2 += w[j + 2] * power[base + j + 2];
        acc3 += w[j + 3] * power[base + j + 3];
      }
      for (; j < w.length; j++) {
        acc0 += w[j] * power[base + j];
      }
      mel[m] = (acc0 + acc1) + (acc2 + acc3);
    }
  }
}
