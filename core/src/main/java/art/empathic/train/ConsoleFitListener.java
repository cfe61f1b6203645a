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
 * one line per epoch with losses, accuracies and seconds.
 */
final class ConsoleFitListener implements FitListener {
  private final PrintWriter out;
  private final boolean bars;
  private final String prefix;
  private ProgressBar bar;

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
    out.println(line);
    out.flush();
  }

  @Override
  public void stopped(String reason) {
    closeBar();
    out.println(prefix + reason);
    out.flush();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
