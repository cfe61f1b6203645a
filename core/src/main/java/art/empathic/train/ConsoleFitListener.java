package art.empathic.train;

import art.empathic.io.PhaseProgress;
import art.empathic.run.EpochStats;
import art.empathic.train.FitListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training to a person: one line per epoch on {@code out} with losses, accuracies, seconds
 * and the time left for the epochs still to run at the mean pace so far (an upper bound when a
 * stopping rule may end the fit early), always; and, when progress is asked for, each epoch's
 * batches as a {@link PhaseProgress} on standard error: a bar (count, rate, time left) on a
 * terminal, else a plain line for an epoch still running after 30 s (and every 30 s after).
 */
final class ConsoleFitListener implements FitListener {
  private final PrintWriter out;
  private final PhaseProgress.Display display;
  private final String prefix;
  private PhaseProgress batchesOfEpoch;
  private double secondsSoFar;
  private int epochsSeen;

  ConsoleFitListener(PrintWriter out, boolean progress, String prefix) {
    this(out, PhaseProgress.Display.onStandardError(progress), prefix);
  }

  /** As the other, showing each epoch's batches on {@code display} (tests give one with a fake clock). */
  ConsoleFitListener(PrintWriter out, PhaseProgress.Display display, String prefix) {
    this.out = out;
    this.display = display;
    this.prefix = prefix;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int batches) {
    endEpoch();
    batchesOfEpoch = display.start(prefix + "epoch " + epoch + "/" + epochs, "batches", batches);
  }

  @Override
  public void batchDone(int epoch, int batch, int batches) {
    if (batchesOfEpoch != null) {
      batchesOfEpoch.stepTo(batch);
    }
  }

  @Override
  public void epochDone(EpochStats s, int epochs) {
    endEpoch();
    String width = String.valueOf(String.valueOf(epochs).length());
    StringBuilder line = new StringBuilder(prefix).append(String.format(Locale.ROOT,
        "epoch %" + width + "d/%d  loss %.4f  acc %.4f", s.epoch(), epochs, s.trainLoss(), s.trainAccuracy()));
    if (s.valLoss() != null) {
      line.append(String.format(Locale.ROOT, "  val_loss %.4f  val_acc %.4f", s.valLoss(), s.valAccuracy()));
    }
    line.append(String.format(Locale.ROOT, "  %.1f s", s.seconds()));
    secondsSoFar += s.seconds();
    epochsSeen++;
    if (s.epoch() < epochs) {
      line.append("  ").append(timeLeft(secondsSoFar / epochsSeen * (epochs - s.epoch()))).append(" left at most");
    }
    out.println(line);
    out.flush();
  }

  @Override
  public void stopped(String reason) {
    endEpoch();
    out.println(prefix + reason);
    out.flush();
  }

  /** Seconds as "42 s", "3 min 05 s" or "1 h 02 min", as every progress line reads them. */
  static String timeLeft(double seconds) {
    return PhaseProgress.duration(seconds);
  }

  /** Ends the epoch's bar or lines; the epoch line (or the stop's) says the rest. */
  private void endEpoch() {
    if (batchesOfEpoch != null) {
      batchesOfEpoch.closeWithoutLine();
      batchesOfEpoch = null;
    }
  }
}
