package art.empathic.train;

import art.empathic.run.EpochStats;
import art.empathic.train.FitListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training to a person: a progress bar per epoch (batches, rate, ETA) on a terminal, and
 * one line per epoch with losses, accuracies, seconds and the time left for the epochs still to
 * run at the mean pace so far (an upper bound when a stopping rule may end the fit early).
 */
final class ConsoleFitListener implements FitListener {
  private final PrintWriter out;
  private final boolean bars;
  private final String prefix;
  private ProgressBar bar;
  private double secondsSoFar;
  private int epochsSeen;

  ConsoleFitListener(PrintWriter out, boolean progress, String prefix) {
    this.out = out;
    this.bars = progress && System.console() != null;
    this.prefix = prefix;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int batches) {
    if (bars) {
      bar = new ProgressBarBuilder().setTaskName(prefix + "epoch " + epoch + "/" + epochs).setInitialMax(batches)
          .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).showSpeed().continuousUpdate()
          .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
    }
  }

  @Override
  public void batchDone(int epoch, int batch, int batches) {
    if (bar != null) {
      bar.stepTo(batch);
    }
  }

  @Override
  public void epochDone(EpochStats s, int epochs) {
    closeBar();
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
    closeBar();
    out.println(prefix + reason);
    out.flush();
  }

  /** Seconds as "42 s", "3 min 05 s" or "1 h 02 min". */
  static String timeLeft(double seconds) {
    long t = Math.round(seconds);
    if (t < 60) {
      return t + " s";
    }
    if (t < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", t / 3600, t / 60 % 60);
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
