package art.empathic.features;

import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;

/**
 * The per-clip matrix the feature cache stores, from which every {@link FeatureKind} is derived
 * in memory: the MFCC or the log-mel spectrogram, full length, [row][frame].
 */
public enum BaseFeature {
  MFCC {
    @Override
    public float[][] compute(MfccExtractor extractor, float[] samples) {
      return extractor.mfcc(samples);
    }

    @Override
    public int rows(MfccConfig c) {
      return c.nMfcc();
    }
  },
  MEL_DB {
    @Override
    public float[][] compute(MfccExtractor extractor, float[] samples) {
      return extractor.melDb(samples);
    }

    @Override
    public int rows(MfccConfig c) {
      return c.nMels();
    }
  };

  /** Computes the matrix for mono samples at the extractor's sample rate. */
  public abstract float[][] compute(MfccExtractor extractor, float[] samples);

  /** Rows of the matrix for a configuration. */
  public abstract int rows(MfccConfig c);

  /**
   * Every parameter the matrix depends on, as canonical text for cache keys. The mel
   * spectrogram does not depend on n_mfcc, so changing it keeps mel-dB entries valid.
   */
  public String configKey(MfccConfig c) {
    String common = "sr=" + c.sampleRate() + " n_fft=" + c.nFft() + " hop=" + c.hopLength() + " win=" + c.winLength()
        + " n_mels=" + c.nMels() + " fmin=" + c.fmin() + " fmax=" + c.fmax() + " center=" + c.center()
        + " top_db=" + c.topDb();
    return this == MFCC ? common + " n_mfcc=" + c.nMfcc() : common;
  }
}
