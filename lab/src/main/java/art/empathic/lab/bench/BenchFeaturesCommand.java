package art.empathic.lab.bench;

import art.empathic.lab.bench.ClipPasses.Pass;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.corpus.DataLocator;
import art.empathic.features.AugmentSpec;
import art.empathic.features.BaseFeature;
import art.empathic.features.FeatureSpec;
import art.empathic.features.dsp.Functionals;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import art.empathic.features.dsp.VoiceFrames;
import art.empathic.features.dsp.Yin;
import art.empathic.io.Npy;
import art.empathic.train.Recipe;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.DoubleAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code empathic-art bench features}: the default model's feature extraction (decode, resample
 * to 16 kHz, the {@link VoiceFrames} matrix, {@link Functionals}) per clip, as the feature
 * pipeline computes it when nothing is cached; then a per-stage profile.
 */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Times the default model's feature extraction, the utterance functionals (decode, resample to 16 kHz, "
          + "log-mel, MFCC, YIN pitch, RMS energy, functionals; nothing cached), on an evenly spaced sample "
          + "of the WAV files under a folder: a warm-up (passes over the sample until 400 clips are done), then --repeat passes on one thread and "
          + "--repeat passes on --threads threads, then one profiling pass that times each stage.",
      "Prints the median of each: clips per second and x real time (audio seconds per wall second), the "
          + "CPU seconds the threads used (on a busy machine wall time exceeds it), and the share of each "
          + "stage. bench/features.sh runs it alternately with the numpy peer (bench/peers/features_peer.py), "
          + "which takes the same sample."})
final class BenchFeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder searched recursively for *.wav (default: the RAVDESS folder: $EMPATHIC_ART_DATA or ../shared/data).")
  Path data;

  @Option(names = "--clips", paramLabel = "N", defaultValue = "200",
      description = "Clips in the sample: clip i * count / N of the files in sorted path order, 0 for all (default: ${DEFAULT-VALUE}).")
  int clips;

  @Option(names = "--threads", paramLabel = "N", description = "Threads of the parallel passes (default: all cores).")
  Integer threads;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
      description = "Timed passes per thread count; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--augment", paramLabel = "SPEC", arity = "0..1", fallbackValue = Recipe.FUNCTIONALS_AUGMENT,
      description = "Instead of the timed passes, profile the altered copies of the training recipe (default spec when "
          + "the value is left out: " + Recipe.FUNCTIONALS_AUGMENT + ", seed 42): per copy of each sampled clip, CPU per "
          + "stage of read, decode, resample, speed, each kind of channel, the babble voices' decoding, the voice matrix "
          + "and the functionals (babble voices: other speakers' clips of the sample, picked as the pipeline does).")
  String augment;

  @Option(names = "--write", paramLabel = "FILE.npy",
      description = "Also write the sample's functionals (clips x values, float32) for the peer's --check.")
  Path write;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int RATE = 16000;
  /** Clips the warm-up extracts at least (whole passes over the sample). */
  private static final int WARM_UP_CLIPS = 400;

  private final FeatureSpec featureSpec = FeatureSpec.functionals(RATE);
  private final MfccConfig config = featureSpec.mfcc();
  private final MfccExtractor extractor = new MfccExtractor(config);
  private final ConcurrentSkipListSet<String> failures = new ConcurrentSkipListSet<>();
  /** Sums one value of every result so the JIT cannot drop the work. */
  private final DoubleAdder checksum = new DoubleAdder();

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
    }
    if (clips < 0) {
      throw new IllegalArgumentException("--clips must be 0 (all) or more, got " + clips);
    }
    int parallel = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (parallel < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + parallel);
    }
    Path dir = DataLocator.ravdess(data).orElseThrow(() -> new IllegalArgumentException(
        "no data folder found: give --data DIR or set " + DataLocator.ENV));
    List<Path> files = sample(BenchMfccCommand.wavFiles(dir, 0), clips);
    PrintWriter out = spec.commandLine().getOut();
    if (augment != null) {
      AugmentedProfile profile = new AugmentedProfile(AugmentSpec.parse(augment, 42), featureSpec);
      // Two warm-up passes over the sample so the JIT has compiled the loops before the timed pass.
      for (int pass = 0; pass < 2; pass++) {
        profile.run(files, null);
      }
      profile.run(files, out);
      return 0;
    }
    if (write != null) {
      List<float[]> rows = new ArrayList<>();
      for (Path f : files) {
        Extracted x = functionals(f);
        if (x == null) {
          throw new IllegalArgumentException("--write needs every clip of the sample readable: " + failures.first());
        }
        rows.add(x.row());
      }
      Npy.write(write, rows, new int[] {Functionals.size(config)});
      out.printf("wrote the functionals of %d clips to %s%n", rows.size(), write);
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      Pass warm = onOneThread(files);
      if (warm.clips() == 0) {
        throw new IllegalArgumentException(dir + ": none of the " + files.size() + " WAV files could be read");
      }
      // A small sample is warmed up over several passes: the JIT compiles the YIN and FFT loops
      // only after thousands of frames, later still when other processes take the cores.
      for (int done = warm.clips(); done < WARM_UP_CLIPS; done += warm.clips()) {
        onOneThread(files);
      }
      out.printf("bench features: %d clips, %.1f s of audio under %s (functionals: %s; decoding and resampling"
              + " to %d Hz included, nothing cached)%n", warm.clips(), warm.audioSeconds(), dir,
          featureSpec.describe(), RATE);
      if (!failures.isEmpty()) {
        out.printf("skipped %d unreadable: %s%n", failures.size(), String.join("; ", failures));
      }
      out.flush();
      List<Pass> single = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        single.add(onOneThread(files));
      }
      report(out, "1 thread", single, 1);
      List<Pass> multi = new ArrayList<>();
      for (int r = 0; r < repeat; r++) {
        multi.add(onPool(files, pool, parallel));
      }
      report(out, parallel + " threads", multi, parallel);
      profile(out, files);
    } finally {
      pool.shutdownNow();
    }
    return 0;
  }

  /** Clip {@code i * size / n} for i below n: the same sample the numpy peer takes. */
  static List<Path> sample(List<Path> files, int n) {
    if (n == 0 || n >= files.size()) {
      return files;
    }
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(files.get((int) ((long) i * files.size() / n)));
    }
    return out;
  }

  /** One clip's functionals and its duration at 16 kHz. */
  record Extracted(float[] row, double seconds) {}

  /** The functionals of one file as the feature pipeline computes them, or null if unreadable. */
  private Extracted functionals(Path file) {
    try {
      Audio audio = Resampler.resample(WavReader.decode(Files.readAllBytes(file), file.toString()), RATE);
      float[][] frames = BaseFeature.VOICE.compute(extractor, audio.samples());
      return new Extracted(Functionals.of(frames, config), audio.durationSeconds());
    } catch (AudioFormatException e) {
      failures.add(e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      failures.add(file + ": " + e.getMessage());
    }
    return null;
  }

  /** Extracts one file; its duration in seconds, or -1 if it could not be used. */
  private double extract(Path file) {
    Extracted x = functionals(file);
    if (x == null) {
      return -1;
    }
    checksum.add(x.row()[0]);
    return x.seconds();
  }

  private Pass onOneThread(List<Path> files) {
    return ClipPasses.onOneThread(files, this::extract);
  }

  private Pass onPool(List<Path> files, ExecutorService pool, int parallel) throws Exception {
    return ClipPasses.onPool(files, pool, parallel, this::extract);
  }

  private void report(PrintWriter out, String label, List<Pass> passes, int parallel) {
    long[] nanos = passes.stream().mapToLong(Pass::nanos).sorted().toArray();
    long[] cpu = passes.stream().mapToLong(Pass::cpuNanos).sorted().toArray();
    double wall = nanos[nanos.length / 2] / 1e9;
    double cpuSeconds = cpu[cpu.length / 2] / 1e9;
    Pass p = passes.get(0);
    out.printf("%-10s median %.3f s of %d passes (min %.3f, max %.3f): %.1f clips/s, %.0fx real time"
            + " (%.0fx per thread) [CPU %.3f s: %.0fx real time per CPU second]%n",
        label + ":", wall, nanos.length, nanos[0] / 1e9, nanos[nanos.length - 1] / 1e9, p.clips() / wall,
        p.audioSeconds() / wall, p.audioSeconds() / wall / parallel, cpuSeconds, p.audioSeconds() / cpuSeconds);
    out.flush();
  }

  /**
   * One pass on this thread that calls each stage on its own and times it (thread CPU time, so
   * other processes on the machine do not count): decode, resample, then the stages of
   * {@link VoiceFrames#compute} (its log-mel, its MFCC from those rows, YIN, RMS; the rest of it, the prosodic
   * rows and the slope, is its whole time less those) and {@link Functionals#of}.
   */
  private void profile(PrintWriter out, List<Path> files) throws IOException {
    Map<String, Long> t = new LinkedHashMap<>();
    for (String s : List.of("read + decode", "resample", "log-mel (STFT, mel, dB)", "MFCC (DCT of the log-mel rows)",
        "YIN", "RMS", "prosodic rows + slope", "functionals")) {
      t.put(s, 0L);
    }
    VoiceFrames voice = new VoiceFrames(config);
    Yin yin = voice.yin();
    double audioSeconds = 0;
    for (Path f : files) {
      long a = cpu();
      Audio decoded;
      try {
        decoded = WavReader.decode(Files.readAllBytes(f), f.toString());
      } catch (AudioFormatException e) {
        continue;
      }
      long b = cpu();
      Audio audio = Resampler.resample(decoded, RATE);
      long c = cpu();
      float[][] mel = extractor.melDb(audio.samples());
      long d = cpu();
      float[][] mfcc = extractor.mfccFromMelDb(mel);
      long e = cpu();
      Yin.Track track = yin.track(audio.samples());
      long g = cpu();
      double[] rms = Yin.rms(audio.samples(), config.nFft(), config.hopLength());
      long h = cpu();
      float[][] frames = voice.compute(audio.samples());
      long i = cpu();
      float[] row = Functionals.of(frames, config);
      long j = cpu();
      checksum.add(mel[0][0] + mfcc[0][0] + track.f0()[0] + rms[0] + row[0]);
      audioSeconds += audio.durationSeconds();
      t.merge("read + decode", b - a, Long::sum);
      t.merge("resample", c - b, Long::sum);
      t.merge("log-mel (STFT, mel, dB)", d - c, Long::sum);
      t.merge("MFCC (DCT of the log-mel rows)", e - d, Long::sum);
      t.merge("YIN", g - e, Long::sum);
      t.merge("RMS", h - g, Long::sum);
      t.merge("prosodic rows + slope", Math.max(0, (i - h) - (h - c)), Long::sum);
      t.merge("functionals", j - i, Long::sum);
    }
    long total = t.values().stream().mapToLong(Long::longValue).sum();
    out.printf("profile (one thread, CPU time per stage, each stage called on its own; %.1f s of audio):%n", audioSeconds);
    for (Map.Entry<String, Long> s : t.entrySet()) {
      out.printf("  %-44s %7.3f s %5.1f%%  %8.0fx real time%n", s.getKey(), s.getValue() / 1e9,
          100.0 * s.getValue() / total, audioSeconds / Math.max(1e-9, s.getValue() / 1e9));
    }
    out.printf("  %-44s %7.3f s          %8.0fx real time%n", "whole", total / 1e9, audioSeconds / (total / 1e9));
    out.flush();
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
