package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastLogTest {
  @Test
  void agreesWithMathLog10AcrossTheFloatRange() {
    SplittableRandom random = new SplittableRandom(7);
    double worst = 0;
    float worstAt = 0;
    for (int i = 0; i < 500_000; i++) {
      float x = Float.intBitsToFloat(random.nextInt(0x00800000, 0x7f800000)); // any positive normal float
      double err = Math.abs(FastLog.log10(x) - Math.log10(x));
      if (err > worst) {
        worst = err;
        worstAt = x;
      }
    }
    assertThat(worst).as("worst error, at %s", worstAt).isLessThan(1e-10);
    for (float x : new float[] {1e-10f, 1f, 10f, 1e-30f, 1e4f, (float) Math.sqrt(2), Math.nextUp((float) Math.sqrt(2)), 0.5f}) {
      assertThat(FastLog.log10(x)).as("log10(%s)", x).isCloseTo(Math.log10(x), within(1e-10));
    }
  }

  @Test
  void specialValuesBehaveLikeMathLog10() {
    assertThat(FastLog.log10(0f)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(FastLog.log10(-1f)).isNaN();
    assertThat(FastLog.log10(Float.NaN)).isNaN();
    assertThat(FastLog.log10(Float.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(FastLog.log10(Float.MIN_VALUE)).isEqualTo(Math.log10(Float.MIN_VALUE));
  }
}
