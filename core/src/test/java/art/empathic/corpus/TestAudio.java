package art.empathic.corpus;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny synthetic WAVs and clips for corpus tests. */
public final class TestAudio {
  private TestAudio() {}

  /**
   * Writes a short 16-bit tone at 16 kHz whose pitch and length depend on {@code variant}, so
   * different variants give different bytes (and different features).
   */
  public static Path wav(Path file, int variant) throws IOException {
    return wav(file, variant, 16000, 0.25);
  }

  public static Path wav(Path file, int variant, int rate, double seconds) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    int n = (int) Math.round(seconds * rate) + variant % 7;
    float[] y = new float[n];
    double f = 180 + 37 * variant;
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * f * i / rate) + 0.05 * Math.sin(2 * Math.PI * 3.1 * f * i / rate));
    }
    WavWriter.pcm16().write(file, new Audio(y, rate));
    return file;
  }

  /** Writes a tone to each relative path under {@code root}, variant = index. */
  public static void wavs(Path root, List<String> relative) throws IOException {
    for (int i = 0; i < relative.size(); i++) {
      wav(root.resolve(relative.get(i)), i);
    }
  }

  /** A clip for split tests: a fake content hash derived from {@code audioId}. */
  static Clip clip(String name, String speaker, Gender gender, Emotion emotion, String audioId) {
    return new Clip(Path.of("/corpus", speaker, name).toAbsolutePath(), "test", speaker, gender, emotion,
        emotion.name().toLowerCase(java.util.Locale.ROOT), null, ContentHash.of(audioId), ContentHash.of(audioId), 1.0);
  }
}
