package art.empathic.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartPreview {
  @Test
  void preview() throws Exception {
    Path root = Path.of("target/preview");
    List<Path> random = new ArrayList<>();
    List<Path> speaker = new ArrayList<>();
    for (FakeRuns.Run r : FakeRuns.study()) {
      (r.fold() == null ? random : speaker).add(FakeRuns.write(root.resolve("runs"), r));
    }
    random.add(FakeRuns.writeUnfinished(root.resolve("runs/paper500"), new FakeRuns.Run("cnn_lstm_paper", "Paper CNN-LSTM (500 epochs)", 500, null, 0.8, null, 42), 37));
    RunReport.write(random.get(6));
    var w = StudyReport.write(root.resolve("study"), new StudyReport.Study("Empathic Art: the original study on RAVDESS",
        List.of("Data: RAVDESS speech (1440 clips, 24 actors), seven classes. Seed 42."),
        List.of(new StudyReport.Section(Protocol.RANDOM, random, List.of("80/20 split, seed 42.")),
            new StudyReport.Section(Protocol.SPEAKER, speaker, List.of("Folds 1 and 2 of 6 ran (the default demo); --full runs all 6.")))));
    System.out.println(w);
    System.out.println(StudyReport.summaryText(new StudyReport.Study("x", List.of(), List.of(new StudyReport.Section(Protocol.RANDOM, random, List.of()), new StudyReport.Section(Protocol.SPEAKER, speaker, List.of())))));
  }
}
