package art.empathic.features;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The bytes of one feature-cache file (format 2), little-endian: magic {@code "EAFC"}, format
 * version (int 2), the key's 32 bytes, the length of the metadata (int) and the metadata
 * ({@code name=value} lines, UTF-8: base kind, corpus, group, feature-code fingerprint, time
 * written), rows (int), columns (int), the length of the payload (int), the payload, then the
 * CRC-32 of everything before it. The payload is the rows x columns float32 values, row by row,
 * byte-shuffled (all first bytes, then all second bytes, ...) and deflated at level 1: log-mel
 * rows floored at {@code top_db} and silent stretches repeat, which deflate finds cheaply once the
 * exponent bytes sit together (a 40% smaller file than raw float32, under a millisecond to write).
 */
public final class CacheEntry {
  static final int FORMAT = 2;
  private static final byte[] MAGIC = "EAFC".getBytes(StandardCharsets.US_ASCII);
  /** Magic, version, key, metadata length. */
  private static final int PREFIX = 4 + 4 + 32 + 4;
  private static final int MAX_META = 4096;

  /**
   * What an entry says about itself, for {@code cache info} and {@code prune}: its base kind, the
   * corpus of its clip, its group (the clips of one corpus with one base configuration, augmentation
   * and feature code, as a run records in {@code cache-keys.txt}), the feature code's fingerprint and
   * when it was written (epoch milliseconds). Unknown values are empty strings (or 0).
   */
  public record Meta(String base, String corpus, String group, String code, long written) {
    public static final Meta UNKNOWN = new Meta("", "", "", "", 0);

    String text() {
      return "base=" + base + "\ncorpus=" + corpus + "\ngroup=" + group + "\ncode=" + code + "\nwritten=" + written + "\n";
    }

    static Meta parse(String text) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      long written;
      try {
        written = Long.parseLong(m.getOrDefault("written", "0"));
      } catch (NumberFormatException e) {
        written = 0;
      }
      return new Meta(m.getOrDefault("base", ""), m.getOrDefault("corpus", ""), m.getOrDefault("group", ""),
          m.getOrDefault("code", ""), written);
    }
  }

  private CacheEntry() {}

  static byte[] encode(float[][] m, byte[] key, Meta meta) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    int n = rows * cols;
    byte[] shuffled = new byte[4 * n];
    int i = 0;
    for (float[] row : m) {
      if (row.length != cols) {
        throw new IllegalArgumentException("ragged matrix");
      }
      for (float v : row) {
        int bits = Float.floatToRawIntBits(v);
        shuffled[i] = (byte) bits;
        shuffled[n + i] = (byte) (bits >>> 8);
        shuffled[2 * n + i] = (byte) (bits >>> 16);
        shuffled[3 * n + i] = (byte) (bits >>> 24);
        i++;
      }
    }
    Deflater deflater = new Deflater(1, true);
    byte[] payload;
    try {
      deflater.setInput(shuffled);
      deflater.finish();
      byte[] buf = new byte[shuffled.length + shuffled.length / 8 + 64];
      int len = 0;
      while (!deflater.finished()) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
        len += deflater.deflate(buf, len, buf.length - len);
      }
      payload = Arrays.copyOf(buf, len);
    } finally {
      deflater.end();
    }
    byte[] metaBytes = meta.text().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(PREFIX + metaBytes.length + 12 + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(FORMAT).put(key).putInt(metaBytes.length).put(metaBytes)
        .putInt(rows).putInt(cols).putInt(payload.length).put(payload);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** The matrix in an entry, or null if anything about it is wrong (length, header, key, checksum, payload). */
  static float[][] decode(byte[] bytes, byte[] key) {
    if (bytes.length < PREFIX + 12 + 4) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC) || b.getInt() != FORMAT) {
      return null;
    }
    byte[] storedKey = new byte[32];
    b.get(storedKey);
    if (!Arrays.equals(storedKey, key)) {
      return null;
    }
    int metaLength = b.getInt();
    if (metaLength < 0 || metaLength > MAX_META || (long) PREFIX + metaLength + 12 + 4 > bytes.length) {
      return null;
    }
    b.position(b.position() + metaLength);
    int rows = b.getInt();
    int cols = b.getInt();
    int payloadLength = b.getInt();
    if (rows < 0 || cols < 0 || payloadLength < 0 || (long) rows * cols > Integer.MAX_VALUE / 4
        || (long) b.position() + payloadLength + 4 != bytes.length) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
      return null;
    }
    int n = rows * cols;
    byte[] shuffled = new byte[4 * n];
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(bytes, b.position(), payloadLength);
      int len = 0;
      while (len < shuffled.length && !inflater.finished()) {
        int got = inflater.inflate(shuffled, len, shuffled.length - len);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          return null;
        }
        len += got;
      }
      // Exactly rows x columns values: no fewer, and nothing left over.
      if (len != shuffled.length) {
        return null;
      }
      if (!inflater.finished() && (inflater.inflate(new byte[1]) != 0 || !inflater.finished())) {
        return null;
      }
      if (inflater.getRemaining() > 0) {
        return null;
      }
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
    float[][] m = new float[rows][cols];
    int i = 0;
    for (float[] row : m) {
      for (int c = 0; c < cols; c++, i++) {
        row[c] = Float.intBitsToFloat((shuffled[i] & 0xff) | (shuffled[n + i] & 0xff) << 8
            | (shuffled[2 * n + i] & 0xff) << 16 | (shuffled[3 * n + i] & 0xff) << 24);
      }
    }
    return m;
  }

  /** The format version of the file at {@code path} and its metadata (unknown for format 1 or a bad header). */
  record Header(int format, Meta meta) {}

  /** Reads just the header of an entry file (no checksum: for reports, not for use). */
  static Header readHeader(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] prefix = in.readNBytes(PREFIX);
      if (prefix.length < 8 || !Arrays.equals(Arrays.copyOf(prefix, 4), MAGIC)) {
        return new Header(0, Meta.UNKNOWN);
      }
      ByteBuffer b = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
      int format = b.getInt(4);
      if (format != FORMAT || prefix.length < PREFIX) {
        return new Header(format, Meta.UNKNOWN);
      }
      int metaLength = b.getInt(PREFIX - 4);
      if (metaLength < 0 || metaLength > MAX_META) {
        return new Header(format, Meta.UNKNOWN);
      }
      return new Header(format, Meta.parse(new String(in.readNBytes(metaLength), StandardCharsets.UTF_8)));
    }
  }
}
