package art.empathic.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV bytes field by field, independently of {@link WavWriter}, to test the reader. */
final class RawWav {
  private RawWav() {}

  /** "RIFF" size "WAVE" followed by the given chunks (already padded by {@link #chunk}). */
  static byte[] riff(byte[]... chunks) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("WAVE"));
    for (byte[] c : chunks) {
      body.writeBytes(c);
    }
    ByteBuffer out = le(8 + body.size());
    out.put(ascii("RIFF")).putInt(body.size()).put(body.toByteArray());
    return out.array();
  }

  /** A chunk with its header and, for odd sizes, the pad byte. */
  static byte[] chunk(String id, byte[] body) {
    ByteBuffer b = le(8 + body.length + (body.length & 1));
    b.put(ascii(id)).putInt(body.length).put(body);
    return b.array();
  }

  /** A chunk header claiming {@code claimedSize} bytes followed by the given (maybe fewer) bytes. */
  static byte[] chunkClaiming(String id, long claimedSize, byte[] body) {
    ByteBuffer b = le(8 + body.length);
    b.put(ascii(id)).putInt((int) claimedSize).put(body);
    return b.array();
  }

  /** A plain 16-byte fmt chunk. */
  static byte[] fmt(int code, int channels, int rate, int blockAlign, int bits) {
    ByteBuffer b = le(16);
    b.putShort((short) code).putShort((short) channels).putInt(rate).putInt(rate * blockAlign);
    b.putShort((short) blockAlign).putShort((short) bits);
    return chunk("fmt ", b.array());
  }

  static byte[] le16(int... values) {
    ByteBuffer b = le(2 * values.length);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  static byte[] le24(int... values) {
    ByteBuffer b = le(3 * values.length);
    for (int v : values) {
      b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }
    return b.array();
  }

  static byte[] le32(int... values) {
    ByteBuffer b = le(4 * values.length);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  static byte[] u8(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] f32(float... values) {
    ByteBuffer b = le(4 * values.length);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] f64(double... values) {
    ByteBuffer b = le(8 * values.length);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  /** A copy of {@code bytes} with a little-endian 16-bit value written at {@code offset}. */
  static byte[] patch16(byte[] bytes, int offset, int value) {
    byte[] out = bytes.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
    return out;
  }

  /** A copy of {@code bytes} with a little-endian 32-bit value written at {@code offset}. */
  static byte[] patch32(byte[] bytes, int offset, long value) {
    byte[] out = bytes.clone();
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, (int) value);
    return out;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
