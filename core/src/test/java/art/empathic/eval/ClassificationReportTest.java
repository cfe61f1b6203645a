package art.empathic.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {
  @Test
  void layoutWrittenByHand() {
    // y_true a a a b b c, y_pred a a b b c c (see ClassificationMetricsTest).
    ClassificationMetrics m = ClassificationMetrics.compute(List.of("a", "b", "c"),
        new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2}, null);
    String expected = ""
        + "              precision    recall  f1-score   support\n"
        + "\n"
        + "           a       1.00      0.67      0.80         3\n"
        + "           b       0.50      0.50      0.50         2\n"
        + "           c       0.50      1.00      0.67         1\n"
        + "\n"
        + "    accuracy                           0.67         6\n"
        + "   macro avg       0.67      0.72      0.66         6\n"
        + "weighted avg       0.75      0.67      0.68         6\n";
    assertThat(ClassificationReport.format(m)).isEqualTo(expected);
  }

  @Test
  void longNamesWidenTheFirstColumn() {
    ClassificationMetrics m = ClassificationMetrics.compute(List.of("a", "b"),
        new int[] {0, 1}, new int[] {0, 1}, null);
    String text = ClassificationReport.format(m, List.of("a rather long name", "b"), 2);
    assertThat(text.lines().toList().get(2)).isEqualTo("a rather long name       1.00      1.00      1.00         1");
    assertThat(text.lines().toList().get(0)).startsWith(" ".repeat(18 + 1) + " precision");
  }

  @Test
  void roundsTheExactBinaryValueHalfToEvenLikePython() {
    assertThat(ClassificationReport.fixed(0.125, 2)).isEqualTo("0.12");
    assertThat(ClassificationReport.fixed(0.375, 2)).isEqualTo("0.38");
    assertThat(ClassificationReport.fixed(0.625, 2)).isEqualTo("0.62");
    // 1.005 is 1.00499999999999989... in binary: Python prints 1.00.
    assertThat(ClassificationReport.fixed(1.005, 2)).isEqualTo("1.00");
    assertThat(ClassificationReport.fixed(2.0 / 3, 2)).isEqualTo("0.67");
  }

  @Test
  void namesMustMatchTheClasses() {
    ClassificationMetrics m = ClassificationMetrics.compute(List.of("a", "b"),
        new int[] {0, 1}, new int[] {0, 1}, null);
    assertThatThrownBy(() -> ClassificationReport.format(m, List.of("a"), 2))
        .hasMessageContaining("does not match");
  }
}
