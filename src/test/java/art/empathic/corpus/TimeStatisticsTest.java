package art.empathic.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import art.empathic.features.MfccConfig;
import org.junit.jupiter.api.Test;

class TimeStatisticsTest {
  @Test
  void statisticsFollowNumpysDefinitions() {
    // Values 1..11: mean 6, population std sqrt(10), p10 = 2 and p90 = 10 with linear interpolation.
    float[] row = new float[11];
    for (int i = 0; i < 11; i++) {
      row[i] = 11 - i; // unsorted on purpose
    }
    float[] delta = {1, -1, 1, -1};
    float[] s = TimeStatistics.of(new float[][] {row, delta}, 1);
    assertThat(s).hasSize(5);
    assertThat(s[0]).isEqualTo(6f);
    assertThat(s[1]).isCloseTo((float) Math.sqrt(10), offset(1e-6f));
    assertThat(s[2]).isEqualTo(2f);
    assertThat(s[3]).isEqualTo(10f);
    assertThat(s[4]).isEqualTo(1f);
    // numpy.percentile([0, 10], 10) == 1.0: interpolation between neighbours.
    assertThat(TimeStatistics.percentile(new float[] {0, 10}, 10)).isEqualTo(1.0);
  }

  @Test
  void mfccStatsSpecHasFourStatisticsPerCoefficientPlusDeltaStds() {
    FeatureSpec plain = FeatureSpec.of(FeatureKind.MFCC_STATS, MfccConfig.librosaDefaults(16000).withNMfcc(32));
    assertThat(plain.shape()).containsExactly(128);
    FeatureSpec withDelta = plain.withDeltas(1);
    assertThat(withDelta.shape()).containsExactly(160);
    float[][] base = new float[32][40];
    for (int r = 0; r < 32; r++) {
      for (int t = 0; t < 40; t++) {
        base[r][t] = (float) Math.sin(r + t * 0.3) * (r + 1);
      }
    }
    float[] x = withDelta.derive(base);
    assertThat(x).hasSize(160);
    assertThat(x[5]).isCloseTo((float) TimeStatistics.mean(base[5]), offset(1e-6f));
    assertThat(x[32 + 5]).isCloseTo((float) TimeStatistics.std(base[5]), offset(1e-6f));
    assertThat(FeatureKind.parse("mfcc-stats")).isEqualTo(FeatureKind.MFCC_STATS);
  }
}
