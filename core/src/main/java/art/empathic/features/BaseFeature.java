package art.empathic.features;

import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import art.empathic.features.dsp.VoiceFrames;

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
  },
  /**
   * The {@link VoiceFrames} matrix: log-mel, MFCC, F0, aperiodicity, energy and spectral slope
   * per frame, from which {@link FeatureKind#FUNCTIONALS} are derived.
   */
  VOICE {
    @Override
    public float[][] compute(MfccExtractor extractor, float[] samples) {
      return VOICE_FRAMES.computeIfAbsent(extractor.config(), VoiceFrames::new).compute(samples);
    }

    @Override
    public int rows(MfccConfig c) {
      return VoiceFrames.rows(c);
    }

    /** The MFCC rows are the DCT of the log-mel rows above them: left out, rebuilt exactly on reading. */
    @Override
    float[][] stored(float[][] full, MfccConfig c) {
      float[][] kept = new float[full.length - c.nMfcc()][];
      System.arraycopy(full, 0, kept, 0, c.nMels());
      System.arraycopy(full, c.nMels() + c.nMfcc(), kept, c.nMels(), kept.length - c.nMels());
      return kept;
    }

    @Override
    float[][] restored(float[][] stored, MfccExtractor extractor) {
      MfccConfig c = extractor.config();
      if (stored.length != rows(c) - c.nMfcc() || stored.length <= c.nMels() || stored[0].length == 0) {
        return null;
      }
      float[][] full = new float[rows(c)][];
      System.arraycopy(stored, 0, full, 0, c.nMels());
      float[][] mfcc = extractor.mfccFromMelDb(java.util.Arrays.copyOf(stored, c.nMels()));
      System.arraycopy(mfcc, 0, full, c.nMels(), c.nMfcc());
      System.arraycopy(stored, c.nMels(), full, c.nMels() + c.nMfcc(), stored.length - c.nMels());
      return full;
    }
  };

  /** The rows a cache entry keeps of a full matrix (all of them unless some are derived from others). */
  float[][] stored(float[][] full, MfccConfig c) {
    return full;
  }

  /** The full matrix from the rows a cache entry kept, or null if their number is wrong. */
  float[][] restored(float[][] stored, MfccExtractor extractor) {
    return stored.length == rows(extractor.config()) ? stored : null;
  }

  /** One (thread-safe) frame analyser per configuration. */
  private static final java.util.Map<MfccConfig, VoiceFrames> VOICE_FRAMES = new java.util.concurrent.ConcurrentHashMap<>();

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
    return switch (this) {
      case MFCC -> common + " n_mfcc=" + c.nMfcc();
      case MEL_DB -> common;
      case VOICE -> common + " n_mfcc=" + c.nMfcc() + " yin=65-500/1024 voicing=" + VoiceFrames.VOICING_THRESHOLD;
    };
  }
}
