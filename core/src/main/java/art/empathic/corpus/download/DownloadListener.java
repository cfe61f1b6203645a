package art.empathic.corpus.download;

/**
 * What a download tells its user: informational lines and the progress of long steps. The CLI
 * renders progress as a bar on standard error; tests use {@link #SILENT} or record the lines.
 */
public interface DownloadListener {
  /** What a progress count measures. */
  enum Unit { BYTES, FILES }

  /** A line worth showing (a step starting, a fallback taken, a retry). */
  void info(String line);

  /** A long step starts; {@code total} is -1 when unknown, {@code start} is what is already done. */
  void progressStarted(String task, long total, long start, Unit unit);

  /** The step has reached {@code current} (absolute, not a delta). */
  void progressed(long current);

  /** The step ended (successfully or not). */
  void progressFinished();

  /** Ignores everything. */
  DownloadListener SILENT = new DownloadListener() {
    @Override public void info(String line) {}
    @Override public void progressStarted(String task, long total, long start, Unit unit) {}
    @Override public void progressed(long current) {}
    @Override public void progressFinished() {}
  };
}
