package art.empathic.app.cli;

import art.empathic.features.FeatureCache;
import art.empathic.features.FeatureKind;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.FeatureSpec;
import art.empathic.features.FrameAlign;
import art.empathic.features.dsp.MfccConfig;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that describe features and how to compute them, for any command that extracts
 * features: kind, every MFCC parameter, frames, deltas, cache, threads, progress.
 */
final class FeatureArgs {
  @Option(names = "--kind", paramLabel = "KIND", converter = KindConverter.class,
      description = "mfcc-mean (time-mean MFCC), mfcc-stats (MFCC statistics over time, see --statistics), "
          + "mfcc-seq (MFCC frames), mel-db (log-mel frames) or functionals (442 utterance functionals: log-mel, "
          + "MFCC, YIN pitch, energy, spectral slope; the functionals_mlp input).")
  FeatureKind kind;

  @Option(names = "--recipe", paramLabel = "MODEL", description = "Exactly the input of a model family's default "
      + "recipe (functionals_mlp, mlp, baseline_cnn, cnn_lstm, cnn_lstm_paper), instead of --kind and the MFCC options.")
  String recipe;

  @Option(names = "--statistics", paramLabel = "LIST", description = "mfcc-stats: the statistics, e.g. "
      + "mean,std,p10,p90,dstd,seg3 (also min, max, median, dmean, d2std; default mean,std,p10,p90,dstd).")
  String statistics;

  @Option(names = "--frames", paramLabel = "N", description = "Frames per sequence (mfcc-seq, mel-db); longer clips "
      + "are cut, shorter ones zero-padded (default: " + FeatureSpec.DEFAULT_FRAMES + ").")
  Integer frames;

  @Option(names = "--align", paramLabel = "WHERE", defaultValue = "center",
      description = "Where sequences are cut or padded: center (default) or start.")
  FrameAlign align;

  @Option(names = "--deltas", paramLabel = "ORDER", defaultValue = "0",
      description = "Stack deltas under the base features: 0 (none, default), 1 (delta), 2 (delta and delta-delta).")
  int deltas;

  @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "16000",
      description = "Rate audio is resampled to before analysis (default 16000).")
  int sampleRate;

  @Mixin MfccOptions mfcc;

  @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: $EMPATHIC_ART_CACHE, "
      + "else $XDG_CACHE_HOME/empathic-art/features, else ~/.cache/empathic-art/features).")
  Path cacheDir;

  @Option(names = "--no-cache", description = "Neither read nor write the feature cache.")
  boolean noCache;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: every core).")
  Integer threads;

  @Option(names = "--no-progress", description = "No progress bar (it is also off when not on a terminal).")
  boolean noProgress;

  /** The spec the options describe; IllegalArgumentException on inconsistent values. */
  FeatureSpec spec() {
    if (recipe != null) {
      if (kind != null || statistics != null || frames != null) {
        throw new IllegalArgumentException("--recipe gives the whole feature spec; drop --kind, --statistics and --frames");
      }
      return art.empathic.train.Recipe.defaults(art.empathic.model.ModelFamily.fromCliName(recipe)).feature();
    }
    if (kind == null) {
      throw new IllegalArgumentException("choose the features with --kind KIND or --recipe MODEL");
    }
    MfccConfig c = mfcc.config(sampleRate, true);
    FeatureSpec s = FeatureSpec.of(kind, c).withAlign(align).withDeltas(deltas);
    if (statistics != null) {
      if (kind != FeatureKind.MFCC_STATS) {
        throw new IllegalArgumentException("--statistics applies to --kind mfcc-stats, not " + kind);
      }
      s = s.withStatistics(art.empathic.features.TimeStatistic.parseList(statistics));
    }
    if (frames != null) {
      if (!kind.isSequence()) {
        throw new IllegalArgumentException("--frames applies to sequence kinds (mfcc-seq, mel-db), not " + kind);
      }
      s = s.withFrames(frames);
    }
    return s;
  }

  FeatureCache cache() {
    if (noCache) {
      return FeatureCache.disabled();
    }
    return cacheDir != null ? FeatureCache.at(cacheDir) : FeatureCache.atDefaultLocation();
  }

  FeaturePipeline pipeline(FeatureSpec spec) {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    return new FeaturePipeline(spec, cache(), n, !noProgress);
  }

  static final class KindConverter implements ITypeConverter<FeatureKind> {
    @Override
    public FeatureKind convert(String value) {
      return FeatureKind.parse(value);
    }
  }
}
