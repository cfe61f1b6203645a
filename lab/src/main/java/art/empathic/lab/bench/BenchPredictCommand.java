package art.empathic.lab.bench;

import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.corpus.DataLocator;
import art.empathic.train.SavedModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import art.empathic.recognize.DefaultModel;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.ModelRecognizer;

/** {@code bench predict}: the latency of hearing one clip, features and model, on one thread. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {
      "Times one clip's prediction through the public API (EmotionRecognizer.predict: resampling,",
      "features, normalisation and every ensemble member) on one thread, after a warm-up, and",
      "prints the median, 90th and 99th percentile in milliseconds, with features and model apart."})
final class BenchPredictCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "RUNDIR", description = "Run directory (default: the default model).")
  Path model;

  @Option(names = "--clip", paramLabel = "WAV", description = "The clip (default: the first RAVDESS clip of 3.9-4.1 s).")
  Path clip;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "300", description = "Timed predictions (default ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "100", description = "Untimed predictions first (default ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1 || warmup < 0) {
      throw new IllegalArgumentException("--repeat must be >= 1 and --warmup >= 0");
    }
    Path wav = clip != null ? clip : fourSecondClip();
    Audio audio = WavReader.read(wav);
    Path dir = model != null ? model : DefaultModel.find();
    PrintWriter out = spec.commandLine().getOut();
    try (SavedModel m = SavedModel.load(dir, 1); EmotionRecognizer r = ModelRecognizer.open(dir, 1)) {
      for (int i = 0; i < warmup; i++) {
        r.predict(audio.samples(), audio.sampleRate());
        m.features(audio);
      }
      double[] total = new double[repeat];
      double[] features = new double[repeat];
      double[] network = new double[repeat];
      String[] none = {null};
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        r.predict(audio.samples(), audio.sampleRate());
        long t1 = System.nanoTime();
        float[] x = m.features(audio);
        long t2 = System.nanoTime();
        m.predictFeatures(new float[][] {x}, none);
        long t3 = System.nanoTime();
        total[i] = (t1 - t0) / 1e6;
        features[i] = (t2 - t1) / 1e6;
        network[i] = (t3 - t2) / 1e6;
      }
      out.printf(Locale.ROOT, "model: %s (%s, ensemble of %d)%n", dir, m.spec().displayName(), m.spec().ensemble());
      out.printf(Locale.ROOT, "clip: %s (%.2f s at %d Hz)%n", wav, audio.durationSeconds(), audio.sampleRate());
      out.printf(Locale.ROOT, "%-22s %8s %8s %8s%n", "one clip, one thread", "p50 ms", "p90 ms", "p99 ms");
      row(out, "predict (all)", total);
      row(out, "  features", features);
      row(out, "  networks", network);
    }
    return 0;
  }

  private static void row(PrintWriter out, String name, double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    out.printf(Locale.ROOT, "%-22s %8.2f %8.2f %8.2f%n", name, pct(s, 50), pct(s, 90), pct(s, 99));
  }

  static double pct(double[] sorted, double q) {
    int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static Path fourSecondClip() throws Exception {
    Path ravdess = DataLocator.ravdess(null).orElseThrow(() ->
        new IllegalArgumentException("no clip: pass --clip WAV (or make RAVDESS findable)"));
    try (Stream<Path> files = Files.walk(ravdess)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".wav")).sorted()::iterator) {
        double s = WavReader.info(p).durationSeconds();
        if (s >= 3.9 && s <= 4.1) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(ravdess + ": no clip of about 4 s; pass --clip WAV");
  }
}
