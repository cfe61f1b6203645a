package art.empathic.train;

import art.empathic.features.AugmentSpec;
import art.empathic.corpus.CorpusKind;
import art.empathic.features.FeatureSpec;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import art.empathic.train.ModelSpec;
import art.empathic.train.Recipe;
import art.empathic.train.Standardizer;
import art.empathic.train.TrainSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/** Builds the {@link ModelSpec} of a run, the same way for {@code train} and {@code demo}. */
public final class ModelSpecs {
  private ModelSpecs() {}

  /** Where the data is and how it is read and split. */
  public record Data(List<Path> dirs, CorpusKind kind, NeutralPolicy neutral, SplitSpec split) {}

  public static ModelSpec of(ModelFamily family, FeatureSpec feature, Architecture architecture, TrainSettings training,
      Standardizer.Mode norm, AugmentSpec augment, int ensemble, Data data) {
    long seed = data.split().seed();
    TrainSettings t = training.withSeed(seed);
    return new ModelSpec(ModelSpec.FORMAT_VERSION, family.cliName(), displayName(family, architecture, t), feature,
        feature.describe(), List.of(), ModelSpec.summarize(architecture, t, ensemble, norm, augment), seed,
        architecture, t, norm, null, ensemble,
        data.dirs().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(),
        data.kind(), data.neutral(),
        data.split(), augment);
  }

  /**
   * A family's default recipe with the study's knobs: epochs, MLP alpha and ensemble size
   * (each null: the recipe's). The epoch count picks the recipe ({@link Recipe#forEpochs}): the
   * paper CNN-LSTM's 500-epoch row trains with its long-schedule recipe.
   */
  public static ModelSpec defaults(ModelFamily family, Integer epochs, Double alpha, Integer ensemble, Data data) {
    Recipe r = Recipe.forEpochs(family, epochs);
    Architecture a = r.architecture();
    if (alpha != null && a instanceof Architecture.Mlp m) {
      a = new Architecture.Mlp(m.hidden(), alpha);
    }
    TrainSettings t = r.training();
    return of(family, r.feature(), a, t, r.normalization(), r.augment(data.split().seed()),
        ensemble != null ? ensemble : r.ensemble(), data);
  }

  /**
   * A family's recipe with {@code overrides} applied, as {@code train} builds it: the epoch count
   * picks the recipe ({@link Recipe#forEpochs}), the overrides change it, the split's seed seeds it.
   */
  public static ModelSpec withOverrides(ModelFamily family, Integer epochs, RecipeOverrides overrides, Data data) {
    long seed = data.split().seed();
    Recipe recipe = overrides.applyTo(Recipe.forEpochs(family, epochs), seed);
    if (recipe.training().patience() > 0 && data.split().validation() == SplitSpec.Validation.NONE) {
      throw new IllegalArgumentException("--patience needs a validation part: add --validation random or speaker");
    }
    return of(family, recipe.feature(), recipe.architecture(), recipe.training(), recipe.normalization(),
        recipe.augment(seed), recipe.ensemble(), data);
  }

  /** Names the configuration, never the seed or fold: reports group runs by it. */
  static String displayName(ModelFamily family, Architecture a, TrainSettings t) {
    if (a instanceof Architecture.Mlp m) {
      return family.displayName() + " (alpha " + new BigDecimal(Double.toString(m.alpha())).stripTrailingZeros()
          .toPlainString() + ")";
    }
    return family.displayName() + " (" + t.epochs() + " epochs)";
  }
}
