package art.empathic.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Reads RIFF/WAVE files into mono {@link Audio}.
 *
 * <p>Supported: uncompressed PCM (unsigned 8-bit, signed 16/24/32-bit) and IEEE float (32/64-bit),
 * plain or as {@code WAVE_FORMAT_EXTENSIBLE}, with any number of channels (1 to {@value
 * #MAX_CHANNELS}), mixed down to mono by averaging. Samples are scaled like soundfile/librosa (see
 * {@link WavEncoding}). Chunks other than {@code fmt } and {@code data} (LIST, fact, cue, ...) are
 * skipped, honouring the pad byte after odd-sized chunks.
 *
 * <p>Every failure, I/O included, is an {@link AudioFormatException} whose message is one line
 * "FILE: problem". Decisions where readers differ:
 *
 * <ul>
 *   <li>The RIFF size field is not trusted (writers often get it wrong); the real file length is.
 *   <li>A data chunk claiming more bytes than remain is an error ("data chunk says N bytes but only
 *       M remain"), except the size {@code 0xFFFFFFFF} that streaming writers leave, which means
 *       "up to the end of the file". soundfile would silently read the truncated remainder; we
 *       prefer to tell the user the file is damaged.
 *   <li>A trailing partial frame in the data chunk is ignored (as soundfile does).
 *   <li>NaN or infinite float samples are an error: every later stage (MFCC, models) would turn
 *       them into garbage. Finite float samples outside [-1, 1] are kept as they are, like
 *       soundfile.
 *   <li>The byte-rate field is ignored (it is redundant and often wrong); block align must equal
 *       {@code channels * bits / 8}.
 * </ul>
 *
 * <p>Nothing is allocated from a header field before it has been checked against the bytes that
 * really remain, and {@link #read(Path)} streams the data chunk from disk in small blocks straight
 * into the output array (no copy of the whole file).
 */
public final class WavReader {
  /** Files above this size (2 GiB) are refused: their samples would not fit a Java array anyway. */
  public static final long MAX_FILE_BYTES = 1L << 31;

  /** More channels than this is taken as a broken header. */
  public static final int MAX_CHANNELS = 1024;

  /** Sample rates above this (Hz) are taken as a broken header. */
  public static final int MAX_SAMPLE_RATE = 1_000_000;

  private static final int RIFF_HEADER_BYTES = 12;
  private static final int CHUNK_HEADER_BYTES = 8;
  private static final int MIN_FMT_BYTES = 16;
  private static final int EXTENSIBLE_FMT_BYTES = 40;
  private static final long STREAMING_DATA_SIZE = 0xFFFFFFFFL;
  private static final int MAX_FRAMES = Integer.MAX_VALUE - 8;
  private static final int FILE_BLOCK_BYTES = 1 << 16;

  /** Format codes people meet in the wild, so the error can say what the file is. */
  private static final Map<Integer, String> KNOWN_FORMATS =
      Map.ofEntries(
          Map.entry(0x0000, "unknown"),
          Map.entry(0x0002, "Microsoft ADPCM"),
          Map.entry(0x0006, "A-law"),
          Map.entry(0x0007, "mu-law"),
          Map.entry(0x0011, "IMA ADPCM"),
          Map.entry(0x0016, "ITU G.723 ADPCM"),
          Map.entry(0x0022, "DSP Group TrueSpeech"),
          Map.entry(0x0031, "GSM 6.10"),
          Map.entry(0x0040, "ITU G.721 ADPCM"),
          Map.entry(0x0050, "MPEG"),
          Map.entry(0x0055, "MPEG layer 3 (MP3)"),
          Map.entry(0x0092, "Dolby AC-3 SPDIF"),
          Map.entry(0x00FF, "AAC"),
          Map.entry(0x0160, "Windows Media Audio v1"),
          Map.entry(0x0161, "Windows Media Audio"),
          Map.entry(0x0162, "Windows Media Audio Pro"),
          Map.entry(0x0163, "Windows Media Audio Lossless"),
          Map.entry(0x1610, "HE-AAC"),
          Map.entry(0x6750, "Ogg Vorbis"),
          Map.entry(0xF1AC, "FLAC"));

  private WavReader() {}

  /** Reads and mixes down a WAV file. Every failure, I/O included, is an AudioFormatException. */
  public static Audio read(Path file) throws AudioFormatException {
    String name = file.toString();
    try (FileSource source = FileSource.open(file, name)) {
      return decode(source, name);
    } catch (IOException e) {
      throw ioFailure(name, e);
    }
  }

  /** Decodes WAV bytes; {@code name} is used in error messages. */
  public static Audio decode(byte[] bytes, String name) throws AudioFormatException {
    try {
      return decode(new ByteSource(bytes), name);
    } catch (IOException e) {
      throw ioFailure(name, e); // cannot happen for an in-memory source
    }
  }

  /** Reads and checks only the header of a WAV file, without decoding its samples. */
  public static WavInfo info(Path file) throws AudioFormatException {
    String name = file.toString();
    try (FileSource source = FileSource.open(file, name)) {
      return parse(source, name).info();
    } catch (IOException e) {
      throw ioFailure(name, e);
    }
  }

  /** Reads and checks only the header of WAV bytes; {@code name} is used in error messages. */
  public static WavInfo info(byte[] bytes, String name) throws AudioFormatException {
    try {
      return parse(new ByteSource(bytes), name).info();
    } catch (IOException e) {
      throw ioFailure(name, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Header parsing

  /** A checked header and where its sample data lies. */
  private record Layout(WavInfo info, long dataOffset) {}

  private static Layout parse(Source src, String name) throws IOException, AudioFormatException {
    long size = src.size();
    if (size < RIFF_HEADER_BYTES) {
      throw new AudioFormatException(
          name,
          size == 0
              ? "empty file, not a WAV file"
              : "truncated header: the file is only " + size + " bytes, not a RIFF/WAVE file");
    }
    ByteBuffer riff = src.read(0, RIFF_HEADER_BYTES);
    String riffId = fourCc(riff, 0);
    String waveId = fourCc(riff, 8);
    if (riffId.equals("RIFX")) {
      throw new AudioFormatException(name, "big-endian RIFX files are not supported; convert to RIFF");
    }
    if (riffId.equals("RF64")) {
      throw new AudioFormatException(name, "RF64 files are not supported; convert to RIFF");
    }
    if (!riffId.equals("RIFF") || !waveId.equals("WAVE")) {
      throw new AudioFormatException(
          name,
          "not a RIFF/WAVE file (starts with '" + printable(riffId) + "', form '"
              + printable(waveId) + "')");
    }

    Format fmt = null;
    long dataOffset = -1;
    long dataBytes = -1;
    long pos = RIFF_HEADER_BYTES;
    while (fmt == null || dataOffset < 0) {
      if (size - pos < CHUNK_HEADER_BYTES) {
        break; // end of file, or a few stray bytes too short to be a chunk
      }
      ByteBuffer header = src.read(pos, CHUNK_HEADER_BYTES);
      String id = fourCc(header, 0);
      long chunkBytes = header.getInt(4) & 0xFFFFFFFFL;
      long body = pos + CHUNK_HEADER_BYTES;
      long remain = size - body;
      if (id.equals("data")) {
        if (dataOffset < 0) {
          if (chunkBytes == STREAMING_DATA_SIZE) {
            chunkBytes = remain; // a streaming writer never came back to fill in the size
          } else if (chunkBytes > remain) {
            throw new AudioFormatException(
                name,
                "truncated data: data chunk says " + chunkBytes + " bytes but only " + remain
                    + " remain");
          }
          dataOffset = body;
          dataBytes = chunkBytes;
        }
      } else if (chunkBytes > remain) {
        String what = id.equals("fmt ") ? "truncated header: fmt chunk" : "truncated file: '" + printable(id) + "' chunk";
        throw new AudioFormatException(
            name,
            what + " at byte " + pos + " says " + chunkBytes + " bytes but only " + remain
                + " remain");
      } else if (id.equals("fmt ") && fmt == null) {
        fmt = parseFormat(src.read(body, (int) Math.min(chunkBytes, EXTENSIBLE_FMT_BYTES)), chunkBytes, name);
      }
      pos = body + chunkBytes + (chunkBytes & 1); // odd-sized chunks are followed by a pad byte
    }
    if (fmt == null) {
      throw new AudioFormatException(name, "missing fmt chunk: no audio format description found");
    }
    if (dataOffset < 0) {
      throw new AudioFormatException(name, "missing data chunk: the file holds no audio data");
    }
    long frames = dataBytes / fmt.blockAlign();
    if (frames == 0) {
      throw new AudioFormatException(
          name,
          dataBytes == 0
              ? "zero samples: the data chunk is empty"
              : "zero samples: the data chunk holds " + dataBytes + " bytes, less than one frame of "
                  + fmt.blockAlign());
    }
    if (frames > MAX_FRAMES) {
      throw new AudioFormatException(
          name, frames + " frames is more than this reader can hold (at most " + MAX_FRAMES + ")");
    }
    WavInfo info = new WavInfo(fmt.encoding(), fmt.extensible(), fmt.channels(), fmt.sampleRate(), frames);
    return new Layout(info, dataOffset);
  }

  private record Format(WavEncoding encoding, boolean extensible, int channels, int sampleRate) {
    int blockAlign() {
      return channels * encoding.bytesPerSample();
    }
  }

  /** Parses and checks a fmt chunk; {@code fmt} holds its first (up to 40) bytes. */
  private static Format parseFormat(ByteBuffer fmt, long chunkBytes, String name)
      throws AudioFormatException {
    if (chunkBytes < MIN_FMT_BYTES) {
      throw new AudioFormatException(
          name, "truncated header: fmt chunk is " + chunkBytes + " bytes, at least 16 are needed");
    }
    int code = u16(fmt, 0);
    int channels = u16(fmt, 2);
    long sampleRate = fmt.getInt(4) & 0xFFFFFFFFL;
    int blockAlign = u16(fmt, 12);
    int bits = u16(fmt, 14);
    boolean extensible = code == WavEncoding.FORMAT_EXTENSIBLE;
    if (extensible) {
      if (chunkBytes < EXTENSIBLE_FMT_BYTES) {
        throw new AudioFormatException(
            name,
            "truncated header: WAVE_FORMAT_EXTENSIBLE fmt chunk is " + chunkBytes
                + " bytes, 40 are needed");
      }
      int extensionBytes = u16(fmt, 16);
      if (extensionBytes < 22) {
        throw new AudioFormatException(
            name,
            "WAVE_FORMAT_EXTENSIBLE extension is " + extensionBytes + " bytes, 22 are needed");
      }
      int validBits = u16(fmt, 18);
      if (validBits > bits) {
        throw new AudioFormatException(
            name, "valid bits per sample " + validBits + " exceed the container's " + bits);
      }
      code = u16(fmt, 24);
      for (int i = 0; i < WavEncoding.SUBFORMAT_GUID_TAIL.length; i++) {
        if (fmt.get(26 + i) != WavEncoding.SUBFORMAT_GUID_TAIL[i]) {
          throw new AudioFormatException(
              name, "WAVE_FORMAT_EXTENSIBLE sub-format " + guid(fmt, 24) + " is not PCM or IEEE float");
        }
      }
    }
    if (code != WavEncoding.FORMAT_PCM && code != WavEncoding.FORMAT_IEEE_FLOAT) {
      String known = KNOWN_FORMATS.get(code);
      String hex = String.format(Locale.ROOT, "0x%04X", code);
      throw new AudioFormatException(
          name,
          known == null
              ? "format code " + hex + " is not supported; convert to PCM"
              : "compressed format " + hex + " (" + known + ") is not supported; convert to PCM");
    }
    if (channels == 0) {
      throw new AudioFormatException(name, "bad header: channel count is 0");
    }
    if (channels > MAX_CHANNELS) {
      throw new AudioFormatException(
          name, "bad header: " + channels + " channels is absurd (at most " + MAX_CHANNELS + ")");
    }
    if (sampleRate == 0 || sampleRate > MAX_SAMPLE_RATE) {
      throw new AudioFormatException(
          name,
          "bad header: sample rate " + sampleRate + " Hz is out of range (1 to " + MAX_SAMPLE_RATE
              + ")");
    }
    WavEncoding encoding = WavEncoding.of(code, bits);
    if (encoding == null) {
      throw new AudioFormatException(
          name,
          code == WavEncoding.FORMAT_PCM
              ? bits + "-bit PCM is not supported (8, 16, 24 or 32 bits)"
              : bits + "-bit float is not supported (32 or 64 bits)");
    }
    int expectedAlign = channels * encoding.bytesPerSample();
    if (blockAlign != expectedAlign) {
      throw new AudioFormatException(
          name,
          "bad header: block align " + blockAlign + " does not match " + channels + " channel(s) of "
              + bits + " bits (expected " + expectedAlign + ")");
    }
    return new Format(encoding, extensible, channels, (int) sampleRate);
  }

  // ---------------------------------------------------------------------------------------------
  // Sample decoding

  private static Audio decode(Source src, String name) throws IOException, AudioFormatException {
    Layout layout = parse(src, name);
    WavInfo info = layout.info();
    int frames = (int) info.frames();
    int channels = info.channels();
    int blockAlign = info.blockAlign();
    float[] mono = allocate(frames, name);
    // A block is a whole number of frames; in-memory sources hand out the data in one block.
    int framesPerBlock = Math.max(1, src.blockBytes() / blockAlign);
    float[] interleaved = channels == 1 ? null : new float[Math.min(frames, framesPerBlock) * channels];
    for (int done = 0; done < frames; ) {
      int n = Math.min(framesPerBlock, frames - done);
      ByteBuffer block = src.read(layout.dataOffset() + (long) done * blockAlign, n * blockAlign);
      if (channels == 1) {
        decodeSamples(block, info.encoding(), n, mono, done, done, 1, name);
      } else {
        decodeSamples(block, info.encoding(), n * channels, interleaved, 0, done, channels, name);
        mixDown(interleaved, n, channels, mono, done);
      }
      done += n;
    }
    return new Audio(mono, info.sampleRate());
  }

  private static float[] allocate(int frames, String name) throws AudioFormatException {
    try {
      return new float[frames];
    } catch (OutOfMemoryError e) {
      throw new AudioFormatException(
          name,
          "not enough memory for " + frames + " samples (" + (4L * frames >> 20)
              + " MiB); raise the Java heap (-Xmx)");
    }
  }

  private static final float SCALE_8 = 1f / 128f;
  private static final float SCALE_16 = 1f / 32768f;
  private static final float SCALE_24 = 1f / 8388608f;
  private static final float SCALE_32 = 1f / 2147483648f;

  /**
   * Decodes {@code count} consecutive samples of {@code block} into {@code out[offset...]}.
   * {@code firstFrame} and {@code channels} only serve to name a bad float sample's position.
   */
  private static void decodeSamples(
      ByteBuffer block, WavEncoding encoding, int count, float[] out, int offset, int firstFrame,
      int channels, String name) throws AudioFormatException {
    switch (encoding) {
      case PCM_U8 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = ((block.get(i) & 0xFF) - 128) * SCALE_8;
        }
      }
      case PCM_16 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = block.getShort(2 * i) * SCALE_16;
        }
      }
      case PCM_24 -> {
        for (int i = 0, p = 0; i < count; i++, p += 3) {
          int v = (block.get(p) & 0xFF) | (block.get(p + 1) & 0xFF) << 8 | block.get(p + 2) << 16;
          out[offset + i] = v * SCALE_24;
        }
      }
      case PCM_32 -> {
        for (int i = 0; i < count; i++) {
          out[offset + i] = block.getInt(4 * i) * SCALE_32;
        }
      }
      case FLOAT_32 -> {
        for (int i = 0; i < count; i++) {
          float v = block.getFloat(4 * i);
          if (!Float.isFinite(v)) {
            throw nonFinite(name, firstFrame, channels, i, v);
          }
          out[offset + i] = v;
        }
      }
      case FLOAT_64 -> {
        for (int i = 0; i < count; i++) {
          double d = block.getDouble(8 * i);
          float v = (float) d;
          if (!Float.isFinite(v)) {
            throw nonFinite(name, firstFrame, channels, i, d);
          }
          out[offset + i] = v;
        }
      }
    }
  }

  private static AudioFormatException nonFinite(
      String name, int firstFrame, int channels, int index, double value) {
    String what =
        Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? "infinite" : "beyond the 32-bit float range";
    return new AudioFormatException(
        name,
        "bad sample: float sample at frame " + (firstFrame + index / channels) + ", channel "
            + (index % channels) + " is " + what);
  }

  /** Averages the channels of {@code frames} interleaved frames into {@code mono[offset...]}. */
  private static void mixDown(float[] interleaved, int frames, int channels, float[] mono, int offset) {
    for (int f = 0, p = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++, p++) {
        sum += interleaved[p];
      }
      mono[offset + f] = (float) (sum / channels);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  private static int u16(ByteBuffer b, int pos) {
    return b.getShort(pos) & 0xFFFF;
  }

  private static String fourCc(ByteBuffer b, int pos) {
    byte[] id = new byte[4];
    for (int i = 0; i < 4; i++) {
      id[i] = b.get(pos + i);
    }
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  /** Keeps error messages on one printable line whatever bytes a broken file holds. */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return out.toString();
  }

  private static String guid(ByteBuffer b, int pos) {
    return String.format(
        Locale.ROOT,
        "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X",
        b.getInt(pos), b.getShort(pos + 4), b.getShort(pos + 6),
        b.get(pos + 8), b.get(pos + 9), b.get(pos + 10), b.get(pos + 11),
        b.get(pos + 12), b.get(pos + 13), b.get(pos + 14), b.get(pos + 15));
  }

  private static AudioFormatException ioFailure(String name, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (e instanceof EOFException) {
      why = "the file ended early (did it change while being read?)";
    } else {
      String msg = e.getMessage();
      why = msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg.replace('\n', ' ');
    }
    return new AudioFormatException(name, "cannot read: " + why, e);
  }

  // ---------------------------------------------------------------------------------------------
  // Where the bytes come from

  /** Random access to the bytes of a WAV file. Callers only read ranges inside {@link #size()}. */
  private interface Source {
    long size();

    /** Bytes {@code [pos, pos + len)} as a little-endian buffer indexed from 0. */
    ByteBuffer read(long pos, int len) throws IOException;

    /** How many bytes of sample data to request at a time. */
    int blockBytes();
  }

  private static final class ByteSource implements Source {
    private final byte[] bytes;

    ByteSource(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public ByteBuffer read(long pos, int len) {
      return ByteBuffer.wrap(bytes, (int) pos, len).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public int blockBytes() {
      return Integer.MAX_VALUE; // no copy: the whole data chunk is one view on the array
    }
  }

  /** Reads positioned ranges of a file; sample data goes through one reused 64 KiB buffer. */
  private static final class FileSource implements Source, AutoCloseable {
    private final FileChannel channel;
    private final long size;
    private ByteBuffer reusable;

    private FileSource(FileChannel channel, long size) {
      this.channel = channel;
      this.size = size;
    }

    static FileSource open(Path file, String name) throws IOException, AudioFormatException {
      if (Files.isDirectory(file)) {
        throw new AudioFormatException(name, "cannot read: is a directory, not a file");
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        long size = channel.size();
        if (size > MAX_FILE_BYTES) {
          throw new AudioFormatException(
              name,
              "file is " + (size >> 20) + " MiB; WAV files above " + (MAX_FILE_BYTES >> 20)
                  + " MiB are not supported");
        }
        return new FileSource(channel, size);
      } catch (IOException | AudioFormatException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public ByteBuffer read(long pos, int len) throws IOException {
      ByteBuffer buf;
      if (len <= FILE_BLOCK_BYTES) {
        if (reusable == null) {
          reusable = ByteBuffer.allocate(FILE_BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        }
        buf = reusable.clear().limit(len);
      } else {
        buf = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN); // one frame > 64 KiB: rare
      }
      while (buf.hasRemaining()) {
        int n = channel.read(buf, pos + buf.position());
        if (n < 0) {
          throw new EOFException();
        }
      }
      return buf.flip();
    }

    @Override
    public int blockBytes() {
      return FILE_BLOCK_BYTES;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
