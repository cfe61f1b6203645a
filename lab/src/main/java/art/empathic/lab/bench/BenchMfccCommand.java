package art.empathic.lab.bench;

import art.empathic.lab.bench.ClipPasses.Pass;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.corpus.DataLocator;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.util.Locale;

/**
 * {@code empathic-art bench mfcc}: decode + MFCC over a folder of WAVs, on one thread and on
 * several, after a warm-up; prints clips/s and audio seconds per wall second.
 */
@Command(name = "mfcc", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Times MFCC extraction (40 coefficients, librosa defaults at each file's own rate) of every WAV "
          + "under a folder, decoding included and nothing cached: a warm-up pass, then --repeat passes "
          + "on one thread and --repeat passes on --threads threads.",
      "Prints the median of each: clips per second and x real time (audio seconds per wall second), and "
          + "the CPU seconds the threads used (on a busy machine wall time exceeds it). Unreadable files are "
          + "skipped and named."})
final class BenchMfccCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder searched recursively for *.wav (default: the RAVDESS folder: $EMPATHIC_ART_DATA or ../shared/data).")
  Path data;

  @Option(names = "--threads", paramLabel = "N", description = "Threads of the parallel passes (default: all cores).")
  Integer threads;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Use only the first N files in path order (default: all).")
  int limit;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Timed passes per thread count; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  private final Map<Integer, MfccExtractor> extractors = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<String> failures = new ConcurrentSkipListSet<>();
  /** Sums one value of every result so the JIT cannot drop the work. */
  private final DoubleAdder checksum = new DoubleAdder();

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
    }
    int parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (parallel < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + parallel);
    }
    Path dir = DataLocator.ravdess(data).orElseThrow(() -> new IllegalArgumentException(
        "no data folder found: give --data DIR or set " + DataLocator.ENV));
    List<Path> files = wavFiles(dir, limit);
    PrintWriter out = spec.commandLine().getOut();

    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      Pass warm = onOneThread(files);
      if (warm.clips() == 0) {
        throw new IllegalArgumentException(dir + ": none of the " + files.size() + " WAV files could be read");
      }
      out.printf("bench mfcc: %d clips, %.1f s of audio under %s (n_mfcc 40, librosa defaults, decoding included)%n",
          warm.clips(), warm.audioSeconds(), dir);
      if (!failures.isEmpty()) {
        out.printf("skipped %d unreadable: %s%n", failures.size(), String.join("; ", failures));
      }
      out.flush();
      List<Pass> single = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        single.add(onOneThread(files));
      }
      report(out, "1 thread", single);
      List<Pass> multi = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        multi.add(onPool(files, pool, parallel));
      }
      report(out, parallel + " threads", multi);
    } finally {
      pool.shutdownNow();
    }
    return 0;
  }

  static List<Path> wavFiles(Path dir, int limit) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a folder");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
          .filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no .wav files found");
    }
    return limit > 0 && limit < files.size() ? files.subList(0, limit) : files;
  }

  /**
   * Median wall time and what it means; the CPU seconds beside it show how much of the wall time
   * the threads actually ran (on a shared machine the rest went to other processes).
   */
  private void report(PrintWriter out, String label, List<Pass> passes) {
    long[] nanos = passes.stream().mapToLong(Pass::nanos).sorted().toArray();
    long[] cpu = passes.stream().mapToLong(Pass::cpuNanos).sorted().toArray();
    double wall = nanos[nanos.length / 2] / 1e9;
    double cpuSeconds = cpu[cpu.length / 2] / 1e9;
    Pass p = passes.get(0);
    out.printf("%-10s median %.3f s of %d passes (min %.3f, max %.3f): %.1f clips/s, %.0fx real time"
            + " [CPU %.3f s: %.0fx real time per CPU second]%n",
        label + ":", wall, nanos.length, nanos[0] / 1e9, nanos[nanos.length - 1] / 1e9, p.clips() / wall,
        p.audioSeconds() / wall, cpuSeconds, p.audioSeconds() / cpuSeconds);
    out.flush();
  }

  private Pass onOneThread(List<Path> files) {
    return ClipPasses.onOneThread(files, this::extract);
  }

  private Pass onPool(List<Path> files, ExecutorService pool, int parallel) throws Exception {
    return ClipPasses.onPool(files, pool, parallel, this::extract);
  }

  /** Decodes and extracts one file; its duration in seconds, or -1 if it could not be used. */
  private double extract(Path file) {
    try {
      Audio audio = WavReader.read(file);
      MfccExtractor extractor = extractors.computeIfAbsent(audio.sampleRate(),
          sr -> new MfccExtractor(MfccConfig.librosaDefaults(sr)));
      float[][] mfcc = extractor.mfcc(audio.samples());
      checksum.add(mfcc[0][0]);
      return audio.durationSeconds();
    } catch (AudioFormatException e) {
      failures.add(e.getMessage());
      return -1;
    } catch (IllegalArgumentException e) { // e.g. non-finite samples
      failures.add(file + ": " + e.getMessage());
      return -1;
    }
  }
}
