package art.empathic.lab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.ToDoubleFunction;

/**
 * One timed pass of a per-clip benchmark over a list of files, on this thread or on a pool: wall
 * and CPU time, the clips done and their audio seconds. The work returns a clip's duration in
 * seconds, or a negative number for a clip it could not use (not counted).
 */
final class ClipPasses {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ClipPasses() {}

  /** A pass's wall time and CPU time (nanoseconds, over every worker thread), clips done, audio seconds. */
  record Pass(long nanos, long cpuNanos, int clips, double audioSeconds) {}

  static Pass onOneThread(List<Path> files, ToDoubleFunction<Path> work) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    double seconds = 0;
    int done = 0;
    for (Path f : files) {
      double s = work.applyAsDouble(f);
      if (s >= 0) {
        seconds += s;
        done++;
      }
    }
    return new Pass(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpuStart, done, seconds);
  }

  /** {@code parallel} workers on {@code pool} take the files in turn. */
  static Pass onPool(List<Path> files, ExecutorService pool, int parallel, ToDoubleFunction<Path> work)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    DoubleAdder seconds = new DoubleAdder();
    AtomicInteger done = new AtomicInteger();
    AtomicLong cpu = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < parallel; w++) {
      workers.add(pool.submit(() -> {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
          double s = work.applyAsDouble(files.get(i));
          if (s >= 0) {
            seconds.add(s);
            done.incrementAndGet();
          }
        }
        cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
      }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    return new Pass(System.nanoTime() - start, cpu.get(), done.get(), seconds.sum());
  }
}
