package art.empathic.features;

/**
 * librosa-equal MFCC and log-mel spectrogram for one parameter set. Thread-safe; build once per
 * {@link MfccConfig} and reuse. (Interface fixed; implementation pending.)
 *
 * <p>Matrices are laid out like librosa's: {@code [coefficient][frame]}.
 */
public final class MfccExtractor {
  private final MfccConfig config;

  public MfccExtractor(MfccConfig config) {
    this.config = config;
  }

  public MfccConfig config() {
    return config;
  }

  /** {@code librosa.feature.mfcc(y=y, sr=config.sampleRate, ...)}: shape [nMfcc][frames]. */
  public float[][] mfcc(float[] y) {
    throw new UnsupportedOperationException("pending");
  }

  /** {@code librosa.power_to_db(librosa.feature.melspectrogram(...))}: shape [nMels][frames]. */
  public float[][] melDb(float[] y) {
    throw new UnsupportedOperationException("pending");
  }

  /** {@code librosa.feature.delta(data, width=width, order=order, axis=-1)} (mode "interp"). */
  public static float[][] delta(float[][] data, int width, int order) {
    throw new UnsupportedOperationException("pending");
  }
}
