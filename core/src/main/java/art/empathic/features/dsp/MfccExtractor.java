package art.empathic.features.dsp;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.jtransforms.dct.DoubleDCT_1D;
import org.jtransforms.fft.DoubleFFT_1D;
import java.util.Arrays;
import java.util.Objects;

/**
 * librosa-equal MFCC and log-mel spectrogram for one parameter set. Thread-safe; build once per
 * {@link MfccConfig} and reuse.
 *
 * <p>Matrices are laid out like librosa's: {@code [coefficient][frame]}. The pipeline is
 * librosa's (>= 0.10) code path, step for step:
 *
 * <ol>
 *   <li>frames of {@code nFft} samples every {@code hopLength}; with {@code center} the signal
 *       is padded by {@code nFft / 2} zeros on both sides ({@code pad_mode="constant"}), giving
 *       {@code 1 + (n + 2 * (nFft / 2) - nFft) / hop} frames, else {@code 1 + (n - nFft) / hop}
 *       (and a signal shorter than {@code nFft} is an error, as in librosa);
 *   <li>the periodic Hann window of {@code winLength}, centred in {@code nFft} (float64, like
 *       librosa's), times the float32 samples, a double-precision real FFT (JTransforms), the
 *       power {@code |X|^2};
 *   <li>the Slaney mel filterbank ({@link MelFilterbank}, float32 weights);
 *   <li>{@code power_to_db(ref=1.0, amin=1e-10, top_db)}: the floor is {@code top_db} below the
 *       maximum over the whole clip, rounded to float32 like librosa's;
 *   <li>DCT-II with orthonormal scaling, keeping the first {@code nMfcc} coefficients.
 * </ol>
 *
 * <p>Window, filterbank and DCT matrix are computed once per instance. Each call takes an FFT
 * workspace from a small pool (one per concurrent caller) and allocates only its result-sized
 * buffers: nothing is allocated per frame.
 */
public final class MfccExtractor {
  private static final float AMIN = 1e-10f;
  /** Longest padded signal whose buffer a workspace keeps for the next call (8 MiB of doubles). */
  private static final int KEPT_SIGNAL = 1 << 20;

  private final MfccConfig config;
  private final int nFft;
  private final int nBins;
  private final int hop;
  private final int pad;
  private final double[] window;
  private final MelFilterbank filterbank;
  /**
   * Orthonormal DCT-II rows {@code [nMfcc * nMels]} for mel counts JTransforms' DCT does not
   * handle without allocating per call (not a power of two); null otherwise.
   */
  private final double[] dctMatrix;
  private final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();

  /** FFT / DCT plans and per-frame buffers that one caller uses at a time. */
  private static final class Workspace {
    final DoubleFFT_1D fft;
    final DoubleDCT_1D fastDct;
    final double[] frame;
    final float[] power;
    final float[] mel;
    final double[] cepstrum;
    final double[] dctInput;
    /** The current call's padded signal (see {@link MfccExtractor#paddedSignal}). */
    double[] signal = new double[0];

    Workspace(int nFft, int nBins, int nMels) {
      fft = new DoubleFFT_1D(nFft);
      fastDct = usesFastDct(nMels) ? new DoubleDCT_1D(nMels) : null;
      frame = new double[nFft];
      power = new float[nBins];
      mel = new float[nMels];
      cepstrum = new double[nMels];
      dctInput = new double[nMels];
    }
  }

  /** A power-of-two DCT runs as an FFT (about 5x faster than the 40 x 128 product at 128 mels). */
  private static boolean usesFastDct(int nMels) {
    return nMels >= 16 && Integer.bitCount(nMels) == 1;
  }

  public MfccExtractor(MfccConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    nFft = config.nFft();
    nBins = nFft / 2 + 1;
    hop = config.hopLength();
    pad = config.center() ? nFft / 2 : 0;
    window = new double[nFft];
    double[] hann = periodicHann(config.winLength());
    System.arraycopy(hann, 0, window, (nFft - hann.length) / 2, hann.length); // librosa.util.pad_center
    filterbank = new MelFilterbank(config.sampleRate(), nFft, config.nMels(), config.fmin(), config.fmax());
    dctMatrix = usesFastDct(config.nMels()) ? null : orthonormalDct(config.nMfcc(), config.nMels());
  }

  public MfccConfig config() {
    return config;
  }

  /** The mel filterbank this extractor applies. */
  public MelFilterbank filterbank() {
    return filterbank;
  }

  /**
   * {@code scipy.signal.get_window("hann", n, fftbins=True)}, built the way scipy's
   * {@code general_cosine} builds it: {@code 0.5 + 0.5 cos(-pi + i * 2 pi / n)}.
   */
  static double[] periodicHann(int n) {
    double[] w = new double[n];
    if (n == 1) {
      w[0] = 1;
      return w;
    }
    double step = 2 * Math.PI / n; // np.linspace(-pi, pi, n + 1)
    for (int i = 0; i < n; i++) {
      w[i] = 0.5 + 0.5 * Math.cos(i * step - Math.PI);
    }
    return w;
  }

  /** Rows of {@code scipy.fft.dct(type=2, norm="ortho")}, the first {@code nOut} of {@code n}. */
  static double[] orthonormalDct(int nOut, int n) {
    double[] d = new double[nOut * n];
    for (int k = 0; k < nOut; k++) {
      double scale = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
      for (int m = 0; m < n; m++) {
        d[k * n + m] = scale * Math.cos(Math.PI * k * (2 * m + 1) / (2.0 * n));
      }
    }
    return d;
  }

  /** Frames librosa produces for a signal of {@code n} samples; throws where librosa raises. */
  public int frameCount(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("no audio samples to analyse");
    }
    if (!config.center() && n < nFft) {
      throw new IllegalArgumentException("n_fft=" + nFft + " is too large for uncentered analysis of a signal of "
          + n + " samples (librosa raises here too; use centered frames or a smaller n_fft)");
    }
    return 1 + (n + 2 * pad - nFft) / hop;
  }

  /** {@code librosa.feature.mfcc(y=y, sr=config.sampleRate, ...)}: shape [nMfcc][frames]. */
  public float[][] mfcc(float[] y) {
    int frames = frameCount(y.length);
    Workspace ws = acquire();
    try {
      return cepstra(logMel(y, frames, ws), frames, ws);
    } finally {
      workspaces.offer(ws);
    }
  }

  /** The first nMfcc DCT coefficients of each frame of a log-mel matrix stored frame by frame ([t * nMels + m]). */
  private float[][] cepstra(float[] db, int frames, Workspace ws) {
    int nMels = config.nMels();
    int nMfcc = config.nMfcc();
    float[][] out = new float[nMfcc][frames];
    double[] cepstrum = ws.cepstrum;
    for (int t = 0; t < frames; t++) {
      for (int m = 0; m < nMels; m++) {
        cepstrum[m] = db[t * nMels + m];
      }
      dct(cepstrum, ws);
      for (int k = 0; k < nMfcc; k++) {
        out[k][t] = (float) cepstrum[k];
      }
    }
    return out;
  }

  /**
   * The MFCC of a log-mel matrix from {@link #melDb}: bit for bit what {@link #mfcc} returns for
   * the same signal (the same DCT of the same float values), so a cache can keep the log-mel
   * rows alone. Shape [nMfcc][frames].
   */
  public float[][] mfccFromMelDb(float[][] melDb) {
    int nMels = config.nMels();
    if (melDb.length != nMels) {
      throw new IllegalArgumentException("need " + nMels + " log-mel rows, got " + melDb.length);
    }
    int frames = melDb[0].length;
    float[] db = new float[frames * nMels];
    for (int m = 0; m < nMels; m++) {
      for (int t = 0; t < frames; t++) {
        db[t * nMels + m] = melDb[m][t];
      }
    }
    Workspace ws = acquire();
    try {
      return cepstra(db, frames, ws);
    } finally {
      workspaces.offer(ws);
    }
  }

  /** {@code librosa.power_to_db(librosa.feature.melspectrogram(...))}: shape [nMels][frames]. */
  public float[][] melDb(float[] y) {
    int frames = frameCount(y.length);
    int nMels = config.nMels();
    float[][] out = new float[nMels][frames];
    Workspace ws = acquire();
    try {
      float[] db = logMel(y, frames, ws);
      for (int t = 0; t < frames; t++) {
        for (int m = 0; m < nMels; m++) {
          out[m][t] = db[t * nMels + m];
        }
      }
    } finally {
      workspaces.offer(ws);
    }
    return out;
  }

  /** The MFCC averaged over frames (the pooled form): {@code np.mean(mfcc, axis=1)}. */
  public float[] mfccMean(float[] y) {
    return timeMean(mfcc(y));
  }

  /** The mean of each row of a [coefficient][frame] matrix. */
  public static float[] timeMean(float[][] matrix) {
    float[] mean = new float[matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      double sum = 0;
      for (float v : matrix[i]) {
        sum += v;
      }
      mean[i] = (float) (sum / matrix[i].length);
    }
    return mean;
  }

  /**
   * {@code librosa.feature.delta(data, width=width, order=order, axis=-1)} (mode "interp"):
   * the Savitzky-Golay derivative of each row over frames. librosa's default width is 9.
   *
   * @throws IllegalArgumentException if width is not odd and at least 3, order is not in
   *     {@code 1..width-1}, or there are fewer frames than width (librosa raises then too)
   */
  public static float[][] delta(float[][] data, int width, int order) {
    return SavitzkyGolay.delta(data, width, order);
  }

  private Workspace acquire() {
    Workspace ws = workspaces.poll();
    return ws != null ? ws : new Workspace(nFft, nBins, config.nMels());
  }

  /** Power mel spectrogram in dB (float32, floored at top_db below the peak), [frame * nMels + mel]. */
  private float[] logMel(float[] y, int frames, Workspace ws) {
    int nMels = config.nMels();
    float[] db = new float[nMels * frames];
    float[] mel = ws.mel;
    float max = Float.NEGATIVE_INFINITY;
    double[] x = paddedSignal(y, ws);
    for (int t = 0; t < frames; t++) {
      windowedFrame(x, t * hop, ws.frame);
      ws.fft.realForward(ws.frame);
      powerSpectrum(ws.frame, ws.power);
      filterbank.apply(ws.power, mel);
      int row = t * nMels;
      for (int m = 0; m < nMels; m++) {
        float p = mel[m];
        if (!(p <= Float.MAX_VALUE)) {
          throw new IllegalArgumentException("audio is not finite everywhere (NaN or infinite samples,"
              + " or samples so far outside [-1, 1] that their power overflows)");
        }
        float v = (float) (10 * FastLog.log10(Math.max(AMIN, p)));
        db[row + m] = v;
        max = Math.max(max, v);
      }
    }
    Double topDb = config.topDb();
    if (topDb != null) {
      float floor = (float) (max - topDb);
      for (int i = 0; i < db.length; i++) {
        db[i] = Math.max(db[i], floor);
      }
    }
    return db;
  }

  /** In place: the first nMfcc entries of {@code x} become its orthonormal DCT-II. */
  private void dct(double[] x, Workspace ws) {
    if (ws.fastDct != null) {
      ws.fastDct.forward(x, true); // JTransforms' scaling is the orthonormal one
      return;
    }
    int n = config.nMels();
    double[] in = ws.dctInput;
    System.arraycopy(x, 0, in, 0, n);
    for (int k = 0; k < config.nMfcc(); k++) {
      double acc = 0;
      int row = k * n;
      for (int m = 0; m < n; m++) {
        acc += dctMatrix[row + m] * in[m];
      }
      x[k] = acc;
    }
  }

  /**
   * The signal as doubles inside its zero padding, converted once per call (each sample is in
   * nFft / hop frames). Kept in the workspace up to {@link #KEPT_SIGNAL} samples so a corpus
   * of clips reuses one buffer; a longer signal gets a buffer of its own.
   */
  private double[] paddedSignal(float[] y, Workspace ws) {
    int length = y.length + 2 * pad;
    double[] x = ws.signal;
    if (x.length < length) {
      x = new double[length];
      if (length <= KEPT_SIGNAL) {
        ws.signal = x;
      }
    }
    Arrays.fill(x, 0, pad, 0);
    for (int i = 0; i < y.length; i++) {
      x[pad + i] = y[i];
    }
    Arrays.fill(x, pad + y.length, length, 0);
    return x;
  }

  /**
   * The nFft samples from {@code start} times the (zero-padded) window, like librosa's
   * {@code fft_window * y_frames}. Copy, then multiply with both arrays at the same index: that
   * is the form the JIT vectorises (an offset index into the signal is not, on Java 17).
   */
  private void windowedFrame(double[] x, int start, double[] frame) {
    System.arraycopy(x, start, frame, 0, nFft);
    for (int i = 0; i < nFft; i++) {
      frame[i] *= window[i];
    }
  }

  /** |X|^2 from JTransforms' packed realForward output. */
  private void powerSpectrum(double[] a, float[] power) {
    power[0] = (float) (a[0] * a[0]);
    int pairs = (nFft - 1) / 2; // bins 1..pairs are packed as (re, im) at 2k, 2k+1
    if (nFft % 2 == 0) {
      power[nFft / 2] = (float) (a[1] * a[1]);
      for (int k = 1; k <= pairs; k++) {
        double re = a[2 * k];
        double im = a[2 * k + 1];
        power[k] = (float) (re * re + im * im);
      }
    } else {
      for (int k = 1; k < pairs; k++) {
        double re = a[2 * k];
        double im = a[2 * k + 1];
        power[k] = (float) (re * re + im * im);
      }
      if (pairs > 0) { // the last bin: re at n - 1, im at 1
        power[pairs] = (float) (a[nFft - 1] * a[nFft - 1] + a[1] * a[1]);
      }
    }
  }
}
