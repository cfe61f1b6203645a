package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SavitzkyGolayTest {
  static float[][] rows(int n, java.util.function.IntToDoubleFunction f) {
    float[][] data = new float[2][n];
    for (int t = 0; t < n; t++) {
      data[0][t] = (float) f.applyAsDouble(t);
      data[1][t] = (float) -f.applyAsDouble(t);
    }
    return data;
  }

  @Test
  void firstOrderCoefficientsAreTheLeastSquaresSlope() {
    double[] c = SavitzkyGolay.derivativeCoefficients(9, 1);
    for (int j = 0; j < 9; j++) {
      assertThat(c[j]).isCloseTo((j - 4) / 60.0, within(1e-12)); // sum of m^2 for m = -4..4 is 60
    }
  }

  @Test
  void slopeOfALineEverywhereIncludingTheEdges() {
    float[][] d = MfccExtractor.delta(rows(20, t -> 3 * t + 1), 9, 1);
    for (int t = 0; t < 20; t++) {
      assertThat(d[0][t]).isCloseTo(3f, within(1e-4f));
      assertThat(d[1][t]).isCloseTo(-3f, within(1e-4f));
    }
  }

  @Test
  void interpEdgesRepeatTheFitOverTheFirstAndLastWindow() {
    // 0.5 t^2: the centred slope is t inside; scipy's mode="interp" fits a line to the first /
    // last 9 frames, whose slope is the derivative at their middle frame (4 and n - 5).
    int n = 15;
    float[][] d = MfccExtractor.delta(rows(n, t -> 0.5 * t * t), 9, 1);
    for (int t = 0; t < n; t++) {
      float expected = t < 4 ? 4 : t >= n - 4 ? n - 5 : t;
      assertThat(d[0][t]).as("frame %d", t).isCloseTo(expected, within(1e-4f));
    }
  }

  @Test
  void secondOrderOfAParabolaIsItsCurvature() {
    float[][] d = MfccExtractor.delta(rows(12, t -> 0.5 * t * t - 2 * t), 9, 2);
    for (int t = 0; t < 12; t++) {
      assertThat(d[0][t]).isCloseTo(1f, within(1e-4f));
    }
  }

  @Test
  void rejectsWhatLibrosaRejects() {
    float[][] data = rows(20, t -> t);
    assertThatThrownBy(() -> MfccExtractor.delta(data, 8, 1)).hasMessageContaining("odd");
    assertThatThrownBy(() -> MfccExtractor.delta(data, 1, 1)).hasMessageContaining("odd");
    assertThatThrownBy(() -> MfccExtractor.delta(data, 9, 0)).hasMessageContaining("order");
    assertThatThrownBy(() -> MfccExtractor.delta(data, 3, 3)).hasMessageContaining("order");
    assertThatThrownBy(() -> MfccExtractor.delta(rows(8, t -> t), 9, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width 9 exceeds the 8 frames");
    assertThatThrownBy(() -> MfccExtractor.delta(new float[][] {new float[10], new float[9]}, 3, 1))
        .hasMessageContaining("row 1");
  }
}
