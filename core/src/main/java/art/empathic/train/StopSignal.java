package art.empathic.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C for long jobs: the first interrupt asks the job to stop after its current batch and
 * waits (up to a minute) until it has saved a resumable checkpoint; the JVM then exits.
 */
public final class StopSignal implements AutoCloseable {
  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicInteger checksLeft = new AtomicInteger(-1);
  private final AtomicInteger polls = new AtomicInteger();
  private final CountDownLatch saved = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal(boolean install) {
    hook = install ? new Thread(this::onShutdown, "empathic-art-stop") : null;
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
  }

  /** Listens for Ctrl-C (SIGINT/SIGTERM) until closed. */
  public static StopSignal install() {
    return new StopSignal(true);
  }

  /** Never fires; for tests and embedded use. */
  static StopSignal none() {
    return new StopSignal(false);
  }

  /** Fires by itself after {@code checks} polls: a deterministic Ctrl-C for tests. */
  static StopSignal afterChecks(int checks) {
    StopSignal s = new StopSignal(false);
    s.checksLeft.set(checks);
    return s;
  }

  boolean requested() {
    polls.incrementAndGet();
    if (checksLeft.get() >= 0 && checksLeft.getAndDecrement() == 0) {
      requested.set(true);
    }
    return requested.get();
  }

  /** How often the job asked so far (once per training batch); for tests. */
  int polls() {
    return polls.get();
  }

  /** Asks the job to stop (what Ctrl-C does). */
  public void request() {
    requested.set(true);
  }

  /** Whether a stop was asked for, without counting as one of the job's polls. */
  public boolean wasRequested() {
    return requested.get();
  }

  private void onShutdown() {
    requested.set(true);
    System.err.println();
    System.err.println("empathic-art: stopping after the current batch and saving a checkpoint...");
    try {
      saved.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The job is done (finished, stopped or failed): shutdown may proceed. */
  @Override
  public void close() {
    saved.countDown();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it is waiting on the latch just released.
      }
    }
  }
}
