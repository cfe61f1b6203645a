package art.empathic.audio;

import java.nio.file.Path;

/** Reads RIFF/WAVE files into mono {@link Audio}. (Interface fixed; implementation pending.) */
public final class WavReader {
  private WavReader() {}

  /** Reads and mixes down a WAV file. Every failure, I/O included, is an AudioFormatException. */
  public static Audio read(Path file) throws AudioFormatException {
    throw new UnsupportedOperationException("pending");
  }

  /** Decodes WAV bytes; {@code name} is used in error messages. */
  public static Audio decode(byte[] bytes, String name) throws AudioFormatException {
    throw new UnsupportedOperationException("pending");
  }
}
