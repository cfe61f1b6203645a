package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import art.empathic.features.dsp.MfccConfig;
import org.junit.jupiter.api.Test;

/** {@link FeatureKind#MEL_CMN}: log-mel frames with each band's clip mean removed (issue 14, round 5a). */
class MelCmnFeatureTest {
  private static final MfccConfig CONFIG = MfccConfig.librosaDefaults(16000).withNFft(1024).withHopLength(512)
      .withNMfcc(3).withNMels(3);

  @Test
  void eachBandLosesItsClipMeanAndPaddingIsTheMean() {
    FeatureSpec spec = FeatureSpec.of(FeatureKind.MEL_CMN, CONFIG).withFrames(6);
    float[][] base = {{-10, -20, -30, -40}, {0, 0, 0, 0}, {-50, -50, -60, -60}};
    float[] x = spec.derive(base);
    assertThat(spec.shape()).containsExactly(3, 6);
    // Centre-aligned: one padded frame before and after the four real ones; padding is 0 (the mean).
    assertThat(x).containsExactly(
        0, 15, 5, -5, -15, 0,
        0, 0, 0, 0, 0, 0,
        0, 5, 5, -5, -5, 0);
  }

  @Test
  void aLevelOrFixedColourChangeCancelsAndTheSpecRoundTrips() {
    FeatureSpec spec = FeatureSpec.of(FeatureKind.MEL_CMN, CONFIG).withFrames(3);
    float[][] a = {{-10, -20, -35}, {-5, -9, -1}, {-70, -60, -62}};
    float[][] louder = new float[3][3];
    for (int b = 0; b < 3; b++) {
      for (int t = 0; t < 3; t++) {
        louder[b][t] = a[b][t] + 6 + 2 * b; // +6 dB overall and a microphone tilt of 2 dB per band
      }
    }
    float[] x = spec.derive(a);
    float[] y = spec.derive(louder);
    for (int i = 0; i < x.length; i++) {
      assertThat(y[i]).isCloseTo(x[i], offset(1e-5f));
    }
    // The same frames without mean removal keep the level: the two kinds differ.
    assertThat(FeatureSpec.melDb(CONFIG, 3).derive(a)).isNotEqualTo(x);
    assertThat(FeatureSpec.fromJson(spec.toJson())).isEqualTo(spec);
    assertThat(spec.toJson()).contains("\"mel-cmn\"");
    assertThat(FeatureKind.parse("mel_cmn")).isEqualTo(FeatureKind.MEL_CMN);
  }
}
