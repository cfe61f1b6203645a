package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.features.FeatureKind;
import art.empathic.features.FeatureSpec;
import art.empathic.features.TimeStatistic;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recipe overrides applied directly, without the CLI. */
class RecipeOverridesTest {

  @Test
  void nothingOverriddenKeepsEveryFamilysRecipeExceptTheSeed() {
    for (ModelFamily f : ModelFamily.values()) {
      Recipe base = Recipe.defaults(f);
      Recipe applied = RecipeOverrides.NONE.applyTo(base, 7);
      assertThat(applied.feature()).as(f.cliName()).isEqualTo(base.feature());
      assertThat(applied.architecture()).as(f.cliName()).isEqualTo(base.architecture());
      assertThat(applied.training()).as(f.cliName()).isEqualTo(base.training().toBuilder().seed(7).build());
      assertThat(applied.normalization()).isEqualTo(base.normalization());
      assertThat(applied.augmentText()).isEqualTo(base.augmentText());
      assertThat(applied.ensemble()).isEqualTo(base.ensemble());
    }
  }

  @Test
  void mlpOverridesReplaceOnlyWhatTheyName() {
    Recipe base = Recipe.defaults(ModelFamily.MLP);
    Recipe r = RecipeOverrides.builder().hidden(List.of(64, 32)).epochs(12).learningRate(0.01)
        .normalize(Standardizer.Mode.SPEAKER).ensemble(3).augment("copies=1,noise=20:30").build().applyTo(base, 42);
    Architecture.Mlp m = (Architecture.Mlp) r.architecture();
    assertThat(m.hidden()).containsExactly(64, 32);
    assertThat(m.alpha()).isEqualTo(((Architecture.Mlp) base.architecture()).alpha());
    assertThat(r.training().epochs()).isEqualTo(12);
    assertThat(r.training().learningRate()).isEqualTo(0.01);
    // A fixed epoch count turns scikit-learn's stopping rule off.
    assertThat(base.training().sklearnStopping()).isTrue();
    assertThat(r.training().sklearnStopping()).isFalse();
    assertThat(r.training().batchSize()).isEqualTo(base.training().batchSize());
    assertThat(r.normalization()).isEqualTo(Standardizer.Mode.SPEAKER);
    assertThat(r.ensemble()).isEqualTo(3);
    assertThat(r.augmentText()).isEqualTo("copies=1,noise=20:30");
    assertThat(r.augment(42)).isNotNull();
    assertThat(RecipeOverrides.builder().augment("none").build().applyTo(r, 42).augmentText()).isNull();
  }

  @Test
  void featureOverridesFollowTheKind() {
    Recipe mlp = Recipe.defaults(ModelFamily.MLP);
    FeatureSpec stats = RecipeOverrides.builder().nMfcc(20)
        .statistics(TimeStatistic.parseList("mean,std")).build().applyTo(mlp, 1).feature();
    assertThat(stats.kind()).isEqualTo(FeatureKind.MFCC_STATS);
    assertThat(stats.mfcc().nMfcc()).isEqualTo(20);
    assertThat(stats.mfcc().nFft()).isEqualTo(mlp.feature().mfcc().nFft());
    assertThat(stats.statistics()).containsExactly(TimeStatistic.MEAN, TimeStatistic.STD);

    // Switching a pooled recipe to a sequence kind gets the default frames and no deltas.
    FeatureSpec seq = RecipeOverrides.builder().kind(FeatureKind.MFCC_SEQ).build().applyTo(mlp, 1).feature();
    assertThat(seq.frames()).isEqualTo(FeatureSpec.DEFAULT_FRAMES);
    assertThat(seq.deltaOrder()).isZero();
    // A sequence recipe keeps its own frames unless told otherwise.
    Recipe paper = Recipe.defaults(ModelFamily.CNN_LSTM_PAPER);
    assertThat(RecipeOverrides.NONE.applyTo(paper, 1).feature().frames()).isEqualTo(Recipe.SEQUENCE_FRAMES);
    assertThat(RecipeOverrides.builder().frames(50).deltas(2).build().applyTo(paper, 1).feature())
        .satisfies(f -> {
          assertThat(f.frames()).isEqualTo(50);
          assertThat(f.deltaOrder()).isEqualTo(2);
        });
  }

  @Test
  void overridesThatDoNotFitTheRecipeAreClearErrors() {
    Recipe paper = Recipe.defaults(ModelFamily.CNN_LSTM_PAPER);
    assertThatThrownBy(() -> RecipeOverrides.builder().statistics(TimeStatistic.DEFAULT).build().applyTo(paper, 1))
        .hasMessageContaining("--statistics applies to --kind mfcc-stats");
    assertThatThrownBy(() -> RecipeOverrides.builder().frames(10).build().applyTo(Recipe.defaults(ModelFamily.MLP), 1))
        .hasMessageContaining("--frames applies to sequence kinds");
    assertThatThrownBy(() -> RecipeOverrides.builder().alpha(0.5).build().applyTo(paper, 1))
        .hasMessageContaining("--alpha and --hidden apply to the MLP families");
  }

  @Test
  void cnnOverridesKeepPoolsConsistentWithTheFilters() {
    Recipe paper = Recipe.defaults(ModelFamily.CNN_LSTM_PAPER);
    Architecture.PaperCnnLstm p = (Architecture.PaperCnnLstm) RecipeOverrides.builder().filters(List.of(32, 32))
        .dropout(0.3).lstmUnits(64).build().applyTo(paper, 1).architecture();
    assertThat(p.filters()).containsExactly(32, 32);
    assertThat(p.pools()).containsExactly(2, 2);
    assertThat(p.dropout()).isEqualTo(0.3);
    assertThat(p.lstmUnits()).isEqualTo(64);
    Architecture.BaselineCnn b = (Architecture.BaselineCnn) RecipeOverrides.builder().dropout(0.25).units(32).build()
        .applyTo(Recipe.defaults(ModelFamily.BASELINE_CNN), 1).architecture();
    assertThat(b.dropouts()).containsExactly(0.25, 0.25, 0.25);
    assertThat(b.units()).isEqualTo(32);
    // Time masks get a width of 16 frames when the recipe had none.
    TrainSettings t = RecipeOverrides.builder().timeMasks(2).mixup(0.2).build().applyTo(paper, 1).training();
    assertThat(t.augmentation().timeMasks()).isEqualTo(2);
    assertThat(t.augmentation().timeMaskWidth()).isEqualTo(16);
    assertThat(t.augmentation().mixupAlpha()).isEqualTo(0.2);
  }
}
