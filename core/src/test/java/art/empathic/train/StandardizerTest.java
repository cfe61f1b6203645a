package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class StandardizerTest {
  private static ExampleSet set(float[][] x, String[] speakers, long[] shape) {
    return new ExampleSet(x, new int[x.length], speakers, shape);
  }

  @Test
  void globalModeUsesTrainingStatisticsPerFeature() {
    ExampleSet train = set(new float[][] {{1, 10}, {3, 30}}, new String[] {"a", "b"}, new long[] {2});
    Standardizer s = Standardizer.fit(Standardizer.Mode.GLOBAL, train, train);
    assertThat(s.mean()).containsExactly(2f, 20f);
    assertThat(s.std()).containsExactly(1f, 10f);
    assertThat(s.apply(new float[] {4, 0}, "a")).containsExactly(2f, -2f);
  }

  @Test
  void sequencesAreStandardisedPerChannelOverAllFrames() {
    // One example, 2 channels x 3 frames.
    ExampleSet train = set(new float[][] {{1, 2, 3, 10, 10, 10}}, new String[] {"a"}, new long[] {2, 3});
    Standardizer s = Standardizer.fit(Standardizer.Mode.GLOBAL, train, train);
    assertThat(s.mean()[0]).isEqualTo(2f);
    assertThat(s.std()[0]).isCloseTo((float) Math.sqrt(2.0 / 3), offset(1e-6f));
    assertThat(s.mean()[1]).isEqualTo(10f);
    float[] z = s.apply(train.x()[0], "a");
    assertThat(z[1]).isZero();
    assertThat(z[3]).isZero(); // a constant channel maps to 0, not NaN
  }

  @Test
  void speakerModeUsesEachSpeakersOwnStatisticsAndFallsBackForRareOrUnknownSpeakers() {
    float[][] x = new float[13][];
    String[] spk = new String[13];
    for (int i = 0; i < 6; i++) {
      x[i] = new float[] {100 + i};
      spk[i] = "loud";
    }
    for (int i = 6; i < 12; i++) {
      x[i] = new float[] {i - 6};
      spk[i] = "quiet";
    }
    x[12] = new float[] {50};
    spk[12] = "rare";
    ExampleSet all = set(x, spk, new long[] {1});
    Standardizer s = Standardizer.fit(Standardizer.Mode.SPEAKER, all, all);
    assertThat(s.speakers()).containsOnlyKeys("loud", "quiet");
    // Both speakers' middles map near zero despite a 100-unit level difference.
    assertThat(s.apply(new float[] {102.5f}, "loud")[0]).isCloseTo(0f, offset(1e-5f));
    assertThat(s.apply(new float[] {2.5f}, "quiet")[0]).isCloseTo(0f, offset(1e-5f));
    float[] global = s.apply(new float[] {50}, "rare");
    assertThat(global[0]).isEqualTo(s.apply(new float[] {50}, null)[0]);
    assertThat(global[0]).isEqualTo((50 - s.mean()[0]) / s.std()[0]);
  }
}
