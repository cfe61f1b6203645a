package art.empathic.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * When {@link Fitter} writes its checkpoint: at the end of an epoch once at least
 * {@code intervalNanos} of training have passed since the last one, after the last epoch, and at
 * once on a stop request. Not after every epoch: a small model's epoch takes milliseconds and an
 * fsync'd checkpoint costs more than the epoch; a hard kill loses at most one interval.
 */
final class CheckpointSchedule {
  /** Ten seconds between periodic checkpoints. */
  static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

  private final Path file;
  private final long intervalNanos;
  private long last = System.nanoTime();

  /** Checkpoints to {@code file}, or none when it is null. */
  CheckpointSchedule(Path file, long intervalNanos) {
    this.file = file;
    this.intervalNanos = intervalNanos;
  }

  /** After an epoch: writes when the run finished or the interval has passed. */
  void epochDone(boolean finished, Supplier<Checkpoint.State> state) throws IOException {
    if (file != null && (finished || System.nanoTime() - last >= intervalNanos)) {
      Checkpoint.write(file, state.get());
      last = System.nanoTime();
    }
  }

  /** On a stop request: writes at once, so the run resumes where it stopped. */
  void stopped(Supplier<Checkpoint.State> state) throws IOException {
    if (file != null) {
      Checkpoint.write(file, state.get());
    }
  }
}
