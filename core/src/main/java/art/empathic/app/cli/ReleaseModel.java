package art.empathic.app.cli;

import art.empathic.app.datasets.DataGuide;
import art.empathic.corpus.DataLocator;
import art.empathic.features.FeatureCache;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.train.DefaultFamily;
import art.empathic.recognize.DefaultModel;
import art.empathic.recognize.Recognizers;
import art.empathic.train.ModelSpec;
import art.empathic.train.ModelSpecs;
import art.empathic.train.StopSignal;
import art.empathic.train.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The release model: the {@linkplain DefaultFamily default family} trained on every clip of the
 * data ({@code train --split none}). {@code demo} ends by training it, and {@code predict},
 * {@code serve} and {@code art} train it first when there is no model yet but there is data.
 */
final class ReleaseModel {
  /**
   * How long training a release model on RAVDESS takes with the default family
   * ({@code functionals_mlp}; docs/research/ADAPTATION.md, "Timings"): one to three minutes with a
   * cold cache, more when a {@code demo} lane shares the machine; the feature extraction of the
   * augmented copies dominates the first time, later runs read them from the cache.
   */
  static final String EXPECTED_TIME = "about 1-2 minutes on a quiet 2-core machine, much longer on a busy one";

  /**
   * System property naming the feature cache the release model trained by {@link #ensure} uses
   * instead of the default one (tests point it at a temporary folder, so that they never write
   * into the user's cache). It lives here, not in {@code FeatureCache}: the feature packages'
   * class files key the cache, and a change there would make every cached entry miss.
   */
  static final String CACHE_PROPERTY = "empathic.art.cache";

  private ReleaseModel() {}

  /** The feature cache {@link #ensure} trains with: {@link #CACHE_PROPERTY} if set, else the default. */
  static FeatureCache cache() {
    String property = System.getProperty(CACHE_PROPERTY);
    return property != null && !property.isBlank() ? FeatureCache.at(Path.of(property))
        : FeatureCache.atDefaultLocation();
  }

  /** The spec of a release model on the given corpus folders. */
  static ModelSpec spec(List<Path> data, long seed) {
    return ModelSpecs.defaults(DefaultFamily.FAMILY, null, null, null,
        new ModelSpecs.Data(data, null, NeutralPolicy.DROP, SplitSpec.none(seed)));
  }

  /** A fresh run directory for a release model under {@code parent}. */
  static Path newRunDir(Path parent) {
    return parent.resolve(DefaultFamily.FAMILY.cliName() + "-release-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
  }

  /**
   * Trains a release model into {@code runDir}, telling {@code out} what it does and how long it
   * took. Returns the run directory, or empty if the user stopped it (Ctrl-C).
   */
  static Optional<Path> train(List<Path> data, Path runDir, TrainingRun.Environment env, PrintWriter out,
      StopSignal stop, art.empathic.corpus.Corpus loaded) throws IOException {
    ModelSpec spec = spec(data, SplitSpec.DEFAULT_SEED);
    long t0 = System.nanoTime();
    out.println("training the release model: " + spec.displayName() + " on every clip of "
        + String.join(", ", data.stream().map(Path::toString).toList()) + " (" + EXPECTED_TIME + ") -> " + runDir);
    out.flush();
    TrainingRun.Result r = TrainingRun.start(spec, runDir, env, out, stop, loaded);
    if (r.outcome() != TrainingRun.Outcome.FINISHED) {
      return Optional.empty();
    }
    out.printf(Locale.ROOT, "release model ready after %.1f min: %s%n", (System.nanoTime() - t0) / 60e9, runDir);
    out.flush();
    return Optional.of(runDir);
  }

  /**
   * The model a command without {@code --model} should use: the default model if there is one;
   * else, with data found, a release model trained now; else nothing, after printing to
   * {@code err} where to get data (the caller exits with {@link CliErrors#EXIT_BAD_INPUT}).
   * When a test or an embedding program has {@linkplain Recognizers#override overridden} how
   * recognizers are opened, the override decides.
   *
   * @return the run directory to open ({@link Recognizers#OVERRIDE_DECIDES} under an override), or
   *     empty when there is no model and none could be trained
   */
  static Optional<Path> ensure(PrintWriter out, PrintWriter err, boolean progress) throws IOException {
    if (Recognizers.overridden()) {
      return Optional.of(Recognizers.OVERRIDE_DECIDES);
    }
    Optional<Path> existing = DefaultModel.findIfAny();
    if (existing.isPresent()) {
      return existing;
    }
    Optional<Path> ravdess = DataLocator.ravdess(null).filter(Files::isDirectory);
    if (ravdess.isEmpty()) {
      err.println("empathic-art: no trained model, and no data to train one.");
      err.print(DataGuide.noDataFound(null));
      err.println("Then run this command again: it trains the release model first (" + EXPECTED_TIME
          + "), or train it yourself with ./empathic-art train --split none (or ./empathic-art demo).");
      err.flush();
      return Optional.empty();
    }
    out.println("no trained model yet (looked under " + DefaultModel.runsFolder() + "); training one first.");
    TrainingRun.Environment env = new TrainingRun.Environment(cache(),
        Runtime.getRuntime().availableProcessors(), progress);
    try (StopSignal stop = StopSignal.install()) {
      Optional<Path> dir = train(List.of(ravdess.get().toAbsolutePath().normalize()),
          newRunDir(DefaultModel.runsFolder()), env, out, stop, null);
      if (dir.isEmpty()) {
        err.println("empathic-art: training stopped; no model to use yet");
        err.flush();
      }
      return dir;
    }
  }
}
