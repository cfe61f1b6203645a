package art.empathic.audio;

/** Band-limited sample-rate conversion. (Interface fixed; implementation pending.) */
public final class Resampler {
  private Resampler() {}

  public static float[] resample(float[] samples, int fromRate, int toRate) {
    throw new UnsupportedOperationException("pending");
  }

  public static Audio resample(Audio audio, int toRate) {
    return audio.sampleRate() == toRate ? audio : new Audio(resample(audio.samples(), audio.sampleRate(), toRate), toRate);
  }
}
