package art.empathic.train;

import art.empathic.run.EpochStats;
import java.util.List;

/**
 * The outcome of {@link Fitter#fit}.
 *
 * @param history every completed epoch
 * @param bestEpoch the epoch whose weights the model holds (1-based)
 * @param trainingSeconds wall time of the training loop alone (batches and per-epoch
 *     validation; no feature extraction, checkpoint writing or test evaluation)
 * @param interrupted true when a stop request ended the run early (it can be resumed)
 * @param stopReason why training ended
 */
public record FitResult(List<EpochStats> history, int bestEpoch, double trainingSeconds, boolean interrupted,
    String stopReason) {
  public FitResult {
    history = List.copyOf(history);
  }
}
