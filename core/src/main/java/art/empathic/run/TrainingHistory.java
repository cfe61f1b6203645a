package art.empathic.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import art.empathic.io.Json;

/**
 * {@code history.json}: one entry per finished epoch, written by the trainer and read by the
 * reports. An ensemble also lists every member's epochs ({@code members}; {@code epochs} is
 * then the first member's).
 *
 * @param members every ensemble member's epochs, null (and absent from the file) for one network
 */
public record TrainingHistory(List<EpochStats> epochs,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<List<EpochStats>> members) {

  public static final String FILE = RunFiles.HISTORY;

  public TrainingHistory {
    epochs = epochs == null ? List.of() : List.copyOf(epochs);
    members = members == null ? null : members.stream().map(List::copyOf).toList();
  }

  /** The history of a single network. */
  public TrainingHistory(List<EpochStats> epochs) {
    this(epochs, null);
  }

  public static TrainingHistory read(Path runDir) throws IOException {
    return Json.read(runDir.resolve(FILE), TrainingHistory.class);
  }

  /** Whether any epoch has a validation loss or accuracy. */
  public boolean hasValidation() {
    return epochs.stream().anyMatch(e -> e.valLoss() != null || e.valAccuracy() != null);
  }
}
