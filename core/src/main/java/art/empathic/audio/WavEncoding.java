package art.empathic.audio;

/**
 * The sample encodings the WAV reader and writer support: uncompressed PCM (format code 1) and
 * IEEE float (format code 3), plain or inside {@code WAVE_FORMAT_EXTENSIBLE}.
 *
 * <p>Integer samples become floats the way soundfile/librosa scale them: unsigned 8-bit as
 * {@code (x - 128) / 128}, signed n-bit as {@code x / 2^(n-1)}; float samples are taken as they
 * are (64-bit ones rounded to 32-bit).
 */
public enum WavEncoding {
  PCM_U8(WavEncoding.FORMAT_PCM, 8, "8-bit unsigned PCM"),
  PCM_16(WavEncoding.FORMAT_PCM, 16, "16-bit PCM"),
  PCM_24(WavEncoding.FORMAT_PCM, 24, "24-bit PCM"),
  PCM_32(WavEncoding.FORMAT_PCM, 32, "32-bit PCM"),
  FLOAT_32(WavEncoding.FORMAT_IEEE_FLOAT, 32, "32-bit float"),
  FLOAT_64(WavEncoding.FORMAT_IEEE_FLOAT, 64, "64-bit float");

  /** {@code WAVE_FORMAT_PCM}. */
  public static final int FORMAT_PCM = 0x0001;
  /** {@code WAVE_FORMAT_IEEE_FLOAT}. */
  public static final int FORMAT_IEEE_FLOAT = 0x0003;
  /** {@code WAVE_FORMAT_EXTENSIBLE}: the real format code is in the sub-format GUID. */
  public static final int FORMAT_EXTENSIBLE = 0xFFFE;

  /**
   * Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs of {@code
   * WAVE_FORMAT_EXTENSIBLE}, as stored in a file; bytes 0..1 hold the format code. Do not modify.
   */
  static final byte[] SUBFORMAT_GUID_TAIL = {
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
    (byte) 0x9B, 0x71
  };

  private final int formatCode;
  private final int bitsPerSample;
  private final String description;

  WavEncoding(int formatCode, int bitsPerSample, String description) {
    this.formatCode = formatCode;
    this.bitsPerSample = bitsPerSample;
    this.description = description;
  }

  /** The WAVE format code: {@link #FORMAT_PCM} or {@link #FORMAT_IEEE_FLOAT}. */
  public int formatCode() {
    return formatCode;
  }

  public int bitsPerSample() {
    return bitsPerSample;
  }

  public int bytesPerSample() {
    return bitsPerSample / 8;
  }

  public boolean isFloat() {
    return formatCode == FORMAT_IEEE_FLOAT;
  }

  /** A human description such as "16-bit PCM". */
  public String description() {
    return description;
  }

  /** The encoding with this format code and sample size, or null if it is not supported. */
  public static WavEncoding of(int formatCode, int bitsPerSample) {
    for (WavEncoding e : values()) {
      if (e.formatCode == formatCode && e.bitsPerSample == bitsPerSample) {
        return e;
      }
    }
    return null;
  }
}
