package art.empathic.features.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import art.empathic.audio.Audio;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.corpus.DataLocator;
import art.empathic.features.FeatureSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link VoiceFrames} against {@link VoiceFramesPrevious}, bit for bit: the frame matrix (and so
 * every cached voice entry and the functionals) must not change when the implementation gets faster.
 */
class VoiceFramesEqualityTest {
  private static float[] signal(int n, int sr, long seed) {
    Random r = new Random(seed);
    float[] y = new float[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      phase += 2 * Math.PI * (120 + 180 * i / (double) n) / sr;
      boolean silent = i > n / 3 && i < n / 2;
      y[i] = silent ? 0f : (float) (0.3 * Math.sin(phase) + 0.1 * Math.sin(3 * phase) + 0.03 * r.nextGaussian());
    }
    return y;
  }

  private static void assertSameBits(MfccConfig c, float[] y, String what) {
    float[][] now = new VoiceFrames(c).compute(y);
    float[][] before = new VoiceFramesPrevious(c).compute(y);
    assertEquals(before.length, now.length, what + ": rows");
    for (int r = 0; r < now.length; r++) {
      assertArrayEquals(before[r], now[r], 0f, what + ": row " + r);
    }
  }

  @Test
  void theFunctionalsSettingsGiveTheSameBitsOnSynthesisedSpeechOfManyLengths() {
    MfccConfig c = FeatureSpec.functionals(16000).mfcc();
    for (int n : new int[] {300, 1024, 4000, 16000, 16001, 40000}) {
      assertSameBits(c, signal(n, 16000, n), n + " samples");
    }
  }

  @Test
  void otherConfigurationsToo() {
    // 40 mel bands: the matrix DCT instead of JTransforms' fast one; 22.05 kHz; no top_db floor.
    MfccConfig c = FeatureSpec.functionals(22050).mfcc().withNMels(40).withNMfcc(13).withTopDb(null);
    assertSameBits(c, signal(30000, 22050, 3), "40 mels at 22.05 kHz");
    assertSameBits(FeatureSpec.functionals(16000).mfcc().withNMels(128).withNMfcc(40), signal(20000, 16000, 4), "128 mels");
  }

  @Test
  void realClipsGiveTheSameBits() throws Exception {
    Optional<Path> ravdess = DataLocator.ravdess(null);
    Assumptions.assumeTrue(ravdess.isPresent(), "RAVDESS not found (flag, $" + DataLocator.ENV + ", ../shared/data): skipped");
    List<Path> clips = MfccRavdessTest.pickClips(ravdess.get());
    Assumptions.assumeTrue(!clips.isEmpty(), "no RAVDESS clips under " + ravdess.get() + ": skipped");
    MfccConfig c = FeatureSpec.functionals(16000).mfcc();
    for (Path clip : clips) {
      Audio a = Resampler.resample(WavReader.read(clip), 16000);
      assertSameBits(c, a.samples(), clip.toString());
    }
  }
}
