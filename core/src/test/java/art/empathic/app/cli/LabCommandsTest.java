package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.MainTest;
import org.junit.jupiter.api.Test;

/** {@code study} and {@code bench} are in the core's list but run in the lab module. */
class LabCommandsTest {
  @Test
  void theCommandListNamesStudyAndBench() {
    MainTest.Result r = MainTest.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("(?m)^  study +Run a research study").containsPattern("(?m)^  bench +Benchmark ");
  }

  @Test
  void runFromTheCoreJarTheyPointToTheLauncherAndFail() {
    MainTest.Result r = MainTest.run("study", "generalize", "--systems", "after");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("lab module").contains("./empathic-art study generalize --systems after");
    assertThat(MainTest.run("bench", "mfcc").err()).contains("./empathic-art bench mfcc");
  }
}
