package art.empathic.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the seed corpus of {@link WavReaderFuzzTest}: tiny valid WAVs of every encoding and
 * layout, and broken ones. Run from the project root:
 *
 * <pre>
 * java -cp target/classes:target/test-classes art.empathic.audio.FuzzSeedWriter
 * </pre>
 *
 * Findings of fuzzing runs are added to the same directory by Jazzer (as {@code crash-*}); rename
 * them {@code bad-...} once fixed.
 */
final class FuzzSeedWriter {
  private FuzzSeedWriter() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of("src/test/resources/art/empathic/audio/WavReaderFuzzTestInputs/decodeOnlyFailsWithAudioFormatException");
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> seed : seeds().entrySet()) {
      WavWriter.writeAtomically(dir.resolve(seed.getKey()), seed.getValue());
    }
  }

  static Map<String, byte[]> seeds() {
    float[] mono = {0f, 0.5f, -0.5f, 0.99f, -1f, 0.25f, -0.125f};
    float[][] stereo = {{0.1f, 0.2f, 0.3f}, {-0.1f, -0.2f, -0.3f}};
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    for (WavEncoding e : WavEncoding.values()) {
      String name = e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      seeds.put("valid-" + name + ".wav", WavWriter.of(e).toBytes(mono, 16000));
      seeds.put("valid-" + name + "-stereo-extensible.wav", WavWriter.of(e).extensible().toBytes(stereo, 44100));
    }
    seeds.put("valid-pcm-u8-odd-chunks.wav", WavWriter.of(WavEncoding.PCM_U8)
        .withChunkBeforeData("LIST", RawWav.ascii("INFOISFT")).withChunkBeforeData("junk", new byte[3])
        .withChunkAfterData("cue ", new byte[5]).toBytes(new float[] {0.5f, -0.5f, 0f}, 8000));
    seeds.put("valid-pcm-16-fmt-after-data.wav", RawWav.riff(
        RawWav.chunk("data", RawWav.le16(100, -100, 3000)), RawWav.fmt(1, 1, 22050, 2, 16)));
    seeds.put("valid-pcm-16-streaming-size.wav", RawWav.riff(
        RawWav.fmt(1, 1, 16000, 2, 16), RawWav.chunkClaiming("data", 0xFFFFFFFFL, RawWav.le16(1, 2, 3, 4))));

    byte[] good = WavWriter.pcm16().toBytes(mono, 16000);
    seeds.put("bad-empty.wav", new byte[0]);
    seeds.put("bad-truncated-header.wav", java.util.Arrays.copyOf(good, 30));
    seeds.put("bad-truncated-data.wav", java.util.Arrays.copyOf(good, good.length - 3));
    seeds.put("bad-4gb-data-chunk.wav", RawWav.riff(RawWav.fmt(1, 2, 48000, 4, 16),
        RawWav.chunkClaiming("data", 0xFFFFFFF0L, new byte[56])));
    seeds.put("bad-ima-adpcm.wav", RawWav.patch16(good, 20, 0x11));
    seeds.put("bad-zero-channels.wav", RawWav.patch16(good, 22, 0));
    seeds.put("bad-block-align.wav", RawWav.patch16(good, 32, 3));
    seeds.put("bad-nan-float.wav", WavWriter.of(WavEncoding.FLOAT_32).toBytes(new float[] {0f, Float.NaN}, 16000));
    seeds.put("bad-rifx.wav", RawWav.ascii("RIFX\0\0\0\0WAVEfmt "));
    seeds.put("bad-no-data.wav", RawWav.riff(RawWav.fmt(1, 1, 16000, 2, 16), RawWav.chunk("LIST", new byte[4])));
    return seeds;
  }
}
