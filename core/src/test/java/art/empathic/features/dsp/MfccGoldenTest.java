package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden case (clip x parameter set x kind) against the numpy reference of librosa's
 * formulas (bench/peers/mfcc_reference.py): max absolute difference at most 1e-3, and an error
 * wherever librosa raises.
 */
class MfccGoldenTest {
  static final double TOLERANCE = 1e-3;
  private static final Map<String, Double> WORST = new TreeMap<>();

  @TestFactory
  Stream<DynamicTest> matchesTheNumpyReference() {
    Map<String, GoldenData.ParamSet> sets = GoldenData.sets();
    return GoldenData.cases().stream().map(c -> dynamicTest(c.clip() + " " + c.set() + " " + c.kind(), () -> {
      GoldenData.Clip clip = GoldenData.clip(c.clip());
      MfccExtractor extractor = new MfccExtractor(sets.get(c.set()).config(clip.sampleRate()));
      if (c.expectsError()) {
        assertThatThrownBy(() -> GoldenData.compute(extractor, clip.samples(), c.kind()))
            .isInstanceOf(IllegalArgumentException.class);
        return;
      }
      double diff = GoldenData.maxAbsDiff(GoldenData.compute(extractor, clip.samples(), c.kind()),
          GoldenData.expected(c.file()));
      synchronized (WORST) {
        WORST.merge(c.set() + " " + c.kind(), diff, Math::max);
      }
      assertThat(diff).as("max |java - numpy| for %s", c).isLessThanOrEqualTo(TOLERANCE);
    }));
  }

  @AfterAll
  static void report() {
    WORST.forEach((k, v) -> System.out.printf("golden max abs diff %-28s %.3g%n", k, v));
  }
}
