package art.empathic.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import art.empathic.io.Json;

/** {@code history.json}: one entry per finished epoch. */
public record TrainingHistory(List<Epoch> epochs) {

  public static final String FILE = "history.json";

  public TrainingHistory {
    epochs = epochs == null ? List.of() : List.copyOf(epochs);
  }

  /**
   * One epoch's numbers. Validation values are null when the run had no validation part.
   *
   * @param seconds wall time of the epoch
   * @param lr learning rate at the end of the epoch
   */
  public record Epoch(int epoch, Double trainLoss, Double trainAccuracy, Double valLoss,
      Double valAccuracy, Double seconds, Double lr) {}

  public static TrainingHistory read(Path runDir) throws IOException {
    return Json.read(runDir.resolve(FILE), TrainingHistory.class);
  }

  /** Whether any epoch has a validation loss or accuracy. */
  public boolean hasValidation() {
    return epochs.stream().anyMatch(e -> e.valLoss() != null || e.valAccuracy() != null);
  }
}
