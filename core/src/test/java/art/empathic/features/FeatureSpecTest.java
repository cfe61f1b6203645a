package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import org.junit.jupiter.api.Test;

/** Feature specs: JSON round trips, shapes, frame fitting and delta stacking. */
class FeatureSpecTest {
  private static final MfccConfig CONFIG = MfccConfig.librosaDefaults(16000).withNMfcc(13).withNMels(40).withTopDb(null);

  @Test
  void jsonRoundTripKeepsEveryParameter() {
    FeatureSpec spec = FeatureSpec.mfccSeq(CONFIG.withFmin(50).withHopLength(160), 200).withDeltas(2)
        .withAlign(FrameAlign.START).withDeltaWidth(5);
    String json = spec.toJson();
    assertThat(json).contains("\"kind\" : \"mfcc-seq\"").contains("\"nMfcc\" : 13").contains("\"topDb\" : null");
    assertThat(FeatureSpec.fromJson(json)).isEqualTo(spec);
    FeatureSpec mean = FeatureSpec.mfccMean(MfccConfig.librosaDefaults(22050));
    assertThat(FeatureSpec.fromJson(mean.toJson())).isEqualTo(mean);
  }

  @Test
  void badJsonIsAClearError() {
    assertThatThrownBy(() -> FeatureSpec.fromJson("{\"version\":1,\"kind\":\"mfcc-cubes\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a feature spec");
    String future = FeatureSpec.mfccMean(CONFIG).toJson().replace("\"version\" : 1", "\"version\" : 9");
    assertThatThrownBy(() -> FeatureSpec.fromJson(future)).hasMessageContaining("version 9 is not supported");
  }

  @Test
  void shapesFollowKindDeltasAndFrames() {
    assertThat(FeatureSpec.mfccMean(CONFIG).shape()).containsExactly(13);
    assertThat(FeatureSpec.mfccMean(CONFIG).withDeltas(2).shape()).containsExactly(39);
    assertThat(FeatureSpec.mfccSeq(CONFIG, 50).withDeltas(1).shape()).containsExactly(26, 50);
    assertThat(FeatureSpec.melDb(CONFIG, 64).shape()).containsExactly(40, 64);
    assertThat(FeatureSpec.melDb(CONFIG, 64).size()).isEqualTo(40 * 64);
    assertThatThrownBy(() -> FeatureSpec.mfccSeq(CONFIG, 0)).hasMessageContaining("needs a positive frame count");
    assertThatThrownBy(() -> FeatureSpec.mfccSeq(CONFIG, 10).withDeltas(3)).hasMessageContaining("delta order");
  }

  @Test
  void framesAreCutOrZeroPaddedAsAligned() {
    float[][] m = {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}};
    assertThat(FrameAlign.CENTER.fit(m, 3)).containsExactly(2, 3, 4, 7, 8, 9);
    assertThat(FrameAlign.START.fit(m, 3)).containsExactly(1, 2, 3, 6, 7, 8);
    assertThat(FrameAlign.CENTER.fit(m, 8)).containsExactly(0, 1, 2, 3, 4, 5, 0, 0, 0, 6, 7, 8, 9, 10, 0, 0);
    assertThat(FrameAlign.START.fit(m, 6)).containsExactly(1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 0);
    assertThat(FrameAlign.CENTER.fit(m, 4)).containsExactly(1, 2, 3, 4, 6, 7, 8, 9);
  }

  @Test
  void deriveStacksDeltasUnderTheBaseAndPools() {
    float[][] base = new float[13][20];
    for (int r = 0; r < 13; r++) {
      for (int t = 0; t < 20; t++) {
        base[r][t] = (float) (r * t * 0.1 + Math.sin(t + r));
      }
    }
    FeatureSpec seq = FeatureSpec.mfccSeq(CONFIG, 20).withDeltas(2);
    float[] row = seq.derive(base);
    float[][] d1 = MfccExtractor.delta(base, 9, 1);
    float[][] d2 = MfccExtractor.delta(base, 9, 2);
    assertThat(row[3 * 20 + 7]).isEqualTo(base[3][7]);
    assertThat(row[(13 + 3) * 20 + 7]).isEqualTo(d1[3][7]);
    assertThat(row[(26 + 12) * 20 + 19]).isEqualTo(d2[12][19]);
    float[] mean = FeatureSpec.mfccMean(CONFIG).derive(base);
    double expected = 0;
    for (float v : base[5]) {
      expected += v;
    }
    assertThat((double) mean[5]).isCloseTo(expected / 20, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void theRobustFunctionalsAreAKindOfTheirOwnInSpecJsonAndTheOldKindReadsAsBefore() {
    FeatureSpec robust = FeatureSpec.functionals(16000, FeatureKind.FUNCTIONALS_ROBUST);
    assertThat(robust.toJson()).contains("\"functionals-robust\"");
    assertThat(FeatureSpec.fromJson(robust.toJson())).isEqualTo(robust);
    FeatureSpec plain = FeatureSpec.functionals(16000);
    assertThat(FeatureSpec.fromJson(plain.toJson()).kind()).isEqualTo(FeatureKind.FUNCTIONALS);
    assertThat(robust.shape()).isEqualTo(plain.shape());
    assertThat(robust.mfcc()).isEqualTo(plain.mfcc());
    assertThatThrownBy(() -> FeatureSpec.functionals(16000, FeatureKind.MFCC_MEAN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
