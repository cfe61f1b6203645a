package art.empathic.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes float audio as a RIFF/WAVE file in any {@link WavEncoding}, plain or as {@code
 * WAVE_FORMAT_EXTENSIBLE}, optionally with extra chunks (LIST, odd-sized ones, ...) before or
 * after the data chunk. Instances are immutable; the {@code with...} methods return new ones:
 *
 * <pre>{@code
 * WavWriter.of(WavEncoding.PCM_24).extensible().withChunkBeforeData("LIST", info).write(path, audio);
 * }</pre>
 *
 * <p>Integer encodings scale by {@code 2^(bits-1)} (the inverse of {@link WavReader}'s scaling, so
 * a value {@code k / 32768} survives 16-bit round trips exactly), round to nearest and clip to the
 * format's range; 8-bit is stored unsigned with offset 128. Float encodings store the values as
 * they are (non-finite ones included, which lets tests build bad files). Float data gets a {@code
 * fact} chunk as the WAV specification asks for non-PCM formats.
 */
public final class WavWriter {


  private record Chunk(String id, byte[] body) {}

  private final WavEncoding encoding;
  private final boolean extensible;
  private final List<Chunk> beforeData;
  private final List<Chunk> afterData;

  private WavWriter(WavEncoding encoding, boolean extensible, List<Chunk> beforeData, List<Chunk> afterData) {
    this.encoding = encoding;
    this.extensible = extensible;
    this.beforeData = List.copyOf(beforeData);
    this.afterData = List.copyOf(afterData);
  }

  /** A writer for plain (non-extensible) WAV in this encoding, with no extra chunks. */
  public static WavWriter of(WavEncoding encoding) {
    return new WavWriter(encoding, false, List.of(), List.of());
  }

  /** The common case: 16-bit PCM. */
  public static WavWriter pcm16() {
    return of(WavEncoding.PCM_16);
  }

  /** The same writer, producing a {@code WAVE_FORMAT_EXTENSIBLE} fmt chunk. */
  public WavWriter extensible() {
    return new WavWriter(encoding, true, beforeData, afterData);
  }

  /** The same writer, adding a chunk between fmt and data (odd sizes get their pad byte). */
  public WavWriter withChunkBeforeData(String id, byte[] body) {
    return new WavWriter(encoding, extensible, append(beforeData, id, body), afterData);
  }

  /** The same writer, adding a chunk after the data chunk. */
  public WavWriter withChunkAfterData(String id, byte[] body) {
    return new WavWriter(encoding, extensible, beforeData, append(afterData, id, body));
  }

  private static List<Chunk> append(List<Chunk> chunks, String id, byte[] body) {
    if (id.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(id)) {
      throw new IllegalArgumentException("chunk id must be 4 ASCII characters, got '" + id + "'");
    }
    List<Chunk> out = new ArrayList<>(chunks);
    out.add(new Chunk(id, body.clone()));
    return out;
  }

  /** Encodes mono audio. */
  public byte[] toBytes(Audio audio) {
    return toBytes(new float[][] {audio.samples()}, audio.sampleRate());
  }

  /** Encodes mono samples. */
  public byte[] toBytes(float[] mono, int sampleRate) {
    return toBytes(new float[][] {mono}, sampleRate);
  }

  /**
   * Encodes several channels ({@code channels[c][frame]}, all the same length) interleaved.
   *
   * @throws IllegalArgumentException for no channels, unequal lengths, a non-positive rate, NaN
   *     in an integer encoding, or data too large for a RIFF file
   */
  public byte[] toBytes(float[][] channels, int sampleRate) {
    if (channels.length == 0 || channels.length > 0xFFFF) {
      throw new IllegalArgumentException("need 1 to 65535 channels, got " + channels.length);
    }
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
    int frames = channels[0].length;
    for (float[] channel : channels) {
      if (channel.length != frames) {
        throw new IllegalArgumentException("channels differ in length");
      }
    }
    int blockAlign = channels.length * encoding.bytesPerSample();
    long dataBytes = (long) frames * blockAlign;
    List<Chunk> before = new ArrayList<>();
    if (encoding.isFloat()) {
      before.add(new Chunk("fact", le(4).putInt(frames).array()));
    }
    before.addAll(beforeData);
    long total = 12 + 8 + fmtBody(channels.length, sampleRate).length + chunksBytes(before)
        + 8 + dataBytes + (dataBytes & 1) + chunksBytes(afterData);
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("audio too large for one WAV file: " + total + " bytes");
    }
    ByteBuffer out = le((int) total);
    out.put(ascii("RIFF")).putInt((int) (total - 8)).put(ascii("WAVE"));
    putChunk(out, "fmt ", fmtBody(channels.length, sampleRate));
    for (Chunk c : before) {
      putChunk(out, c.id(), c.body());
    }
    out.put(ascii("data")).putInt((int) dataBytes);
    for (int f = 0; f < frames; f++) {
      for (float[] channel : channels) {
        putSample(out, channel[f]);
      }
    }
    if ((dataBytes & 1) != 0) {
      out.put((byte) 0);
    }
    for (Chunk c : afterData) {
      putChunk(out, c.id(), c.body());
    }
    return out.array();
  }

  /** Writes mono audio to {@code file} atomically (temporary file beside it, then a move). */
  public void write(Path file, Audio audio) throws IOException {
    writeAtomically(file, toBytes(audio));
  }

  /** Writes several channels to {@code file} atomically. */
  public void write(Path file, float[][] channels, int sampleRate) throws IOException {
    writeAtomically(file, toBytes(channels, sampleRate));
  }

  private byte[] fmtBody(int channels, int sampleRate) {
    int blockAlign = channels * encoding.bytesPerSample();
    int size = extensible ? 40 : encoding.isFloat() ? 18 : 16;
    ByteBuffer b = le(size);
    b.putShort((short) (extensible ? WavEncoding.FORMAT_EXTENSIBLE : encoding.formatCode()));
    b.putShort((short) channels).putInt(sampleRate).putInt(sampleRate * blockAlign);
    b.putShort((short) blockAlign).putShort((short) encoding.bitsPerSample());
    if (extensible) {
      b.putShort((short) 22).putShort((short) encoding.bitsPerSample());
      b.putInt(channels == 1 ? 0x4 : channels == 2 ? 0x3 : 0); // front centre / front left+right
      b.putShort((short) encoding.formatCode()).put(WavEncoding.SUBFORMAT_GUID_TAIL);
    } else if (encoding.isFloat()) {
      b.putShort((short) 0); // cbSize: no extension
    }
    return b.array();
  }

  private void putSample(ByteBuffer out, float x) {
    switch (encoding) {
      case PCM_U8 -> out.put((byte) (quantise(x, 8) + 128));
      case PCM_16 -> out.putShort((short) quantise(x, 16));
      case PCM_24 -> {
        int v = (int) quantise(x, 24);
        out.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
      }
      case PCM_32 -> out.putInt((int) quantise(x, 32));
      case FLOAT_32 -> out.putFloat(x);
      case FLOAT_64 -> out.putDouble(x);
    }
  }

  /** {@code round(x * 2^(bits-1))}, clipped to the signed range of {@code bits} bits. */
  private static long quantise(float x, int bits) {
    if (Float.isNaN(x)) {
      throw new IllegalArgumentException("cannot store NaN as PCM");
    }
    long full = 1L << (bits - 1);
    long v = Math.round(x * (double) full);
    return Math.max(-full, Math.min(full - 1, v));
  }

  private static long chunksBytes(List<Chunk> chunks) {
    long n = 0;
    for (Chunk c : chunks) {
      n += 8 + c.body().length + (c.body().length & 1);
    }
    return n;
  }

  private static void putChunk(ByteBuffer out, String id, byte[] body) {
    out.put(ascii(id)).putInt(body.length).put(body);
    if ((body.length & 1) != 0) {
      out.put((byte) 0);
    }
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes via a temporary file in the same directory and a move, so no one sees half a file. */
  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    art.empathic.io.AtomicFiles.write(file, bytes);
  }
}
