package art.empathic.audio;

import static art.empathic.audio.RawWav.chunk;
import static art.empathic.audio.RawWav.chunkClaiming;
import static art.empathic.audio.RawWav.fmt;
import static art.empathic.audio.RawWav.riff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavReaderTest {
  private static final String NAME = "clip.wav";
  private static final int RATE = 16000;

  /** A speech-like test signal: a few partials plus a little noise, peak below 0.9. */
  static float[] testSignal(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) RATE;
      x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 220 * t) + 0.25 * Math.sin(2 * Math.PI * 1375 * t + 1)
          + 0.1 * Math.sin(2 * Math.PI * 5100 * t) + 0.05 * random.nextGaussian());
    }
    return x;
  }

  /** Largest error rounding to this encoding's grid can make (0 for floats). */
  private static double quantum(WavEncoding e) {
    return e.isFloat() ? 0 : Math.pow(2, -(e.bitsPerSample() - 1)) / 2;
  }

  // ---------------------------------------------------------------- every variant, same samples

  @ParameterizedTest
  @EnumSource(WavEncoding.class)
  void everyEncodingDecodesLikeItsSixteenBitMonoTwin(WavEncoding encoding) throws Exception {
    float[] x = testSignal(4000, 1);
    float[] twin = WavReader.decode(WavWriter.pcm16().toBytes(x, RATE), "twin.wav").samples();
    for (boolean extensible : new boolean[] {false, true}) {
      WavWriter writer = extensible ? WavWriter.of(encoding).extensible() : WavWriter.of(encoding);
      byte[] bytes = writer.toBytes(x, RATE);
      Audio audio = WavReader.decode(bytes, "variant.wav");
      WavInfo info = WavReader.info(bytes, "variant.wav");

      assertThat(info).isEqualTo(new WavInfo(encoding, extensible, 1, RATE, x.length));
      assertThat(audio.sampleRate()).isEqualTo(RATE);
      assertThat(audio.samples()).hasSize(x.length);
      double tolerance = quantum(encoding) + quantum(WavEncoding.PCM_16) + 1e-7;
      for (int i = 0; i < x.length; i++) {
        assertThat((double) audio.samples()[i]).as("%s sample %d", info, i)
            .isCloseTo(twin[i], within(tolerance));
        assertThat((double) audio.samples()[i]).isCloseTo(x[i], within(quantum(encoding) + 1e-7));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(WavEncoding.class)
  void multichannelFilesAreAveragedToMono(WavEncoding encoding) throws Exception {
    int n = 3000;
    for (int channels : new int[] {2, 3, 6}) {
      float[][] data = new float[channels][];
      for (int c = 0; c < channels; c++) {
        data[c] = testSignal(n, 10 + c);
      }
      byte[] bytes = WavWriter.of(encoding).extensible().toBytes(data, RATE);
      Audio audio = WavReader.decode(bytes, "multi.wav");
      assertThat(WavReader.info(bytes, "multi.wav").channels()).isEqualTo(channels);
      assertThat(audio.samples()).hasSize(n);
      for (int i = 0; i < n; i++) {
        double mean = 0;
        for (int c = 0; c < channels; c++) {
          mean += data[c][i];
        }
        mean /= channels;
        assertThat((double) audio.samples()[i]).isCloseTo(mean, within(quantum(encoding) + 1e-6));
      }
    }
  }

  @Test
  void stereoChannelsAreAveragedExactly() throws Exception {
    byte[] bytes = riff(fmt(1, 2, RATE, 4, 16), chunk("data", RawWav.le16(16384, -16384, 8192, 8192, 32767, -32768)));
    assertThat(WavReader.decode(bytes, NAME).samples()).containsExactly(0f, 0.25f, -0.5f / 32768f);
  }

  // ---------------------------------------------------------------- scaling as soundfile does

  @Test
  void integerSamplesAreScaledLikeSoundfile() throws Exception {
    assertThat(WavReader.decode(riff(fmt(1, 1, RATE, 1, 8), chunk("data", RawWav.u8(0, 128, 255, 64))), NAME).samples())
        .containsExactly(-1f, 0f, 127f / 128f, -0.5f);
    assertThat(WavReader.decode(riff(fmt(1, 1, RATE, 2, 16), chunk("data", RawWav.le16(-32768, 0, 32767, 16384))), NAME).samples())
        .containsExactly(-1f, 0f, 32767f / 32768f, 0.5f);
    assertThat(WavReader.decode(riff(fmt(1, 1, RATE, 3, 24), chunk("data", RawWav.le24(-8388608, 8388607, 1, -4194304))), NAME).samples())
        .containsExactly(-1f, 8388607f / 8388608f, 1f / 8388608f, -0.5f);
    assertThat(WavReader.decode(riff(fmt(1, 1, RATE, 4, 32), chunk("data", RawWav.le32(Integer.MIN_VALUE, 1 << 30, -(1 << 29)))), NAME).samples())
        .containsExactly(-1f, 0.5f, -0.25f);
  }

  @Test
  void floatSamplesAreTakenAsTheyAreEvenOutsideUnitRange() throws Exception {
    assertThat(WavReader.decode(riff(fmt(3, 1, RATE, 4, 32), chunk("data", RawWav.f32(0.25f, -1.5f, 1e-8f))), NAME).samples())
        .containsExactly(0.25f, -1.5f, 1e-8f);
    assertThat(WavReader.decode(riff(fmt(3, 1, RATE, 8, 64), chunk("data", RawWav.f64(0.1, -0.75))), NAME).samples())
        .containsExactly(0.1f, -0.75f);
  }

  // ---------------------------------------------------------------- chunks

  @Test
  void unknownAndOddSizedChunksAreSkippedWhereverTheyAre() throws Exception {
    float[] x = testSignal(1001, 3);
    byte[] plain = WavWriter.of(WavEncoding.PCM_U8).toBytes(x, RATE);
    byte[] decorated = WavWriter.of(WavEncoding.PCM_U8)
        .withChunkBeforeData("LIST", RawWav.ascii("INFOx"))  // odd size: pad byte follows
        .withChunkBeforeData("junk", new byte[7])
        .withChunkAfterData("cue ", new byte[3])
        .toBytes(x, RATE);
    assertThat(decorated.length).isGreaterThan(plain.length + 30);
    assertThat(WavReader.decode(decorated, NAME).samples()).containsExactly(WavReader.decode(plain, NAME).samples());
  }

  @Test
  void fmtMayFollowDataAndOddDataIsPadded() throws Exception {
    // 3 bytes of 8-bit data (odd: a pad byte follows), then a LIST chunk, then fmt at the end.
    byte[] bytes = riff(chunk("data", RawWav.u8(0, 128, 192)), chunk("LIST", new byte[5]), fmt(1, 1, 8000, 1, 8));
    Audio audio = WavReader.decode(bytes, NAME);
    assertThat(audio.samples()).containsExactly(-1f, 0f, 0.5f);
    assertThat(audio.sampleRate()).isEqualTo(8000);
  }

  @Test
  void streamingDataSizeMeansUpToTheEndOfTheFile() throws Exception {
    byte[] bytes = riff(fmt(1, 1, RATE, 2, 16), chunkClaiming("data", 0xFFFFFFFFL, RawWav.le16(1, 2, 3)));
    assertThat(WavReader.decode(bytes, NAME).samples()).containsExactly(1 / 32768f, 2 / 32768f, 3 / 32768f);
  }

  @Test
  void aTrailingPartialFrameAndStrayBytesAreIgnored() throws Exception {
    // 5 data bytes of 16-bit stereo = one whole frame + 1 byte; then 3 stray bytes (no chunk).
    byte[] body = riff(fmt(1, 2, RATE, 4, 16), chunk("data", RawWav.u8(0, 0x40, 0, 0x40, 9)));
    byte[] bytes = java.util.Arrays.copyOf(body, body.length + 3);
    assertThat(WavReader.decode(bytes, NAME).samples()).containsExactly(0.5f);
  }

  @Test
  void theRiffSizeFieldIsNotTrusted() throws Exception {
    byte[] bytes = RawWav.patch32(WavWriter.pcm16().toBytes(new float[] {0.5f}, RATE), 4, 0);
    assertThat(WavReader.decode(bytes, NAME).samples()).containsExactly(0.5f);
  }

  // ---------------------------------------------------------------- files

  @Test
  void readsFilesInBlocksAcrossBlockBoundaries(@TempDir Path dir) throws Exception {
    // 3 channels of 24-bit = 9-byte frames: 64 KiB blocks split nowhere near a frame boundary.
    float[][] data = {testSignal(30011, 5), testSignal(30011, 6), testSignal(30011, 7)};
    Path file = dir.resolve("big.wav");
    WavWriter.of(WavEncoding.PCM_24).withChunkBeforeData("LIST", new byte[101]).write(file, data, 44100);
    Audio fromFile = WavReader.read(file);
    Audio fromBytes = WavReader.decode(Files.readAllBytes(file), "big.wav");
    assertThat(fromFile.samples()).containsExactly(fromBytes.samples());
    assertThat(fromFile.sampleRate()).isEqualTo(44100);
    assertThat(WavReader.info(file)).isEqualTo(new WavInfo(WavEncoding.PCM_24, false, 3, 44100, 30011));
    assertThat(dir.toFile().list()).containsExactly("big.wav"); // no temporary file left behind
  }

  @Test
  void fileProblemsAreAudioFormatErrors(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("missing.wav");
    assertThatThrownBy(() -> WavReader.read(missing))
        .isInstanceOf(AudioFormatException.class).hasMessage(missing + ": cannot read: no such file");
    assertThatThrownBy(() -> WavReader.info(dir))
        .isInstanceOf(AudioFormatException.class).hasMessage(dir + ": cannot read: is a directory, not a file");
    Path text = dir.resolve("notes.wav");
    Files.writeString(text, "these are not the samples you are looking for");
    assertThatThrownBy(() -> WavReader.read(text))
        .isInstanceOf(AudioFormatException.class)
        .hasMessage(text + ": not a RIFF/WAVE file (starts with 'thes', form 'e no')");
  }

  @Test
  void filesAboveTwoGibibytesAreRefusedBeforeReading(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge.wav");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.write(WavWriter.pcm16().toBytes(new float[] {0f}, RATE));
      f.setLength(3L << 30); // sparse: takes no disk space
    }
    assertThatThrownBy(() -> WavReader.read(huge))
        .isInstanceOf(AudioFormatException.class)
        .hasMessage(huge + ": file is 3072 MiB; WAV files above 2048 MiB are not supported");
  }

  // ---------------------------------------------------------------- bad input, one line each

  private static void assertBad(byte[] bytes, String problem) {
    assertThatThrownBy(() -> WavReader.decode(bytes, NAME))
        .isInstanceOf(AudioFormatException.class)
        .hasMessage(NAME + ": " + problem)
        .satisfies(e -> assertThat(((AudioFormatException) e).problem()).isEqualTo(problem))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static final byte[] GOOD = WavWriter.pcm16().toBytes(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, RATE);

  @Test
  void emptyAndTinyFiles() {
    assertBad(new byte[0], "empty file, not a WAV file");
    assertBad(RawWav.ascii("RIFF\0\0"), "truncated header: the file is only 6 bytes, not a RIFF/WAVE file");
  }

  @Test
  void notRiffWave() {
    assertBad(RawWav.ascii("ID3\u0003 junk junk junk"), "not a RIFF/WAVE file (starts with 'ID3?', form 'k ju')");
    assertBad(RawWav.ascii("RIFF\0\0\0\0AVI LIST"), "not a RIFF/WAVE file (starts with 'RIFF', form 'AVI ')");
    assertBad(RawWav.ascii("RIFX\0\0\0\0WAVEfmt "), "big-endian RIFX files are not supported; convert to RIFF");
    assertBad(RawWav.ascii("RF64\0\0\0\0WAVEds64"), "RF64 files are not supported; convert to RIFF");
  }

  @Test
  void truncatedHeader() {
    assertBad(java.util.Arrays.copyOf(GOOD, 30), "truncated header: fmt chunk at byte 12 says 16 bytes but only 10 remain");
    assertBad(riff(chunk("fmt ", new byte[14]), chunk("data", new byte[4])), "truncated header: fmt chunk is 14 bytes, at least 16 are needed");
    byte[] ext = WavWriter.of(WavEncoding.PCM_16).extensible().toBytes(new float[] {0f}, RATE);
    byte[] shortExt = riff(chunk("fmt ", java.util.Arrays.copyOfRange(ext, 20, 20 + 24)), chunk("data", new byte[2]));
    assertBad(shortExt, "truncated header: WAVE_FORMAT_EXTENSIBLE fmt chunk is 24 bytes, 40 are needed");
    assertBad(riff(fmt(1, 1, RATE, 2, 16), chunkClaiming("LIST", 1000, new byte[10])),
        "truncated file: 'LIST' chunk at byte 36 says 1000 bytes but only 10 remain");
  }

  @Test
  void truncatedData() {
    assertBad(java.util.Arrays.copyOf(GOOD, GOOD.length - 3), "truncated data: data chunk says 8 bytes but only 5 remain");
  }

  @Test
  void aHeaderClaimingFourGigabytesInAHundredByteFileFailsFast() {
    byte[] bytes = riff(fmt(1, 2, 48000, 4, 16), chunkClaiming("data", 0xFFFFFFF0L, new byte[56]));
    assertThat(bytes).hasSize(100);
    assertBad(bytes, "truncated data: data chunk says 4294967280 bytes but only 56 remain");
  }

  @Test
  void missingChunks() {
    assertBad(riff(chunk("data", new byte[4])), "missing fmt chunk: no audio format description found");
    assertBad(riff(fmt(1, 1, RATE, 2, 16), chunk("LIST", new byte[4])), "missing data chunk: the file holds no audio data");
    assertBad(riff(), "missing fmt chunk: no audio format description found");
  }

  @Test
  void zeroSamples() {
    assertBad(WavWriter.pcm16().toBytes(new float[0], RATE), "zero samples: the data chunk is empty");
    assertBad(riff(fmt(1, 2, RATE, 4, 16), chunk("data", new byte[3])),
        "zero samples: the data chunk holds 3 bytes, less than one frame of 4");
  }

  @Test
  void compressedAndUnknownFormatsAreNamed() {
    assertBad(RawWav.patch16(GOOD, 20, 0x11), "compressed format 0x0011 (IMA ADPCM) is not supported; convert to PCM");
    assertBad(RawWav.patch16(GOOD, 20, 0x55), "compressed format 0x0055 (MPEG layer 3 (MP3)) is not supported; convert to PCM");
    assertBad(RawWav.patch16(GOOD, 20, 0x06), "compressed format 0x0006 (A-law) is not supported; convert to PCM");
    assertBad(RawWav.patch16(GOOD, 20, 0x1234), "format code 0x1234 is not supported; convert to PCM");
    byte[] ext = WavWriter.of(WavEncoding.PCM_16).extensible().toBytes(new float[] {0f}, RATE);
    // the sub-format code sits at byte 20 + 24 of an extensible file
    assertBad(RawWav.patch16(ext, 44, 0x02), "compressed format 0x0002 (Microsoft ADPCM) is not supported; convert to PCM");
    assertBad(RawWav.patch16(ext, 46, 0x1234),
        "WAVE_FORMAT_EXTENSIBLE sub-format 12340001-0000-0010-8000-00AA00389B71 is not PCM or IEEE float");
    assertBad(RawWav.patch16(ext, 36, 10), "WAVE_FORMAT_EXTENSIBLE extension is 10 bytes, 22 are needed");
    assertBad(RawWav.patch16(ext, 38, 17), "valid bits per sample 17 exceed the container's 16");
  }

  @Test
  void absurdHeaderFields() {
    assertBad(RawWav.patch16(GOOD, 22, 0), "bad header: channel count is 0");
    assertBad(RawWav.patch16(GOOD, 22, 2000), "bad header: 2000 channels is absurd (at most 1024)");
    assertBad(RawWav.patch32(GOOD, 24, 0), "bad header: sample rate 0 Hz is out of range (1 to 1000000)");
    assertBad(RawWav.patch32(GOOD, 24, 0xFFFFFFFFL), "bad header: sample rate 4294967295 Hz is out of range (1 to 1000000)");
    assertBad(RawWav.patch16(GOOD, 32, 3), "bad header: block align 3 does not match 1 channel(s) of 16 bits (expected 2)");
    assertBad(RawWav.patch16(RawWav.patch16(GOOD, 34, 12), 32, 2), "12-bit PCM is not supported (8, 16, 24 or 32 bits)");
    byte[] float32 = riff(fmt(3, 1, RATE, 2, 16), chunk("data", new byte[4]));
    assertBad(float32, "16-bit float is not supported (32 or 64 bits)");
  }

  @Test
  void nonFiniteFloatSamplesAreRejected() {
    assertBad(riff(fmt(3, 1, RATE, 4, 32), chunk("data", RawWav.f32(0f, 0.5f, Float.NaN))),
        "bad sample: float sample at frame 2, channel 0 is NaN");
    assertBad(WavWriter.of(WavEncoding.FLOAT_32).toBytes(new float[][] {{0f, 0f}, {0f, Float.NEGATIVE_INFINITY}}, RATE),
        "bad sample: float sample at frame 1, channel 1 is infinite");
    assertBad(riff(fmt(3, 1, RATE, 8, 64), chunk("data", RawWav.f64(1e300))),
        "bad sample: float sample at frame 0, channel 0 is beyond the 32-bit float range");
  }
}
