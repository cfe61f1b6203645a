package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.WavEncoding;
import art.empathic.audio.WavReader;
import art.empathic.audio.WavWriter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every WAV variant decodes to the same MFCC as its 16-bit mono twin. The test signal sits on
 * the 8-bit grid (k / 128), which every encoding represents exactly, so "the same" is exact.
 */
class WavVariantsMfccTest {
  static final int SR = 16000;

  static float[] onEightBitGrid() {
    SplittableRandom r = new SplittableRandom(5);
    float[] y = new float[SR / 2];
    for (int i = 0; i < y.length; i++) {
      double v = 0.4 * Math.sin(2 * Math.PI * 180 * i / SR) + 0.2 * Math.sin(2 * Math.PI * 1270 * i / SR)
          + 0.05 * (r.nextDouble() - 0.5);
      y[i] = (float) (Math.max(-128, Math.min(127, Math.round(v * 128))) / 128.0);
    }
    return y;
  }

  @Test
  void everyEncodingLayoutAndChannelCountGivesTheTwinsMfcc() throws Exception {
    float[] y = onEightBitGrid();
    MfccExtractor extractor = new MfccExtractor(MfccConfig.librosaDefaults(SR));
    float[][] twin = extractor.mfcc(WavReader.decode(WavWriter.pcm16().toBytes(y, SR), "twin.wav").samples());
    int checked = 0;
    for (WavEncoding encoding : WavEncoding.values()) {
      for (boolean extensible : new boolean[] {false, true}) {
        WavWriter writer = WavWriter.of(encoding).withChunkBeforeData("LIST", "INFOodd".getBytes())
            .withChunkAfterData("junk", new byte[] {1, 2, 3});
        if (extensible) {
          writer = writer.extensible();
        }
        for (int channels : new int[] {1, 2, 3}) {
          float[][] data = new float[channels][];
          java.util.Arrays.fill(data, y);
          String name = encoding + (extensible ? " extensible " : " ") + channels + "ch";
          Audio audio = WavReader.decode(writer.toBytes(data, SR), name);
          assertThat(extractor.mfcc(audio.samples())).as(name).isDeepEqualTo(twin);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(WavEncoding.values().length * 2 * 3);
  }
}
