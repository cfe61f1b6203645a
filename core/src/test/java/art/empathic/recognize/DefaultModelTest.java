package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.run.FakeRuns;
import art.empathic.run.ReleaseInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default-model rule: release models first, then new-voice runs; never a random-split run. */
class DefaultModelTest {
  @TempDir Path runs;

  private Path finished(FakeRuns.Run run, Instant when) throws Exception {
    Path d = FakeRuns.write(runs, run);
    Files.write(d.resolve("model.params"), new byte[] {1});
    Files.setLastModifiedTime(d.resolve("metrics.json"), FileTime.from(when));
    return d;
  }

  private Path release(String name, Instant when) throws Exception {
    Path d = FakeRuns.writeUnfinished(runs.resolve(name), new FakeRuns.Run("cnn_lstm_paper",
        "Paper CNN-LSTM (20 epochs)", 20, null, 0, null, 42), 20);
    Files.write(d.resolve("model.params"), new byte[] {1});
    new ReleaseInfo("cnn_lstm_paper", "Paper CNN-LSTM (20 epochs)", "none", List.of("/data/ravdess"),
        FakeRuns.EMOTIONS, Map.of("Angry", 192), 1344, 0, 24, 20, 40.0, when.toString(), List.of(), null).write(d);
    Files.setLastModifiedTime(d.resolve(ReleaseInfo.FILE), FileTime.from(when));
    return d;
  }

  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  @Test
  void aRandomSplitRunIsNeverTheDefaultWhateverItsScore() throws Exception {
    finished(new FakeRuns.Run("mlp", "MLP", 200, 0.01, 0.95, null, 42), T0);
    assertThat(DefaultModel.best(runs)).isEmpty();
  }

  @Test
  void theBestSpeakerIndependentRunWinsOverRandomSplitRuns() throws Exception {
    finished(new FakeRuns.Run("mlp", "MLP", 200, 0.01, 0.95, null, 42), T0);
    Path good = finished(new FakeRuns.Run("cnn_lstm_paper", "Paper", 20, null, 0.66, 1, 42), T0);
    finished(new FakeRuns.Run("mlp", "MLP", 200, 0.01, 0.50, 2, 42), T0.plusSeconds(60));
    assertThat(DefaultModel.best(runs)).contains(good);
  }

  @Test
  void aReleaseModelIsPreferredAndTheNewestReleaseWins() throws Exception {
    finished(new FakeRuns.Run("cnn_lstm_paper", "Paper", 20, null, 0.70, 1, 42), T0.plusSeconds(600));
    release("old-release", T0);
    Path newest = release("new-release", T0.plusSeconds(120));
    assertThat(DefaultModel.best(runs)).contains(newest);
  }

  @Test
  void aReleaseRunWithoutParametersIsNotAModel() throws Exception {
    Path r = release("broken-release", T0);
    Files.delete(r.resolve("model.params"));
    assertThat(DefaultModel.best(runs)).isEmpty();
  }
}
