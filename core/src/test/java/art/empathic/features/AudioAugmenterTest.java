package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.Augment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Split;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Splitter;
import art.empathic.corpus.TestAudio;

/** The augmentation draws reach {@link Augment} with the right parameters, and real augmentation runs end to end. */
class AudioAugmenterTest {
  @TempDir Path tmp;

  private static Audio tone() {
    float[] y = new float[8000];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
    }
    return new Audio(y, 16000);
  }

  @Test
  void shiftIsInSecondsZeroFilledAndCapped() {
    Audio a = tone();
    Audio shifted = AudioAugmenter.apply(a, new AugmentSpec.Draw(1, 0.01, null, null, null, 0), Augment.Noise.WHITE);
    for (int i = 0; i < 160; i++) {
      assertThat(shifted.samples()[i]).isZero();
    }
    assertThat(shifted.samples()[160 + 37]).isEqualTo(a.samples()[37]);
    Audio far = AudioAugmenter.apply(a, new AugmentSpec.Draw(1, -10.0, null, null, null, 0), Augment.Noise.WHITE);
    assertThat(far.samples()[0]).isEqualTo(a.samples()[2000]); // capped at a quarter of the clip
  }

  @Test
  void noiseComesLastAtTheDrawnSnrAndSpeedChangesLength() {
    Audio a = tone();
    Audio out = AudioAugmenter.apply(a, new AugmentSpec.Draw(1, null, 1.25, null, 20.0, 7), Augment.Noise.WHITE);
    assertThat(out.samples().length).isCloseTo(6400, Offset.offset(2));
    Audio sped = AudioAugmenter.apply(a, new AugmentSpec.Draw(1, null, 1.25, null, null, 7), Augment.Noise.WHITE);
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < sped.samples().length; i++) {
      signal += sped.samples()[i] * sped.samples()[i];
      double d = out.samples()[i] - sped.samples()[i];
      noise += d * d;
    }
    assertThat(10 * Math.log10(signal / noise)).isCloseTo(20.0, Offset.offset(0.01));
    Audio pitched = AudioAugmenter.apply(a, new AugmentSpec.Draw(1, null, null, 2.0, null, 0), Augment.Noise.WHITE);
    assertThat(pitched.samples()).hasSize(8000).isNotEqualTo(a.samples());
  }

  /**
   * The default recipe's voice perturbation: each copy of a clip plays at a speed drawn from
   * [0.8, 1.2], the same for the same seed, clip and copy and different for another seed, and the
   * copy's pitch (zero-crossing rate of a 220 Hz tone) moves by exactly the drawn factor.
   */
  @Test
  void speedPerturbationIsDeterministicPerSeedAndMovesThePitchByTheDrawnFactor() {
    AugmentSpec spec = AugmentSpec.parse("copies=3,speed=0.8:1.2", 42);
    AugmentSpec same = AugmentSpec.parse("copies=3,speed=0.8:1.2", 42);
    AugmentSpec other = AugmentSpec.parse("copies=3,speed=0.8:1.2", 43);
    Audio a = tone();
    int differentFromOtherSeed = 0;
    for (int copy = 1; copy <= 3; copy++) {
      AugmentSpec.Draw d = spec.draw("hash-of-a-clip", "spk1", copy);
      assertThat(d).isEqualTo(same.draw("hash-of-a-clip", "spk1", copy));
      differentFromOtherSeed += d.speed().equals(other.draw("hash-of-a-clip", "spk1", copy).speed()) ? 0 : 1;
      assertThat(d.speed()).isBetween(0.8, 1.2);
      Audio out = AudioAugmenter.apply(a, d, Augment.Noise.WHITE);
      assertThat(out.samples()).isEqualTo(AudioAugmenter.apply(a, d, Augment.Noise.WHITE).samples());
      double applied = Math.round(d.speed() * 1000) / 1000.0; // Augment.speed rounds the factor to 1/1000
      assertThat((double) out.samples().length).isCloseTo(8000 / applied, Offset.offset(2.0));
      int crossings = 0;
      float[] y = out.samples();
      for (int i = 400; i < y.length - 400; i++) {
        crossings += (y[i - 1] < 0) != (y[i] < 0) ? 1 : 0;
      }
      double hz = crossings / 2.0 / ((y.length - 800) / 16000.0);
      assertThat(hz / 220).isCloseTo(applied, Offset.offset(0.01));
    }
    assertThat(differentFromOtherSeed).isEqualTo(3);
  }

  @Test
  void realAugmentationAddsDeterministicTrainingCopiesOnly() throws IOException {
    TestAudio.wavs(tmp.resolve("d"), List.of("angry/s1/a.wav", "sad/s1/b.wav", "angry/s2/c.wav", "sad/s2/d.wav"));
    Corpus c = Corpus.load(List.of(tmp.resolve("d")), CorpusOptions.DEFAULT);
    Split split = Splitter.split(c.clips(), SplitSpec.speakerFold(2, 2, 0));
    AugmentSpec aug = new AugmentSpec(2, new AugmentSpec.Range(10, 30), Augment.Noise.PINK,
        new AugmentSpec.Range(-0.02, 0.02), new AugmentSpec.Range(0.9, 1.1), new AugmentSpec.Range(-1, 1), 3);
    FeatureSpec spec = FeatureSpec.mfccSeq(art.empathic.features.dsp.MfccConfig.librosaDefaults(16000).withNFft(512)
        .withHopLength(128).withNMels(40).withNMfcc(13), 20);
    SplitFeatures one = new FeaturePipeline(spec, FeatureCache.disabled(), 2, false).extract(split, aug);
    SplitFeatures two = new FeaturePipeline(spec, FeatureCache.disabled(), 1, false).extract(split, aug);
    assertThat(one.train().size()).isEqualTo(6);
    assertThat(one.train().report().skipped()).isEmpty();
    assertThat(one.test().size()).isEqualTo(2);
    assertThat(one.test().variants()).containsOnly(FeatureSet.ORIGINAL);
    for (int i = 0; i < 6; i++) {
      assertThat(one.train().rows().get(i)).containsExactly(two.train().rows().get(i));
    }
    assertThat(one.train().rows().get(1)).isNotEqualTo(one.train().rows().get(0));
    assertThat(one.train().variants().get(1)).startsWith("copy 1: shift").contains("pitch").contains("noise");
  }
}
