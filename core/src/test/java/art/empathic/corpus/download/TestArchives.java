package art.empathic.corpus.download;

import art.empathic.audio.WavWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small archives made in memory for the download and unpacking tests. */
public final class TestArchives {
  private TestArchives() {}

  /** A 16 kHz mono 16-bit WAV of seeded noise. */
  public static byte[] tinyWav(long seed, int samples) {
    float[] noise = new float[samples];
    Random r = new Random(seed);
    for (int i = 0; i < samples; i++) {
      noise[i] = (float) (r.nextGaussian() * 0.1);
    }
    return WavWriter.pcm16().toBytes(noise, 16000);
  }

  /** Entries named like RAVDESS: {@code Actor_NN/03-01-EE-01-01-01-NN.wav}, {@code clips} per actor. */
  public static Map<String, byte[]> ravdessLike(int actors, int clips, int samples) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int a = 1; a <= actors; a++) {
      for (int c = 1; c <= clips; c++) {
        String name = String.format("Actor_%02d/03-01-%02d-01-01-%02d-%02d.wav", a, 1 + c % 8, 1 + c / 8, a);
        entries.put(name, tinyWav(a * 1000L + c, samples));
      }
    }
    return entries;
  }

  /** A ZIP of the entries in order (deflated); names are written exactly as given. */
  public static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A ZIP with one entry of {@code size} zero bytes, streamed so the test never holds it in memory. */
  public static byte[] zipOfZeros(String name, long size) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      byte[] block = new byte[1 << 20];
      for (long left = size; left > 0; left -= block.length) {
        zip.write(block, 0, (int) Math.min(block.length, left));
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Marks an entry as a Unix symbolic link in the central directory (Java's ZipOutputStream
   * cannot): "version made by" host 3 (Unix), external attributes mode 0120777.
   */
  public static byte[] markSymlink(byte[] zip, String name) {
    int at = centralHeaderOf(zip, name);
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(at + 4, (short) ((3 << 8) | 20));
    b.putInt(at + 38, 0120777 << 16);
    return zip;
  }

  /** Rewrites an entry's uncompressed size in its central directory header (a lying header). */
  public static byte[] claimSize(byte[] zip, String name, int size) {
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeaderOf(zip, name) + 24, size);
    return zip;
  }

  private static int centralHeaderOf(byte[] zip, String name) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 <= zip.length; i++) {
      if (b.getInt(i) == 0x02014b50 && Short.toUnsignedInt(b.getShort(i + 28)) == wanted.length) {
        byte[] got = new byte[wanted.length];
        System.arraycopy(zip, i + 46, got, 0, wanted.length);
        if (java.util.Arrays.equals(got, wanted)) {
          return i;
        }
      }
    }
    throw new IllegalArgumentException("no central directory header for " + name);
  }

  public static String md5(byte[] data) {
    return digest("MD5", data);
  }

  public static String sha256(byte[] data) {
    return digest("SHA-256", data);
  }

  private static String digest(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
