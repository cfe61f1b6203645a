package art.empathic.audio;

/**
 * Mono audio as floats in [-1, 1] at a sample rate, the way librosa/soundfile present it.
 *
 * <p>The array is shared, not copied: treat it as read-only.
 */
public record Audio(float[] samples, int sampleRate) {
  public Audio {
    if (samples == null) {
      throw new IllegalArgumentException("samples must not be null");
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
  }

  public double durationSeconds() {
    return samples.length / (double) sampleRate;
  }
}
