package art.empathic.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import art.empathic.features.dsp.MfccConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeStatisticsTest {
  @Test
  void statisticsFollowNumpysDefinitions() {
    // Values 1..11 (unsorted): mean 6, population std sqrt(10), min 1, max 11, median 6,
    // p10 = 2 and p90 = 10 with numpy's linear interpolation.
    float[] row = new float[11];
    for (int i = 0; i < 11; i++) {
      row[i] = 11 - i;
    }
    float[] delta = {1, -1, 1, -1};
    float[] delta2 = {3, 3, 3, 3};
    List<TimeStatistic> all = List.of(TimeStatistic.values());
    float[] s = TimeStatistics.of(new float[][] {row, delta, delta2}, 1, all);
    assertThat(s).hasSize(all.size() + 2); // seg3 gives three values
    assertThat(s[all.indexOf(TimeStatistic.MEAN)]).isEqualTo(6f);
    assertThat(s[all.indexOf(TimeStatistic.STD)]).isCloseTo((float) Math.sqrt(10), offset(1e-6f));
    assertThat(s[all.indexOf(TimeStatistic.MIN)]).isEqualTo(1f);
    assertThat(s[all.indexOf(TimeStatistic.MAX)]).isEqualTo(11f);
    assertThat(s[all.indexOf(TimeStatistic.MEDIAN)]).isEqualTo(6f);
    assertThat(s[all.indexOf(TimeStatistic.P10)]).isEqualTo(2f);
    assertThat(s[all.indexOf(TimeStatistic.P90)]).isEqualTo(10f);
    assertThat(s[all.indexOf(TimeStatistic.DMEAN)]).isEqualTo(0f);
    assertThat(s[all.indexOf(TimeStatistic.DSTD)]).isEqualTo(1f);
    assertThat(s[all.indexOf(TimeStatistic.D2STD)]).isEqualTo(0f);
    // Thirds of 11 frames as numpy.array_split cuts them: 4, 4, 3 frames (values 11..8, 7..4, 3..1).
    int seg = all.indexOf(TimeStatistic.SEG3);
    assertThat(new float[] {s[seg], s[seg + 1], s[seg + 2]}).containsExactly(9.5f, 5.5f, 2f);
    // A clip of two frames still has three thirds: the first frame, the second, the second again.
    float[] two = TimeStatistics.of(new float[][] {{4, 8}}, 1, List.of(TimeStatistic.SEG3));
    assertThat(two).containsExactly(4f, 8f, 8f);
    // numpy.percentile([0, 10], 10) == 1.0: interpolation between neighbours.
    assertThat(TimeStatistics.percentile(new float[] {0, 10}, 10)).isEqualTo(1.0);
  }

  @Test
  void specShapeFollowsTheStatisticsAndAddsTheDeltasTheyNeed() {
    MfccConfig c = MfccConfig.librosaDefaults(16000).withNMfcc(32);
    FeatureSpec defaults = FeatureSpec.of(FeatureKind.MFCC_STATS, c);
    assertThat(defaults.statistics()).isEqualTo(TimeStatistic.DEFAULT);
    assertThat(defaults.deltaOrder()).isEqualTo(1);
    assertThat(defaults.shape()).containsExactly(5 * 32);
    FeatureSpec baseline = defaults.withStatistics(TimeStatistic.parseList("mean+std+p90+dstd"));
    assertThat(baseline.shape()).containsExactly(128);
    FeatureSpec plain = defaults.withStatistics(TimeStatistic.parseList("mean,std"));
    assertThat(plain.deltaOrder()).isZero();
    assertThat(plain.shape()).containsExactly(64);
    float[][] base = new float[32][40];
    for (int r = 0; r < 32; r++) {
      for (int t = 0; t < 40; t++) {
        base[r][t] = (float) Math.sin(r + t * 0.3) * (r + 1);
      }
    }
    float[] x = baseline.derive(base);
    assertThat(x).hasSize(128);
    assertThat(x[5]).isCloseTo((float) TimeStatistics.mean(base[5]), offset(1e-6f));
    assertThat(x[32 + 5]).isCloseTo((float) TimeStatistics.std(base[5]), offset(1e-6f));
    assertThat(FeatureSpec.fromJson(baseline.toJson())).isEqualTo(baseline);
    assertThat(FeatureSpec.mfccSeq(c, 100).statistics()).isNull();
    assertThat(defaults.withMfcc(c.withNMfcc(16)).withStatistics(TimeStatistic.parseList("mean,std,p10,p90,dstd,seg3")).shape()).containsExactly(128);
    assertThatThrownBy(() -> TimeStatistic.parseList("mean,kurtosis")).hasMessageContaining("unknown statistic 'kurtosis'");
  }
}
