package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {
  @Test
  void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
    assertThat(MelFilterbank.hzToMel(0)).isEqualTo(0.0);
    assertThat(MelFilterbank.hzToMel(500)).isCloseTo(7.5, within(1e-12)); // 200/3 Hz per mel
    assertThat(MelFilterbank.hzToMel(1000)).isCloseTo(15.0, within(1e-12));
    assertThat(MelFilterbank.hzToMel(6400)).isCloseTo(15.0 + 27.0, within(1e-12)); // 27 mels per factor 6.4
    for (double hz = 0; hz < 20000; hz += 37.5) {
      assertThat(MelFilterbank.melToHz(MelFilterbank.hzToMel(hz))).isCloseTo(hz, within(1e-9 * (1 + hz)));
    }
  }

  @Test
  void bandEdgesAreEvenlySpacedInMelFromFminToFmax() {
    double[] hz = MelFilterbank.melFrequencies(42, 60, 7600);
    assertThat(hz[0]).isCloseTo(60, within(1e-9));
    assertThat(hz[41]).isCloseTo(7600, within(1e-9));
    double step = MelFilterbank.hzToMel(hz[1]) - MelFilterbank.hzToMel(hz[0]);
    for (int i = 1; i < hz.length; i++) {
      assertThat(MelFilterbank.hzToMel(hz[i]) - MelFilterbank.hzToMel(hz[i - 1])).isCloseTo(step, within(1e-9));
    }
  }

  @Test
  void eachTrianglePeaksAtItsCentreAndHasUnitAreaInHertz() {
    int sr = 16000;
    int nFft = 2048;
    MelFilterbank fb = new MelFilterbank(sr, nFft, 40, 0, sr / 2.0);
    double binHz = (double) sr / nFft;
    double[] edges = MelFilterbank.melFrequencies(42, 0, sr / 2.0);
    for (int m = 0; m < 40; m++) {
      float[] row = fb.denseRow(m);
      double area = 0;
      int peak = 0;
      for (int k = 0; k < row.length; k++) {
        area += row[k] * binHz;
        if (row[k] > row[peak]) {
          peak = k;
        }
      }
      assertThat(area).as("area of filter %d", m).isCloseTo(1.0, within(0.05));
      assertThat(peak * binHz).as("peak of filter %d", m).isCloseTo(edges[m + 1], within(binHz));
      // Non-zero only strictly between the lower and upper edges.
      for (int k = 0; k < row.length; k++) {
        if (k * binHz <= edges[m] || k * binHz >= edges[m + 2]) {
          assertThat(row[k]).isZero();
        }
      }
    }
  }

  @Test
  void sparseRunsHoldExactlyTheNonZeroWeights() {
    MelFilterbank fb = new MelFilterbank(22050, 512, 64, 20, 11025);
    for (int m = 0; m < fb.nMels(); m++) {
      float[] w = fb.weights(m);
      float[] dense = fb.denseRow(m);
      assertThat(w).isNotEmpty();
      assertThat(w[0]).isPositive();
      assertThat(w[w.length - 1]).isPositive();
      int nonZero = 0;
      for (float v : dense) {
        nonZero += v != 0 ? 1 : 0;
      }
      assertThat(nonZero).isEqualTo(w.length);
      assertThat(dense[fb.firstBin(m)]).isEqualTo(w[0]);
    }
  }

  @Test
  void tooManyBandsForTheFftLeaveEmptyFiltersThatGiveZero() {
    // librosa warns "Empty filters detected" here and those rows stay zero.
    MelFilterbank fb = new MelFilterbank(16000, 64, 128, 0, 8000);
    int empty = 0;
    for (int m = 0; m < fb.nMels(); m++) {
      empty += fb.weights(m).length == 0 ? 1 : 0;
    }
    assertThat(empty).isPositive();
    float[] power = new float[fb.nBins()];
    java.util.Arrays.fill(power, 1f);
    float[] mel = new float[fb.nMels()];
    fb.apply(power, mel);
    for (int m = 0; m < fb.nMels(); m++) {
      if (fb.weights(m).length == 0) {
        assertThat(mel[m]).isZero();
      } else {
        assertThat(mel[m]).isPositive();
      }
    }
  }
}
