package art.empathic.io;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of one phase of a long job (reading a corpus, extracting features, an epoch of a
 * fit): how many of how many items are done since when, the rate so far, and the time left at
 * that rate. Shown in one of three {@link Mode}s: a bar redrawn in place on a terminal; plain
 * lines when standard error is a file or a pipe, at most one per {@link #LINE_INTERVAL} and one
 * when the phase ends, e.g.
 * {@code features: 12,000/45,772 items (26%), 180 items/s, about 3 min 28 s left}; or nothing.
 *
 * <p>Whether progress is wanted ({@code --no-progress}) and whether standard error is a terminal
 * are decided by the caller ({@link Mode#of}). Steps may come from many threads. The clock is a
 * {@link LongSupplier} of nanoseconds, so tests give a fake one.
 */
public final class PhaseProgress implements AutoCloseable {
  /** The least time between two plain lines of one phase. */
  public static final Duration LINE_INTERVAL = Duration.ofSeconds(30);

  /** How a phase is shown. */
  public enum Mode {
    /** Nothing at all ({@code --no-progress}). */
    OFF,
    /** A bar with count, rate and time left, redrawn in place (a terminal). */
    BAR,
    /** A plain line at most every {@link #LINE_INTERVAL} and at the end (a log file, a pipe). */
    LINES;

    /** OFF when progress is not wanted, else BAR on a terminal and LINES elsewhere. */
    public static Mode of(boolean wanted, boolean terminal) {
      return !wanted ? OFF : terminal ? BAR : LINES;
    }
  }

  /**
   * Where and how a job shows its phases: one value made where {@code --no-progress} and the
   * terminal are known, handed to the code that knows each phase's size.
   */
  public record Display(Mode mode, PrintStream out, LongSupplier nanoClock) {
    /** Shows nothing. */
    public static final Display OFF = new Display(Mode.OFF, System.err, System::nanoTime);

    public Display {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * On standard error with the system clock, in {@link Mode#of}{@code (wanted, terminal)}, where
     * standard error counts as a terminal when {@code System.console()} sees one and the launcher
     * did not say otherwise ({@link #STDERR_TERMINAL}).
     */
    public static Display onStandardError(boolean wanted) {
      boolean terminal = System.console() != null && standardErrorMayBeTerminal(System.getProperty(STDERR_TERMINAL));
      return new Display(Mode.of(wanted, terminal), System.err, System::nanoTime);
    }

    /**
     * Set by the launcher to whether standard error is a terminal ({@code [ -t 2 ]}): Java 17's
     * {@code System.console()} looks at standard input and output only, so {@code 2> log} typed at
     * a terminal would otherwise draw bars into the log.
     */
    public static final String STDERR_TERMINAL = "empathic.art.stderr.terminal";

    /** False only when the launcher said standard error is not a terminal; unset (embedded use) trusts {@code System.console()}. */
    static boolean standardErrorMayBeTerminal(String property) {
      return !"false".equals(property);
    }

    /** Starts a phase of {@code total} items now. */
    public PhaseProgress start(String phase, String unit, long total) {
      return new PhaseProgress(phase, unit, total, this);
    }
  }

  private final String phase;
  private final String unit;
  private final long total;
  private final Mode mode;
  private final PrintStream out;
  private final LongSupplier clock;
  private final long startNanos;
  private final AtomicLong done = new AtomicLong();
  private final ProgressBar bar;
  private long lastLineNanos;
  private boolean closed;

  private PhaseProgress(String phase, String unit, long total, Display display) {
    if (total < 0) {
      throw new IllegalArgumentException("a phase of " + total + " items");
    }
    this.phase = Objects.requireNonNull(phase, "phase");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.total = total;
    // An empty phase has nothing to show: no bar of 0, no "0/0" line.
    this.mode = total == 0 ? Mode.OFF : display.mode();
    this.out = display.out();
    this.clock = display.nanoClock();
    this.startNanos = clock.getAsLong();
    this.lastLineNanos = startNanos;
    this.bar = mode != Mode.BAR ? null : new ProgressBarBuilder().setTaskName(phase).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out)).setUpdateIntervalMillis(250)
        .showSpeed().setUnit(" " + unit, 1).build();
  }

  /** One more item done. */
  public void step() {
    long now = done.incrementAndGet();
    if (bar != null) {
      bar.step(); // not stepTo(now): another thread may have stepped past it already
    } else {
      maybeLine(now);
    }
  }

  /** {@code count} items done in all (never fewer than before). */
  public void stepTo(long count) {
    long now = done.accumulateAndGet(count, Math::max);
    if (bar != null) {
      bar.stepTo(now);
    } else {
      maybeLine(now);
    }
  }

  private void maybeLine(long now) {
    if (mode == Mode.LINES) {
      long t = clock.getAsLong();
      synchronized (this) {
        if (!closed && t - lastLineNanos >= LINE_INTERVAL.toNanos() && now < total) {
          lastLineNanos = t;
          print(line(now, t));
        }
      }
    }
  }

  /** Items done so far. */
  public long count() {
    return done.get();
  }

  /** Seconds left at the mean rate so far; empty until an item is done and time has passed. */
  public OptionalDouble secondsLeft() {
    return secondsLeft(done.get(), (clock.getAsLong() - startNanos) / 1e9);
  }

  private OptionalDouble secondsLeft(long count, double seconds) {
    if (count <= 0 || seconds <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(Math.max(0, total - count) * seconds / count);
  }

  /**
   * The plain line for now, e.g. {@code features: 12,000/45,772 items (26%), 180 items/s, about 3 min 28 s left};
   * once every item is done it ends {@code done in 4 min 14 s} instead.
   */
  public String line() {
    return line(done.get(), clock.getAsLong());
  }

  private String line(long count, long nanos) {
    double seconds = (nanos - startNanos) / 1e9;
    StringBuilder s = new StringBuilder(phase).append(String.format(Locale.ROOT, ": %,d/%,d %s (%d%%)", count, total,
        unit, total == 0 ? 100 : count * 100 / total));
    if (count > 0 && seconds > 0) {
      s.append(", ").append(rate(count / seconds)).append(' ').append(unit).append("/s");
    }
    if (count >= total) {
      s.append(", done in ").append(duration(seconds));
    } else {
      OptionalDouble left = secondsLeft(count, seconds);
      s.append(left.isPresent() ? ", about " + duration(left.getAsDouble()) + " left" : ", time left not known yet");
    }
    return s.toString();
  }

  /**
   * Ends the phase: the bar is closed; in {@link Mode#LINES} the last line says how far it got.
   * Idempotent.
   */
  @Override
  public void close() {
    end(true);
  }

  /**
   * Ends the phase without its last line, for a phase whose caller writes a line of its own at the
   * end (a fit's epoch line).
   */
  public void closeWithoutLine() {
    end(false);
  }

  private void end(boolean lastLine) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (mode == Mode.LINES && lastLine) {
        print(line());
      }
    }
    if (bar != null) {
      bar.close();
    }
  }

  private void print(String line) {
    out.println(line);
    out.flush();
  }

  /** A rate as "1,250", "180", "2.5" or "0.25": whole numbers from 100, never rounded to "0". */
  static String rate(double perSecond) {
    if (perSecond >= 99.5) {
      return String.format(Locale.ROOT, "%,d", Math.round(perSecond));
    }
    if (perSecond >= 0.995) {
      return String.format(Locale.ROOT, "%.1f", perSecond).replaceAll("\\.0$", "");
    }
    return String.format(Locale.ROOT, "%.2g", perSecond);
  }

  /** Seconds as "42 s", "3 min 05 s" or "1 h 02 min" (the epoch lines of a fit read the same). */
  public static String duration(double seconds) {
    long t = Math.round(seconds);
    if (t < 60) {
      return t + " s";
    }
    if (t < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", t / 60, t % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", t / 3600, t / 60 % 60);
  }
}
