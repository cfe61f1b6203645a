package art.empathic.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

  @Test
  void writesTheCanonicalFortyFourByteHeader() {
    byte[] bytes = WavWriter.pcm16().toBytes(new float[] {0.5f, -1f}, 16000);
    byte[] expected = RawWav.riff(RawWav.fmt(1, 1, 16000, 2, 16), RawWav.chunk("data", RawWav.le16(16384, -32768)));
    assertThat(bytes).containsExactly(expected);
    assertThat(bytes).hasSize(48);
  }

  @Test
  void floatFilesGetACbSizeAndAFactChunk() {
    byte[] bytes = WavWriter.of(WavEncoding.FLOAT_32).toBytes(new float[][] {{0.25f}, {-0.25f}}, 8000);
    byte[] fmtBody = RawWav.patch16(java.util.Arrays.copyOfRange(
        RawWav.fmt(3, 2, 8000, 8, 32), 8, 24), 0, 3);
    byte[] expected = RawWav.riff(
        RawWav.chunk("fmt ", java.util.Arrays.copyOf(fmtBody, 18)), // cbSize = 0
        RawWav.chunk("fact", RawWav.le32(1)),
        RawWav.chunk("data", RawWav.f32(0.25f, -0.25f)));
    assertThat(bytes).containsExactly(expected);
  }

  @Test
  void integerEncodingsRoundAndClip() throws Exception {
    float[] x = {1.5f, -2f, 0.999f, 1f / 65536, 3f / 65536};
    // 16-bit: round(x * 32768), clipped to [-32768, 32767]; 1/65536 is half a step (rounds up).
    assertThat(WavReader.decode(WavWriter.pcm16().toBytes(x, 8000), "x.wav").samples())
        .containsExactly(32767f / 32768, -1f, 32735f / 32768, 1f / 32768, 2f / 32768);
    assertThat(WavReader.decode(WavWriter.of(WavEncoding.PCM_U8).toBytes(x, 8000), "x.wav").samples())
        .containsExactly(127f / 128, -1f, 127f / 128, 0f, 0f);
    assertThatThrownBy(() -> WavWriter.pcm16().toBytes(new float[] {Float.NaN}, 8000))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot store NaN as PCM");
  }

  @Test
  void writesAtomicallyAndReplacesAnExistingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out.wav");
    Files.writeString(file, "old");
    Audio audio = new Audio(new float[] {0.25f, -0.25f}, 22050);
    WavWriter.of(WavEncoding.PCM_24).write(file, audio);
    assertThat(WavReader.read(file)).usingRecursiveComparison().isEqualTo(audio);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file);
    }
  }

  @Test
  void refusesWhatCannotBeAWavFile() {
    assertThatThrownBy(() -> WavWriter.pcm16().toBytes(new float[][] {{0f}, {0f, 1f}}, 8000))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("channels differ in length");
    assertThatThrownBy(() -> WavWriter.pcm16().toBytes(new float[][] {}, 8000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavWriter.pcm16().toBytes(new float[1], 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavWriter.pcm16().withChunkBeforeData("LONGID", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 ASCII characters");
  }
}
