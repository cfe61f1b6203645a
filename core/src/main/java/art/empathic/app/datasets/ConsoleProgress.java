package art.empathic.app.datasets;

import art.empathic.corpus.download.DownloadListener;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a download's steps as lines and its long steps as a progress bar, all on standard error. */
final class ConsoleProgress implements DownloadListener {
  private final PrintWriter err;
  private final int width;
  private ProgressBar bar;

  ConsoleProgress(PrintWriter err) {
    this.err = err;
    int columns = 100;
    try {
      columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
    } catch (NumberFormatException ignored) {
      // keep the default width
    }
    this.width = Math.max(40, Math.min(columns, 160));
  }

  @Override
  public synchronized void info(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public synchronized void progressStarted(String task, long total, long start, Unit unit) {
    progressFinished();
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setConsumer(new DelegatingProgressBarConsumer(this::render, width))
        .startsFrom(start, Duration.ZERO);
    if (unit == Unit.BYTES) {
      builder.setUnit(" MB", 1_000_000).showSpeed();
    } else {
      builder.setUnit(" files", 1);
    }
    bar = builder.build();
  }

  @Override
  public synchronized void progressed(long current) {
    if (bar != null) {
      bar.stepTo(current);
    }
  }

  @Override
  public synchronized void progressFinished() {
    if (bar != null) {
      bar.close();
      bar = null;
      err.println();
      err.flush();
    }
  }

  private void render(String line) {
    synchronized (err) {
      err.print('\r');
      err.print(line);
      err.flush();
    }
  }
}
