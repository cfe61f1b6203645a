package art.empathic.recognize;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the WAV files tests feed to commands and the server. */
public final class TestWavs {
  public static final int SR = 16000;

  private TestWavs() {}

  /** A 16-bit WAV of the tone the {@link ToneRecognizer} hears as {@code e}. */
  public static Path tone(Path file, Emotion e, double seconds) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    WavWriter.pcm16().write(file, new Audio(ToneRecognizer.tone(e, seconds, SR, 0.5), SR));
    return file;
  }

  static byte[] toneBytes(Emotion e, double seconds) {
    return WavWriter.pcm16().toBytes(new Audio(ToneRecognizer.tone(e, seconds, SR, 0.5), SR));
  }
}
