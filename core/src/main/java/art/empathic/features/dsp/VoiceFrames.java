package art.empathic.features.dsp;

/**
 * The frame matrix utterance functionals are computed from, [row][frame], one column per
 * centred frame of {@code hop} samples: {@code nMels} log-mel rows (dB, librosa's
 * {@code power_to_db(melspectrogram)}), {@code nMfcc} MFCC rows, then four prosodic rows:
 * F0 in semitones above 27.5 Hz from {@link Yin} (0 where the frame is not voiced),
 * YIN's aperiodicity, RMS energy in dB ({@code 20 log10 max(rms, 1e-5)}), and the spectral
 * slope: the least-squares slope of the log-mel dB values against band centre frequency, in dB
 * per kHz. A frame is voiced when its aperiodicity is below {@link #VOICING_THRESHOLD} and its
 * F0 lies strictly inside the YIN search range.
 */
public final class VoiceFrames {
  /** Prosodic rows after the mel and MFCC rows. */
  public static final int PROSODY_ROWS = 4;
  /** Aperiodicity under which a frame counts as voiced. */
  public static final double VOICING_THRESHOLD = 0.25;

  private final MfccConfig config;
  private final MfccExtractor extractor;
  private final Yin yin;
  private final double[] bandKhz;

  public VoiceFrames(MfccConfig config) {
    this.config = config;
    this.extractor = new MfccExtractor(config);
    this.yin = new Yin(config.sampleRate(), 65.0, Math.min(500.0, config.sampleRate() / 2.0 - 1), 1024,
        config.hopLength(), 0.1);
    double[] mels = MelFilterbank.melFrequencies(config.nMels() + 2, config.fmin(), config.fmax());
    bandKhz = new double[config.nMels()];
    for (int m = 0; m < config.nMels(); m++) {
      bandKhz[m] = mels[m + 1] / 1000.0;
    }
  }

  /** Rows of the matrix for a configuration: mel bands + MFCC + 4. */
  public static int rows(MfccConfig c) {
    return c.nMels() + c.nMfcc() + PROSODY_ROWS;
  }

  /** Index of the first prosodic row (F0). */
  public static int f0Row(MfccConfig c) {
    return c.nMels() + c.nMfcc();
  }

  public MfccConfig config() {
    return config;
  }

  /** The pitch tracker used (its frames line up with the mel frames: same hop, both centred). */
  public Yin yin() {
    return yin;
  }

  /** The matrix for mono samples at the configuration's rate. */
  public float[][] compute(float[] y) {
    float[][] mel = extractor.melDb(y);
    // The DCT of the log-mel rows just computed: the same bits as extractor.mfcc(y), one STFT fewer.
    float[][] mfcc = extractor.mfccFromMelDb(mel);
    int frames = mel[0].length;
    Yin.Track track = yin.track(y);
    double[] rms = Yin.rms(y, config.nFft(), config.hopLength());
    int nMels = config.nMels();
    int base = f0Row(config);
    float[][] out = new float[rows(config)][];
    System.arraycopy(mel, 0, out, 0, nMels);
    System.arraycopy(mfcc, 0, out, nMels, mfcc.length);
    for (int r = base; r < out.length; r++) {
      out[r] = new float[frames];
    }
    double xm = 0;
    for (double v : bandKhz) {
      xm += v;
    }
    xm /= nMels;
    double sxx = 0;
    for (double v : bandKhz) {
      sxx += (v - xm) * (v - xm);
    }
    for (int t = 0; t < frames; t++) {
      int ty = Math.min(t, track.frames() - 1);
      double f0 = track.f0()[ty];
      double ap = track.aperiodicity()[ty];
      boolean voiced = ap < VOICING_THRESHOLD && f0 > yin.fmin() * 1.01 && f0 < yin.fmax() * 0.99;
      out[base][t] = voiced ? (float) (12 * Math.log(f0 / 27.5) / Math.log(2)) : 0f;
      out[base + 1][t] = (float) Math.min(ap, 2.0);
      out[base + 2][t] = (float) (20 * Math.log10(Math.max(rms[Math.min(t, rms.length - 1)], 1e-5)));
      double sxy = 0;
      double ym = 0;
      for (int m = 0; m < nMels; m++) {
        ym += mel[m][t];
      }
      ym /= nMels;
      for (int m = 0; m < nMels; m++) {
        sxy += (bandKhz[m] - xm) * (mel[m][t] - ym);
      }
      out[base + 3][t] = (float) (sxy / sxx);
    }
    return out;
  }
}
