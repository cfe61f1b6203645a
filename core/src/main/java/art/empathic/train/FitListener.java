package art.empathic.train;

import art.empathic.run.EpochStats;
/** Watches a run: batches (for a progress bar) and finished epochs (for a log line). */
public interface FitListener {
  FitListener SILENT = new FitListener() {};

  default void epochStarted(int epoch, int epochs, int batches) {}

  default void batchDone(int epoch, int batch, int batches) {}

  default void epochDone(EpochStats stats, int epochs) {}

  default void stopped(String reason) {}
}
