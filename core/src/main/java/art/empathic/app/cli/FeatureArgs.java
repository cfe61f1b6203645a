package art.empathic.app.cli;

import art.empathic.features.FeatureKind;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.FeatureSpec;
import art.empathic.features.FrameAlign;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.model.ModelFamily;
import art.empathic.train.Recipe;
import art.empathic.train.RecipeOverrides;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code features export}'s feature options: the shared {@link FeatureOptions} (kind, shape, cache,
 * threads) plus what only a from-scratch spec needs: every MFCC parameter, alignment, sample rate,
 * or a family's whole input with {@code --recipe}.
 */
final class FeatureArgs {
  @Mixin FeatureOptions common;

  @Option(names = "--recipe", paramLabel = "MODEL", description = "Exactly the input of a model family's default "
      + "recipe (functionals_mlp, mlp, baseline_cnn, cnn_lstm, cnn_lstm_paper), instead of --kind and the MFCC options.")
  String recipe;

  @Option(names = "--align", paramLabel = "WHERE", defaultValue = "center",
      description = "Where sequences are cut or padded: center (default) or start.")
  FrameAlign align;

  @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "16000",
      description = "Rate audio is resampled to before analysis (default 16000).")
  int sampleRate;

  @Mixin MfccOptions mfcc;

  /** The spec the options describe; IllegalArgumentException on inconsistent values. */
  FeatureSpec spec() {
    if (recipe != null) {
      if (common.kind != null || common.statistics != null || common.frames != null) {
        throw new IllegalArgumentException("--recipe gives the whole feature spec; drop --kind, --statistics and --frames");
      }
      return Recipe.defaults(ModelFamily.fromCliName(recipe)).feature();
    }
    if (common.kind == null) {
      throw new IllegalArgumentException("choose the features with --kind KIND or --recipe MODEL");
    }
    MfccConfig c = mfcc.config(sampleRate, true);
    FeatureSpec s = FeatureSpec.of(common.kind, c).withAlign(align).withDeltas(common.deltas != null ? common.deltas : 0);
    if (common.statistics != null) {
      if (common.kind != FeatureKind.MFCC_STATS) {
        throw new IllegalArgumentException(RecipeOverrides.statisticsMisplaced(common.kind));
      }
      s = s.withStatistics(common.statisticsList());
    }
    if (common.frames != null) {
      if (!common.kind.isSequence()) {
        throw new IllegalArgumentException(RecipeOverrides.framesMisplaced(common.kind));
      }
      s = s.withFrames(common.frames);
    }
    return s;
  }

  FeaturePipeline pipeline(FeatureSpec spec) {
    return common.pipeline(spec);
  }
}
