package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.audio.Audio;
import art.empathic.audio.Augment;
import art.empathic.audio.Channel;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.TestAudio;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round 5c's babble settings of the channel mix: share, SNR range and number of talkers. */
class BabbleMixTest {
  @TempDir Path tmp;

  private static final String BASE = "copies=3,channel=on,speed=0.8:1.2";

  @Test
  void aBabbleShareTurnsThatShareOfSpeakerCopiesIntoBabbleAndLeavesTheRestExactlyAsToday() {
    AugmentSpec today = AugmentSpec.parse(BASE, 42);
    AugmentSpec half = AugmentSpec.parse(BASE + ",babbleshare=0.5", 42);
    assertThat(AugmentSpec.parse(half.toCli(), 42)).isEqualTo(half);
    assertThat(half.totalCopies()).isEqualTo(3);
    int babble = 0;
    int todayBabble = 0;
    int unchanged = 0;
    int n = 0;
    for (int s = 0; s < 400; s++) {
      for (int copy = 1; copy <= 3; copy++) {
        AugmentSpec.Draw d = half.draw("h" + s, "spk" + s, copy);
        AugmentSpec.Draw t = today.draw("h" + s, "spk" + s, copy);
        n++;
        if (t.channel().kind() == Channel.Kind.BABBLE) {
          todayBabble++;
        }
        if (d.channel().kind() == Channel.Kind.BABBLE) {
          babble++;
          assertThat(d.channel().value()).isBetween(AugmentSpec.CHANNEL_SNR_DB.min(), AugmentSpec.CHANNEL_SNR_DB.max());
        }
        if (d.equals(t)) {
          unchanged++;
        } else {
          // Only the channel changes, and only into babble; speed and the noise seed stay.
          assertThat(d.channel().kind()).isEqualTo(Channel.Kind.BABBLE);
          assertThat(d.speed()).isEqualTo(t.speed());
          assertThat(d.noiseSeed()).isEqualTo(t.noiseSeed());
        }
        // One speaker, one microphone per copy: another clip of the speaker shares the channel.
        assertThat(half.draw("other", "spk" + s, copy).channel()).isEqualTo(d.channel());
        assertThat(d.talkers()).isNull();
      }
    }
    // About half plus a sixth of the rest: 0.5 + 0.5 / 6 = 0.58 (today: 1/6).
    assertThat(babble / (double) n).isBetween(0.53, 0.64);
    assertThat(todayBabble / (double) n).isBetween(0.13, 0.21);
    assertThat(unchanged / (double) n).isBetween(0.44, 0.56);
    // Share 0 is today's mix exactly; a share needs the channel mix.
    AugmentSpec zero = AugmentSpec.parse(BASE + ",babbleshare=0", 42);
    for (int s = 0; s < 50; s++) {
      assertThat(zero.draw("h" + s, "spk" + s, 2)).isEqualTo(today.draw("h" + s, "spk" + s, 2));
    }
    assertThatThrownBy(() -> AugmentSpec.parse("copies=2,speed=0.9:1.1,babbleshare=0.5", 1))
        .hasMessageContaining("need channel=on");
    assertThatThrownBy(() -> AugmentSpec.parse(BASE + ",babbleshare=1.5", 1)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> AugmentSpec.parse(BASE + ",talkers=0:3", 1)).hasMessageContaining("talkers");
    assertThatThrownBy(() -> AugmentSpec.parse(BASE + ",talkers=1.5:3", 1)).hasMessageContaining("whole numbers");
  }

  @Test
  void babbleSnrAndTalkersAreDrawnPerSpeakerCopyWithinTheirRanges() throws IOException {
    AugmentSpec spec = AugmentSpec.parse(BASE + ",babbleshare=1,babblesnr=0:20,talkers=1:3", 7);
    assertThat(AugmentSpec.parse(spec.toCli(), 7)).isEqualTo(spec);
    Set<Integer> talkers = new HashSet<>();
    Set<Long> snrs = new HashSet<>();
    for (int s = 0; s < 200; s++) {
      AugmentSpec.Draw d = spec.draw("h" + s, "spk" + s, 1);
      assertThat(d.channel().kind()).isEqualTo(Channel.Kind.BABBLE);
      assertThat(d.channel().value()).isBetween(0.0, 20.0);
      assertThat(d.talkers()).isBetween(1, 3);
      talkers.add(d.talkers());
      snrs.add(Math.round(d.channel().value()));
      assertThat(d.key()).contains("talkers=" + d.talkers());
    }
    assertThat(talkers).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(snrs).hasSizeGreaterThan(15);
    // The pipeline picks exactly that many other-speaker clips, and the cache key names them.
    TestAudio.wavs(tmp.resolve("d"), List.of("angry/s1/a.wav", "sad/s1/b.wav", "angry/s2/c.wav", "sad/s2/d.wav",
        "angry/s3/e.wav", "sad/s3/f.wav"));
    List<Clip> clips = Corpus.load(List.of(tmp.resolve("d")), CorpusOptions.DEFAULT).clips();
    for (Clip c : clips) {
      FeaturePipeline.AugmentedDraw d = FeaturePipeline.augmentedDraw(spec, c, 1, clips);
      assertThat(d.babble()).hasSize(d.draw().talkers())
          .allSatisfy(b -> assertThat(b.speaker()).isNotEqualTo(c.speaker()));
    }
    // babblesnr alone moves the SNR of the babble that today's mix draws, and nothing else.
    AugmentSpec today = AugmentSpec.parse(BASE, 7);
    AugmentSpec lower = AugmentSpec.parse(BASE + ",babblesnr=0:2", 7);
    int moved = 0;
    for (int s = 0; s < 300; s++) {
      AugmentSpec.Draw t = today.draw("h" + s, "spk" + s, 1);
      AugmentSpec.Draw l = lower.draw("h" + s, "spk" + s, 1);
      if (t.channel().kind() == Channel.Kind.BABBLE) {
        assertThat(l.channel().kind()).isEqualTo(Channel.Kind.BABBLE);
        assertThat(l.channel().value()).isBetween(0.0, 2.0);
        moved++;
      } else {
        assertThat(l).isEqualTo(t);
      }
    }
    assertThat(moved).isPositive();
  }

  @Test
  void withTalkersTheBabbleIsExactlyTheGivenVoicesAtTheExactSnr() {
    int n = 16000;
    float[] y = new float[n];
    float[] v1 = new float[n];
    float[] v2 = new float[n];
    Random r = new Random(4);
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
      v1[i] = (float) (0.2 * Math.sin(2 * Math.PI * 130 * i / 16000.0));
      v2[i] = (float) (0.05 * r.nextGaussian());
    }
    Audio a = new Audio(y, 16000);
    AugmentSpec.Draw one = new AugmentSpec.Draw(1, null, null, null, null, 5, new Channel(Channel.Kind.BABBLE, 3), 1);
    AugmentSpec.Draw two = new AugmentSpec.Draw(1, null, null, null, null, 5, new Channel(Channel.Kind.BABBLE, 3), 2);
    Audio o1 = AudioAugmenter.apply(a, one, Augment.Noise.WHITE, List.of(v1));
    Audio o2 = AudioAugmenter.apply(a, two, Augment.Noise.WHITE, List.of(v1, v2));
    assertThat(snr(y, o1.samples())).isBetween(2.9, 3.1);
    assertThat(snr(y, o2.samples())).isBetween(2.9, 3.1);
    // One voice: the added noise is that voice alone (a pure 130 Hz tone has no energy at 1 kHz+).
    double high = 0;
    double total = 0;
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      noise[i] = o1.samples()[i] - y[i];
      total += noise[i] * noise[i];
    }
    for (int i = 1; i < n; i++) {
      double d = noise[i] - noise[i - 1];
      high += d * d;
    }
    assertThat(high / total).isLessThan(0.01); // a low tone: successive differences are tiny
    assertThat(AudioAugmenter.apply(a, two, Augment.Noise.WHITE, List.of(v1, v2)).samples())
        .containsExactly(o2.samples());
    // Without talkers the channel keeps today's behaviour (five picks among the given clips).
    AugmentSpec.Draw old = new AugmentSpec.Draw(1, null, null, null, null, 5, new Channel(Channel.Kind.BABBLE, 3));
    assertThat(AudioAugmenter.apply(a, old, Augment.Noise.WHITE, List.of(v1, v2)).samples())
        .isNotEqualTo(o2.samples());
  }

  private static double snr(float[] clean, float[] noisy) {
    double s = 0;
    double e = 0;
    for (int i = 0; i < clean.length; i++) {
      s += clean[i] * (double) clean[i];
      e += (noisy[i] - clean[i]) * (double) (noisy[i] - clean[i]);
    }
    return 10 * Math.log10(s / e);
  }
}
