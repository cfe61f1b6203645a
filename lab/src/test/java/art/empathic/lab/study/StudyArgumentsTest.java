package art.empathic.lab.study;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.lab.LabRun;
import org.junit.jupiter.api.Test;

/** study generalize checks its command line before it reads a corpus or trains a network. */
class StudyArgumentsTest {

  @Test
  void aFusionWeightThatIsNotANumberOrOutOfRangeIsAClearErrorBeforeAnyData() {
    LabRun.Result notNumber = LabRun.run("study", "generalize", "--systems", "after,crnn,fused",
        "--fusion-weights", "0.5,half", "--ravdess", "/nowhere/ravdess", "--emodb", "/nowhere/emodb");
    assertThat(notNumber.code()).isNotZero();
    assertThat(notNumber.err()).contains("--fusion-weights: 'half' is not a number").doesNotContain("/nowhere");
    LabRun.Result outOfRange = LabRun.run("study", "generalize", "--systems", "after,crnn,fused",
        "--fusion-weights", "1.5", "--ravdess", "/nowhere/ravdess", "--emodb", "/nowhere/emodb");
    assertThat(outOfRange.err()).contains("--fusion-weights: each weight must be in [0, 1], got 1.5");
  }

  @Test
  void anUnknownTestSectionIsAClearErrorBeforeAnyData() {
    LabRun.Result r = LabRun.run("study", "generalize", "--test-sections", "folds,crosss",
        "--ravdess", "/nowhere/ravdess", "--emodb", "/nowhere/emodb");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--test-sections: unknown 'crosss' (use folds, cross, multi or none)")
        .doesNotContain("/nowhere");
  }
}
