package art.empathic.audio;
import java.util.Locale;

/**
 * What a WAV file's header says, checked for sanity: its encoding, whether the fmt chunk was
 * {@code WAVE_FORMAT_EXTENSIBLE}, channel count, sample rate and the number of whole frames in
 * the data chunk (one frame = one sample of every channel).
 */
public record WavInfo(
    WavEncoding encoding, boolean extensible, int channels, int sampleRate, long frames) {

  /** Bytes per frame ({@code channels * bytesPerSample}): the fmt chunk's block align. */
  public int blockAlign() {
    return channels * encoding.bytesPerSample();
  }

  public double durationSeconds() {
    return frames / (double) sampleRate;
  }

  /** One line such as "16-bit PCM, 2 channels, 44100 Hz, 88200 frames (2.000 s)". */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%s%s, %d channel%s, %d Hz, %d frames (%.3f s)",
        encoding.description(),
        extensible ? " (extensible)" : "",
        channels,
        channels == 1 ? "" : "s",
        sampleRate,
        frames,
        durationSeconds());
  }
}
