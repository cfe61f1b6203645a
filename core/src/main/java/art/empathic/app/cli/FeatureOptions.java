package art.empathic.app.cli;

import art.empathic.features.FeatureCache;
import art.empathic.features.FeatureKind;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.FeatureSpec;
import art.empathic.features.TimeStatistic;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The feature options every feature-computing command shares ({@code train}, {@code features
 * export}), a picocli mixin: the kind and its shape ({@code --kind}, {@code --statistics},
 * {@code --frames}, {@code --deltas}) and how features are computed ({@code --cache},
 * {@code --no-cache}, {@code --threads}, {@code --no-progress}). Unset values are null so each
 * command applies its own defaults (a recipe's for {@code train}). {@code --feature}, the name
 * {@code train} used before, is kept as a hidden alias of {@code --kind}.
 */
final class FeatureOptions {
  @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
      description = "mfcc-mean (time-mean MFCC), mfcc-stats (MFCC statistics over time, see --statistics), "
          + "mfcc-seq (MFCC frames), mel-db (log-mel frames), mel-cmn (log-mel frames less each band's clip mean), functionals (442 utterance functionals: log-mel, "
          + "MFCC, YIN pitch, energy, spectral slope) or functionals-robust (the same over frames above the noise floor, "
          + "log-mel bands of 300-3400 Hz only, no active share; the functionals_mlp input).")
  FeatureKind kind;

  /** The old {@code train --feature KIND}: same as {@code --kind}, hidden from the help. */
  @Option(names = "--feature", paramLabel = "KIND", converter = KindConverter.class, hidden = true)
  void feature(FeatureKind k) {
    if (k != null) {
      kind = k;
    }
  }

  @Option(names = "--statistics", paramLabel = "LIST", description = "mfcc-stats: the statistics, e.g. "
      + "mean,std,p10,p90,dstd,seg3 (also min, max, median, dmean, d2std; default mean,std,p10,p90,dstd).")
  String statistics;

  @Option(names = "--frames", paramLabel = "N", description = "Frames per sequence (mfcc-seq, mel-db, mel-cmn); longer clips "
      + "are cut, shorter ones zero-padded (default: train keeps the recipe's, else " + FeatureSpec.DEFAULT_FRAMES + ").")
  Integer frames;

  @Option(names = "--deltas", paramLabel = "ORDER",
      description = "Stack deltas under the base features: 0 (none), 1 (delta), 2 (delta and delta-delta); "
          + "default: train keeps the recipe's, else 0.")
  Integer deltas;

  @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: $EMPATHIC_ART_CACHE, "
      + "else $XDG_CACHE_HOME/empathic-art/features, else ~/.cache/empathic-art/features).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the feature cache.")
  boolean noCache;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: every core).")
  Integer threads;

  @Option(names = "--no-progress", description = "Show no progress while reading the corpus, making features and "
      + "training: no bar on a terminal, no line every 30 s on a redirected standard error. The summary lines and "
      + "train's line per epoch stay.")
  boolean noProgress;

  /** {@code --statistics} parsed, or null when not given. */
  List<TimeStatistic> statisticsList() {
    return statistics == null ? null : TimeStatistic.parseList(statistics);
  }

  /** The cache the options name: none, the given folder or the default location. */
  FeatureCache cache() {
    if (noCache) {
      return FeatureCache.disabled();
    }
    return cacheDir != null ? FeatureCache.at(cacheDir) : FeatureCache.atDefaultLocation();
  }

  /** Worker threads: {@code --threads} or every core. */
  int threadCount() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  boolean progress() {
    return !noProgress;
  }

  FeaturePipeline pipeline(FeatureSpec spec) {
    return new FeaturePipeline(spec, cache(), threadCount(), progress());
  }

  /** Feature kinds by their CLI names ({@link FeatureKind#parse}). */
  static final class KindConverter implements ITypeConverter<FeatureKind> {
    @Override
    public FeatureKind convert(String value) {
      return FeatureKind.parse(value);
    }
  }
}
