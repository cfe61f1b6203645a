package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.model.ModelFamily;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The epoch count picks the recipe: the paper CNN-LSTM over a long schedule (the study's 500-epoch
 * row) trains with its regularised long-schedule recipe, everything else with its default recipe.
 */
class LongScheduleRecipeTest {

  @Test
  void shortSchedulesKeepEveryFamilysDefaultRecipe() {
    for (ModelFamily f : ModelFamily.values()) {
      Recipe base = Recipe.defaults(f);
      assertThat(Recipe.forEpochs(f, null)).as(f.cliName()).isEqualTo(base);
      Recipe twenty = Recipe.forEpochs(f, 20);
      assertThat(twenty.feature()).isEqualTo(base.feature());
      assertThat(twenty.architecture()).isEqualTo(base.architecture());
      assertThat(twenty.ensemble()).isEqualTo(base.ensemble());
      assertThat(twenty.training()).isEqualTo(base.training().toBuilder().epochs(20).sklearnStopping(false).build());
    }
    Recipe paper = Recipe.forEpochs(ModelFamily.CNN_LSTM_PAPER, Recipe.LONG_SCHEDULE_EPOCHS - 1);
    assertThat(paper.training().weightDecay()).isZero();
    assertThat(paper.training().augmentation().isNone()).isTrue();
    assertThat(paper.ensemble()).isEqualTo(3);
  }

  @Test
  void thePaperFamilyAt500EpochsIsOneRegularisedNetworkOnTheSameInputAndNetwork() {
    Recipe base = Recipe.defaults(ModelFamily.CNN_LSTM_PAPER);
    Recipe longRun = Recipe.forEpochs(ModelFamily.CNN_LSTM_PAPER, 500);
    assertThat(longRun).isEqualTo(Recipe.paperLongSchedule(500));
    assertThat(longRun.feature()).isEqualTo(base.feature());
    assertThat(longRun.architecture()).isEqualTo(base.architecture());
    assertThat(longRun.normalization()).isEqualTo(base.normalization());
    assertThat(longRun.ensemble()).isEqualTo(1);
    TrainSettings t = longRun.training();
    assertThat(t.epochs()).isEqualTo(500);
    assertThat(t.weightDecay()).isEqualTo(Recipe.PAPER_LONG_WEIGHT_DECAY).isPositive();
    assertThat(t.augmentation()).isEqualTo(Recipe.PAPER_LONG_AUGMENTATION);
    assertThat(t.augmentation().isNone()).isFalse();
    // What the long schedule keeps of the 20-epoch recipe.
    TrainSettings b = base.training();
    assertThat(t.batchSize()).isEqualTo(b.batchSize());
    assertThat(t.learningRate()).isEqualTo(b.learningRate());
    assertThat(t.schedule()).isEqualTo(b.schedule());
    assertThat(t.labelSmoothing()).isEqualTo(b.labelSmoothing());
    assertThat(t.window()).isEqualTo(b.window());
    assertThat(t.testWindows()).isEqualTo(b.testWindows());
    // Other families at 500 epochs: their recipe, longer.
    assertThat(Recipe.forEpochs(ModelFamily.CNN_LSTM, 500).training().weightDecay()).isZero();
    assertThat(Recipe.forEpochs(ModelFamily.CNN_LSTM, 500).ensemble()).isEqualTo(3);
  }

  @Test
  void demoAndTrainBuildThe500EpochRowFromTheLongScheduleRecipe() {
    ModelSpecs.Data data = new ModelSpecs.Data(List.of(Path.of("data")), null, NeutralPolicy.DROP,
        SplitSpec.random(0.2, 42));
    ModelSpec row = ModelSpecs.defaults(ModelFamily.CNN_LSTM_PAPER, 500, null, 1, data);
    assertThat(row.training()).isEqualTo(Recipe.paperLongSchedule(500).training().withSeed(42));
    assertThat(row.ensemble()).isEqualTo(1);
    assertThat(row.displayName()).isEqualTo("Paper CNN-LSTM (500 epochs)");
    assertThat(row.hyperparameters().get("weight_decay").asDouble()).isEqualTo(Recipe.PAPER_LONG_WEIGHT_DECAY);
    ModelSpec twenty = ModelSpecs.defaults(ModelFamily.CNN_LSTM_PAPER, 20, null, null, data);
    assertThat(twenty.training()).isEqualTo(Recipe.defaults(ModelFamily.CNN_LSTM_PAPER).training().withSeed(42));
    assertThat(twenty.ensemble()).isEqualTo(3);
  }
}
