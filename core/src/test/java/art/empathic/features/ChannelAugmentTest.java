package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.audio.Audio;
import art.empathic.audio.Augment;
import art.empathic.audio.Channel;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Split;
import art.empathic.corpus.SplitSpec;
import art.empathic.corpus.Splitter;
import art.empathic.corpus.TestAudio;
import art.empathic.features.dsp.MfccConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channel augmentation: drawn per speaker and copy, deterministic per seed, babble from other speakers only. */
class ChannelAugmentTest {
  @TempDir Path tmp;

  private Corpus corpus() throws IOException {
    TestAudio.wavs(tmp.resolve("d"), List.of("angry/s1/a.wav", "sad/s1/b.wav", "angry/s2/c.wav", "sad/s2/d.wav",
        "angry/s3/e.wav", "sad/s3/f.wav"));
    return Corpus.load(List.of(tmp.resolve("d")), CorpusOptions.DEFAULT);
  }

  @Test
  void parsesAndPrintsTheChannelSwitch() {
    AugmentSpec a = AugmentSpec.parse("copies=2,channel=on", 7);
    assertThat(a.channels()).isTrue();
    assertThat(a.copies()).isEqualTo(2);
    assertThat(AugmentSpec.parse(a.toCli(), 7)).isEqualTo(a);
    assertThat(AugmentSpec.parse("copies=1,noise=10:20", 7).channels()).isFalse();
    assertThatThrownBy(() -> AugmentSpec.parse("copies=1,channel=maybe", 7)).hasMessageContaining("on or off");
    assertThatThrownBy(() -> AugmentSpec.parse("copies=1,channel=off", 7)).hasMessageContaining("no alteration");
  }

  @Test
  void drawsAreDeterministicPerSeedSharedBySpeakerCopyAndCoverEveryKind() {
    AugmentSpec a = AugmentSpec.parse("copies=3,channel=on", 11);
    AugmentSpec.Draw d1 = a.draw("hashA", "s1", 1);
    assertThat(a.draw("hashA", "s1", 1)).isEqualTo(d1);
    // One microphone per speaker and copy: another clip of s1 in copy 1 gets the same channel, other noise.
    AugmentSpec.Draw other = a.draw("hashB", "s1", 1);
    assertThat(other.channel()).isEqualTo(d1.channel());
    assertThat(other.noiseSeed()).isNotEqualTo(d1.noiseSeed());
    Set<Channel> perSeed = new HashSet<>();
    Set<Channel> otherSeed = new HashSet<>();
    AugmentSpec b = AugmentSpec.parse("copies=3,channel=on", 12);
    for (int s = 0; s < 20; s++) {
      perSeed.add(a.draw("h", "s" + s, 1).channel());
      otherSeed.add(b.draw("h", "s" + s, 1).channel());
    }
    assertThat(perSeed).isNotEqualTo(otherSeed);
    EnumSet<Channel.Kind> kinds = EnumSet.noneOf(Channel.Kind.class);
    Random r = new Random(1);
    for (int i = 0; i < 300; i++) {
      Channel c = AugmentSpec.drawChannel(r);
      kinds.add(c.kind());
      switch (c.kind()) {
        case WHITE, BABBLE -> assertThat(c.value()).isBetween(5.0, 30.0);
        case REVERB -> assertThat(c.value()).isBetween(0.2, 0.8);
        case GAIN -> assertThat(c.value()).isBetween(-30.0, 0.0);
        case CLIP -> assertThat(c.value()).isBetween(3.0, 12.0);
        default -> { }
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder(Channel.Kind.WHITE, Channel.Kind.BABBLE, Channel.Kind.TELEPHONE,
        Channel.Kind.REVERB, Channel.Kind.GAIN, Channel.Kind.CLIP);
    // Without channels the draw keeps its old form (and so its old cache key).
    AugmentSpec noise = AugmentSpec.noise(1, 10, 20, 11);
    assertThat(noise.draw("h", "s1", 1)).isEqualTo(noise.draw("h", 1));
    assertThat(noise.draw("h", 1).key()).doesNotContain("channel");
  }

  @Test
  void babbleNeverUsesTheClipsOwnSpeakerAndCacheKeysNameTheChannel() throws IOException {
    List<Clip> clips = corpus().clips();
    FeaturePipeline p = new FeaturePipeline(FeatureSpec.mfccMean(MfccConfig.librosaDefaults(16000)),
        FeatureCache.disabled(), 1, false);
    int babbles = 0;
    for (long seed = 0; seed < 40; seed++) {
      AugmentSpec a = AugmentSpec.parse("copies=2,channel=on", seed);
      for (Clip c : clips) {
        for (int copy = 1; copy <= 2; copy++) {
          FeaturePipeline.AugmentedDraw d = FeaturePipeline.augmentedDraw(a, c, copy, clips);
          if (d.draw().channel().kind() == Channel.Kind.BABBLE) {
            babbles++;
            assertThat(d.babble()).hasSize(Channel.BABBLE_TALKERS);
            assertThat(d.babble()).allSatisfy(b -> assertThat(b.speaker()).isNotEqualTo(c.speaker()));
          } else {
            assertThat(d.babble()).isEmpty();
          }
        }
      }
    }
    assertThat(babbles).isGreaterThan(10);
    Clip c = clips.get(0);
    AugmentSpec a = AugmentSpec.parse("copies=2,channel=on", 5);
    Set<String> keys = new HashSet<>(List.of(p.cacheKey(c), p.cacheKey(c, a, 1, clips), p.cacheKey(c, a, 2, clips),
        p.cacheKey(c, AugmentSpec.parse("copies=2,channel=on", 6), 1, clips)));
    assertThat(keys).hasSize(4);
    assertThat(p.cacheKey(c, a, 1, clips)).isEqualTo(p.cacheKey(c, a, 1, clips));
    // A speaker alone in the pool never hears their own voice as babble: white noise at that SNR instead.
    List<Clip> alone = clips.stream().filter(x -> x.speaker().equals(c.speaker())).toList();
    for (long seed = 0; seed < 40; seed++) {
      AugmentSpec s = AugmentSpec.parse("copies=1,channel=on", seed);
      if (s.draw(c.contentHash(), c.speaker(), 1).channel().kind() == Channel.Kind.BABBLE) {
        FeaturePipeline.AugmentedDraw w = FeaturePipeline.augmentedDraw(s, c, 1, alone);
        assertThat(w.babble()).isEmpty();
        assertThat(w.draw().channel().kind()).isEqualTo(Channel.Kind.WHITE);
        assertThat(w.draw().channel().value()).isEqualTo(s.draw(c.contentHash(), c.speaker(), 1).channel().value());
        return;
      }
    }
    throw new AssertionError("no babble draw in 40 seeds");
  }

  /**
   * {@code babble=LO:HI} adds one copy of babble from other training speakers at an SNR in that
   * range, drawn per speaker; the other copies stay exactly what they were (and so keep their cache keys).
   */
  @Test
  void anExtraBabbleCopyAtItsOwnSnrRangeLeavesTheOtherCopiesAsTheyWere() throws IOException {
    AugmentSpec plain = AugmentSpec.parse("copies=3,channel=on,speed=0.8:1.2", 9);
    AugmentSpec withBabble = AugmentSpec.parse("copies=3,channel=on,speed=0.8:1.2,babble=0:20", 9);
    assertThat(withBabble.totalCopies()).isEqualTo(4);
    assertThat(plain.totalCopies()).isEqualTo(3);
    assertThat(AugmentSpec.parse(withBabble.toCli(), 9)).isEqualTo(withBabble);
    Set<Double> snrs = new HashSet<>();
    for (int s = 0; s < 30; s++) {
      for (int copy = 1; copy <= 3; copy++) {
        assertThat(withBabble.draw("h" + s, "s" + s, copy)).isEqualTo(plain.draw("h" + s, "s" + s, copy));
      }
      AugmentSpec.Draw b = withBabble.draw("h" + s, "s" + s, 4);
      assertThat(b.channel().kind()).isEqualTo(Channel.Kind.BABBLE);
      assertThat(b.channel().value()).isBetween(0.0, 20.0);
      assertThat(b.speed()).isBetween(0.8, 1.2);
      // One speaker, one babble level in the copy: another clip of the speaker shares it.
      assertThat(withBabble.draw("other", "s" + s, 4).channel()).isEqualTo(b.channel());
      snrs.add(b.channel().value());
    }
    assertThat(snrs).hasSizeGreaterThan(20);
    // Babble alone, without channel copies, is an alteration too; and it mixes other speakers only.
    AugmentSpec alone = AugmentSpec.parse("copies=0,babble=5:5", 3);
    assertThat(alone.totalCopies()).isEqualTo(1);
    assertThat(alone.draw("h", "s1", 1).channel()).isEqualTo(new Channel(Channel.Kind.BABBLE, 5));
    assertThatThrownBy(() -> AugmentSpec.parse("babble=5:20", 3)).hasMessageContaining("copies=0 for the babble copy");
    List<Clip> clips = corpus().clips();
    FeaturePipeline.AugmentedDraw d = FeaturePipeline.augmentedDraw(alone, clips.get(0), 1, clips);
    assertThat(d.babble()).hasSize(Channel.BABBLE_TALKERS)
        .allSatisfy(b -> assertThat(b.speaker()).isNotEqualTo(clips.get(0).speaker()));
    Corpus c = corpus();
    Split split = Splitter.split(c.clips(), SplitSpec.speakerFold(3, 3, 0));
    FeatureSpec spec = FeatureSpec.mfccMean(MfccConfig.librosaDefaults(16000).withNFft(512).withHopLength(128)
        .withNMels(40).withNMfcc(13));
    SplitFeatures f = new FeaturePipeline(spec, FeatureCache.disabled(), 1, false).extract(split, alone);
    assertThat(f.train().size()).isEqualTo(2 * split.train().size());
    assertThat(f.test().size()).isEqualTo(split.test().size());
  }

  @Test
  void channelCopiesAreDistinctDeterministicAndOnlyInTraining() throws IOException {
    Corpus c = corpus();
    Split split = Splitter.split(c.clips(), SplitSpec.speakerFold(3, 3, 0));
    AugmentSpec aug = AugmentSpec.parse("copies=2,channel=on", 3);
    FeatureSpec spec = FeatureSpec.mfccMean(MfccConfig.librosaDefaults(16000).withNFft(512).withHopLength(128)
        .withNMels(40).withNMfcc(13));
    SplitFeatures one = new FeaturePipeline(spec, FeatureCache.disabled(), 2, false).extract(split, aug);
    SplitFeatures two = new FeaturePipeline(spec, FeatureCache.disabled(), 1, false).extract(split, aug);
    int n = split.train().size();
    assertThat(one.train().size()).isEqualTo(3 * n);
    assertThat(one.train().report().skipped()).isEmpty();
    assertThat(one.test().variants()).containsOnly(FeatureSet.ORIGINAL);
    for (int i = 0; i < 3 * n; i++) {
      assertThat(one.train().rows().get(i)).containsExactly(two.train().rows().get(i));
    }
    for (int i = 0; i < n; i++) {
      float[] orig = one.train().rows().get(3 * i);
      assertThat(one.train().variants().get(3 * i + 1)).startsWith("copy 1: channel ");
      Channel ch = aug.draw(split.train().get(i).contentHash(), split.train().get(i).speaker(), 1).channel();
      if (ch.kind() != Channel.Kind.GAIN) { // per-utterance features may ignore a pure gain
        assertThat(one.train().rows().get(3 * i + 1)).isNotEqualTo(orig);
      }
    }
    // Per-speaker statistics: copy k of speaker s is its own microphone "s#k"; originals keep their speaker.
    String s0 = split.train().get(0).speaker();
    assertThat(one.train().microphoneSpeakers().subList(0, 3)).containsExactly(s0, s0 + "#1", s0 + "#2");
    assertThat(one.train().isChannelCopy(0)).isFalse();
    assertThat(one.train().isChannelCopy(1)).isTrue();
    List<float[]> copies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      copies.add(one.train().rows().get(3 * i + 1));
      copies.add(one.train().rows().get(3 * i + 2));
    }
    assertThat(copies.stream().map(java.util.Arrays::toString).distinct().count()).isGreaterThan(n);
  }

  @Test
  void augmenterAppliesTheChannelWithBabbleAndSameSeedSameAudio() {
    float[] y = new float[16000];
    float[] other = new float[16000];
    Random r = new Random(2);
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * i / 16000.0));
      other[i] = (float) r.nextGaussian() * 0.1f;
    }
    Audio a = new Audio(y, 16000);
    AugmentSpec.Draw d = new AugmentSpec.Draw(1, null, null, null, null, 99, new Channel(Channel.Kind.BABBLE, 10));
    Audio out = AudioAugmenter.apply(a, d, Augment.Noise.WHITE, List.of(other));
    assertThat(out.samples()).isNotEqualTo(y);
    assertThat(AudioAugmenter.apply(a, d, Augment.Noise.WHITE, List.of(other)).samples()).containsExactly(out.samples());
    double noise = 0;
    for (int i = 0; i < y.length; i++) {
      noise += (out.samples()[i] - y[i]) * (double) (out.samples()[i] - y[i]);
    }
    double signal = 0;
    for (float v : y) {
      signal += v * (double) v;
    }
    double snr = 10 * Math.log10(signal / noise);
    assertThat(snr).isBetween(9.9, 10.1);
  }
}
