package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What demo's release model trains on: every corpus of the data root RAVDESS was found in, else RAVDESS alone. */
class DemoReleaseDataTest {
  @TempDir Path dir;

  @Test
  void aDataRootGivesEveryCorpusThereAndARavdessFolderGivesItself() throws Exception {
    Path root = dir.resolve("data");
    Path ravdess = Files.createDirectories(root.resolve("ravdess"));
    Files.createDirectories(root.resolve("emodb"));
    Files.write(ravdess.resolve("a.wav"), new byte[1000]);
    Files.write(root.resolve("emodb").resolve("b.wav"), new byte[3000]);

    assertThat(DemoCommand.releaseData(ravdess, root)).isEqualTo(root);
    assertThat(DemoCommand.releaseShare(ravdess, root)).isEqualTo(4.0);
    // --data naming the RAVDESS folder itself is never second-guessed.
    assertThat(DemoCommand.releaseData(ravdess, ravdess)).isEqualTo(ravdess);
    assertThat(DemoCommand.releaseShare(ravdess, ravdess)).isEqualTo(1.0);
    // The release's place in the lanes' longest-first order follows its size: four times RAVDESS's
    // audio, four times the estimate.
    java.util.List<DemoCommand.Task> one = DemoCommand.tasks(true, false, 1, dir, 42, 1);
    java.util.List<DemoCommand.Task> four = DemoCommand.tasks(true, false, 1, dir, 42, 4);
    assertThat(four.get(four.size() - 1).estimatedSeconds()).isEqualTo(4 * one.get(one.size() - 1).estimatedSeconds());
  }
}
