package art.empathic.app.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Copies whole lines to a shared console, each with a prefix, holding the console's lock per
 * line: several lanes of {@code demo} can then print at once without cutting each other's lines.
 */
final class LinePrefixWriter extends Writer {
  private final PrintWriter target;
  private final String prefix;
  private final StringBuilder line = new StringBuilder();

  LinePrefixWriter(PrintWriter target, String prefix) {
    this.target = target;
    this.prefix = prefix;
  }

  @Override
  public synchronized void write(char[] buf, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = buf[i];
      if (c == '\n') {
        emit();
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void emit() {
    synchronized (target) {
      target.println(prefix + line);
      target.flush();
    }
    line.setLength(0);
  }

  /** Lines are sent as they end; a partial line waits for its end (or for {@link #close}). */
  @Override
  public void flush() {}

  @Override
  public synchronized void close() {
    if (line.length() > 0) {
      emit();
    }
  }
}
