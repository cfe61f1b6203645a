package art.empathic.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What {@link Fitter#fit} trains on and how it reports: built with {@link #of(ExampleSet)} and
 * named setters instead of positional arguments.
 *
 * @param train the training examples (at least 2)
 * @param validation examples for per-epoch validation, early stopping and best-weight selection, or null
 * @param checkpoint where to save resumable state, or null for no checkpoints
 * @param resume continue the run saved in {@code checkpoint} instead of starting afresh
 * @param stopRequested polled after every batch; true stops the run (resumable)
 * @param listener watches batches and epochs
 */
public record FitRequest(ExampleSet train, ExampleSet validation, Path checkpoint, boolean resume,
    BooleanSupplier stopRequested, FitListener listener) {

  public FitRequest {
    Objects.requireNonNull(train, "train");
    stopRequested = stopRequested == null ? () -> false : stopRequested;
    listener = listener == null ? FitListener.SILENT : listener;
    if (resume && checkpoint == null) {
      throw new IllegalArgumentException("resume needs a checkpoint file");
    }
  }

  /** A request to train on {@code train} from scratch: no validation, no checkpoint, never stopped, silent. */
  public static Builder of(ExampleSet train) {
    return new Builder(train);
  }

  /** Sets the optional parts of a request. */
  public static final class Builder {
    private final ExampleSet train;
    private ExampleSet validation;
    private Path checkpoint;
    private boolean resume;
    private BooleanSupplier stopRequested;
    private FitListener listener;

    private Builder(ExampleSet train) {
      this.train = train;
    }

    public Builder validation(ExampleSet v) { validation = v; return this; }
    /** Saves resumable state in {@code file} (see {@link CheckpointSchedule} for when). */
    public Builder checkpoint(Path file) { checkpoint = file; return this; }
    /** Continue the run saved in the checkpoint. */
    public Builder resume(boolean r) { resume = r; return this; }
    public Builder stopWhen(BooleanSupplier s) { stopRequested = s; return this; }
    public Builder listener(FitListener l) { listener = l; return this; }

    public FitRequest build() {
      return new FitRequest(train, validation, checkpoint, resume, stopRequested, listener);
    }
  }
}
