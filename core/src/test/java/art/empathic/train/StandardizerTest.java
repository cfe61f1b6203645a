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
    float[] unknown = s.apply(new float[] {50}, "rare");
    assertThat(unknown[0]).isEqualTo(s.apply(new float[] {50}, null)[0]);
    Standardizer.Stats u = s.unknownSpeakerStats();
    assertThat(unknown[0]).isEqualTo((50 - u.mean()[0]) / u.std()[0]);
  }

  @Test
  void anUnknownSpeakerGetsTheTrainingSpeakersCleanStatisticsNotTheChannelCopiesNorATestSpeakers() throws Exception {
    // Training speakers a (values 0..5) and b (10..15), b's telephone copy "b#1" far off (1000..),
    // and a test speaker t (500..) whose clips are unlabelled but must not shape the prior.
    java.util.List<float[]> rows = new java.util.ArrayList<>();
    java.util.List<String> who = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(new float[] {i});
      who.add("a");
      rows.add(new float[] {10 + i});
      who.add("b");
      rows.add(new float[] {1000 + i});
      who.add("b#1");
    }
    ExampleSet train = set(rows.toArray(float[][]::new), who.toArray(String[]::new), new long[] {1});
    java.util.List<float[]> all = new java.util.ArrayList<>(rows);
    java.util.List<String> allWho = new java.util.ArrayList<>(who);
    for (int i = 0; i < 6; i++) {
      all.add(new float[] {500 + i});
      allWho.add("t");
    }
    ExampleSet unlabelled = set(all.toArray(float[][]::new), allWho.toArray(String[]::new), new long[] {1});
    Standardizer s = Standardizer.fit(Standardizer.Mode.SPEAKER, train, unlabelled);
    assertThat(s.speakers()).containsKeys("a", "b", "b#1", "t");
    Standardizer.Stats u = s.unknownSpeakerStats();
    // a and b pooled with equal weight: mean 7.5; spread: within-speaker var 35/12 plus 25 between.
    assertThat(u.mean()[0]).isCloseTo(7.5f, offset(1e-4f));
    assertThat(u.std()[0]).isCloseTo((float) Math.sqrt(35.0 / 12 + 25), offset(1e-4f));
    // The global statistics include the telephone copies: far from a clean voice.
    assertThat(s.globalStats().mean()[0]).isGreaterThan(300f);
    assertThat(s.apply(new float[] {7.5f}, null)[0]).isCloseTo(0f, offset(1e-5f));
    // A session's prior is the same statistics.
    assertThat(new SpeakerStatistics(1).blended(s, 0.1).mean()[0]).isCloseTo(7.5f, offset(1e-4f));

    // Saved and read back with the run; a run saved before round 3 (no field) uses the global statistics.
    String json = art.empathic.io.Json.MAPPER.writeValueAsString(s);
    assertThat(json).contains("unknown_speaker");
    Standardizer back = art.empathic.io.Json.MAPPER.readValue(json, Standardizer.class);
    assertThat(back.unknownSpeakerStats().mean()).containsExactly(u.mean());
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) art.empathic.io.Json.MAPPER.readTree(json);
    tree.remove("unknown_speaker");
    Standardizer old = art.empathic.io.Json.MAPPER.treeToValue(tree, Standardizer.class);
    assertThat(old.unknownSpeaker()).isNull();
    assertThat(old.unknownSpeakerStats().mean()).containsExactly(s.globalStats().mean());
  }
}
