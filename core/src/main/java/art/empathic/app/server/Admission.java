package art.empathic.app.server;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission by time for {@code POST /api/predict}: a request is let in while it can still be
 * answered within the request timeout, judged from the measured service time and the work
 * ahead of it; otherwise it is refused at once, before its body is read, with the number of
 * seconds after which a retry is likely to be let in.
 *
 * <p>The estimate: with {@code n} predictions admitted and not yet finished (running or
 * waiting), {@code w} workers and a median service time {@code s}, a new request finishes after
 * about {@code ceil((n + 1) / w) * s}. It is admitted when that is at most {@link #BUDGET} of
 * the timeout (or nothing else is admitted: an idle server always tries), when {@code n} is below
 * the hard cap of waiting requests and when the bodies of the admitted requests stay within the
 * memory budget. Until a service time has been measured, at most two per worker are let in.
 * Thread-safe.
 */
final class Admission {
  /** Share of the request timeout the estimate may use; the rest absorbs service-time spread. */
  static final double BUDGET = 0.8;
  /** Service times remembered for the median and p99. */
  private static final int SAMPLES = 256;

  /** A decision: admitted (retryAfterSeconds 0) or refused with its reason and retry hint. */
  record Decision(boolean admitted, int retryAfterSeconds, String reason) {}

  private final int workers;
  private final int maxWaiting;
  private final long maxBytes;
  private final double timeoutSeconds;
  private final long[] serviceNanos = new long[SAMPLES];
  private int serviceCount;
  private long[] sorted = new long[0];
  private int sortedAt = -1;
  private int inSystem;
  private long bytes;

  final AtomicLong admitted = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong timedOut = new AtomicLong();
  final AtomicLong served = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicLong serviceNanosSum = new AtomicLong();

  Admission(ServerLimits limits) {
    this.workers = limits.workers();
    this.maxWaiting = limits.queue();
    this.maxBytes = limits.maxQueuedBytes();
    this.timeoutSeconds = limits.requestTimeout().toNanos() / 1e9;
  }

  /**
   * The decision {@link #admit} would take now, without taking a place: asked before a body is
   * read, so that a refused body is never read and a slowly uploaded one holds no place yet.
   */
  synchronized Decision check(long bodyBytes) {
    Decision d = decide(bodyBytes);
    if (!d.admitted()) {
      refused.incrementAndGet();
    }
    return d;
  }

  /**
   * Decides on a request whose body (of {@code bodyBytes}) has been read and takes its place;
   * an admitted one must be ended by exactly one {@link #release}.
   */
  synchronized Decision admit(long bodyBytes) {
    Decision d = decide(bodyBytes);
    if (!d.admitted()) {
      refused.incrementAndGet();
      return d;
    }
    inSystem++;
    bytes += bodyBytes;
    admitted.incrementAndGet();
    return d;
  }

  private Decision decide(long bodyBytes) {
    double s = medianSeconds();
    double finish = Double.isNaN(s) ? 0 : Math.ceil((inSystem + 1) / (double) workers) * s;
    String reason = null;
    double retry = 1;
    if (Double.isNaN(s) && inSystem >= 2 * workers) {
      // Nothing measured yet (a cold server is slow at first): let in two per worker until it is.
      reason = "no prediction has finished yet to estimate the wait from";
    } else if (inSystem >= workers + maxWaiting) {
      reason = inSystem + " predictions admitted (limit " + (workers + maxWaiting) + ")";
      retry = Double.isNaN(s) ? 1 : (inSystem + 1 - workers - maxWaiting) * s / workers + s;
    } else if (inSystem > 0 && finish > BUDGET * timeoutSeconds) {
      reason = String.format(java.util.Locale.ROOT, "the estimated wait of %.1f s exceeds the %.0f s timeout", finish, timeoutSeconds);
      retry = finish - BUDGET * timeoutSeconds + s;
    } else if (inSystem > 0 && bytes + bodyBytes > maxBytes) {
      reason = "admitted uploads hold " + (bytes >> 20) + " MiB (limit " + (maxBytes >> 20) + " MiB)";
      retry = Double.isNaN(s) ? 1 : inSystem * s / workers;
    }
    if (reason != null) {
      return new Decision(false, (int) Math.max(1, Math.min(3600, Math.ceil(retry))), reason);
    }
    return new Decision(true, 0, null);
  }

  /** Ends an admitted request that held {@code bodyBytes}. */
  synchronized void release(long bodyBytes) {
    inSystem--;
    bytes -= bodyBytes;
  }

  /** Records the time one prediction took on a worker. */
  synchronized void serviceTime(long nanos) {
    serviceNanos[serviceCount % SAMPLES] = nanos;
    serviceCount++;
    serviceNanosSum.addAndGet(nanos);
  }

  /** Predictions admitted and not yet finished (running or waiting). */
  synchronized int inSystem() {
    return inSystem;
  }

  /** Service-time quantile (0-1) of the recent predictions in seconds; NaN before the first. */
  synchronized double quantileSeconds(double q) {
    int n = Math.min(serviceCount, SAMPLES);
    if (n == 0) {
      return Double.NaN;
    }
    // Sorted once per new sample, not per question: every refusal asks for the median.
    if (sortedAt != serviceCount) {
      sorted = Arrays.copyOf(serviceNanos, n);
      Arrays.sort(sorted);
      sortedAt = serviceCount;
    }
    int rank = (int) Math.ceil(q * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e9;
  }

  private double medianSeconds() {
    return quantileSeconds(0.5);
  }

  /** Estimated seconds until a request admitted now would be answered (0 before any measurement). */
  synchronized double estimatedWaitSeconds() {
    double s = medianSeconds();
    return Double.isNaN(s) ? 0 : Math.ceil((inSystem + 1) / (double) workers) * s;
  }

  synchronized long serviceCount() {
    return serviceCount;
  }

  double serviceSecondsSum() {
    return serviceNanosSum.get() / 1e9;
  }
}
