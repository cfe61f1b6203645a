package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The cache fingerprint covers every package whose code computes features. */
class FeatureCodeVersionTest {
  @Test
  void fingerprintCoversDecodingMfccAndThePipeline() {
    // Sub-packages are not included by their parent, so MFCC's own package must be listed:
    // without it a change to the MFCC code would reuse features cached by the old code.
    assertThat(FeatureCodeVersion.PACKAGES)
        .contains("art/empathic/audio/", "art/empathic/features/dsp/", "art/empathic/features/");
    assertThat(FeatureCodeVersion.get()).isNotEqualTo("unknown").hasSize(16);
  }
}
