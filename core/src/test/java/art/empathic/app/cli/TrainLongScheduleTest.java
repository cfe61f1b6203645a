package art.empathic.app.cli;

import static art.empathic.app.cli.FeatureOptionsTest.train;
import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.model.ModelFamily;
import art.empathic.train.FeatureAugmentation;
import art.empathic.train.ModelSpec;
import art.empathic.train.Recipe;
import org.junit.jupiter.api.Test;

/** {@code train --epochs} picks the recipe as {@code demo} does; options still override its parts. */
class TrainLongScheduleTest {

  @Test
  void paperModelAt500EpochsTrainsTheLongScheduleRecipe() {
    ModelSpec s = train("--model", "cnn_lstm_paper", "--data", "/nowhere", "--epochs", "500", "--seed", "7");
    assertThat(s.training()).isEqualTo(Recipe.paperLongSchedule(500).training().withSeed(7));
    assertThat(s.ensemble()).isEqualTo(1);
    ModelSpec twenty = train("--model", "cnn_lstm_paper", "--data", "/nowhere");
    assertThat(twenty.training()).isEqualTo(Recipe.defaults(ModelFamily.CNN_LSTM_PAPER).training());
    assertThat(twenty.ensemble()).isEqualTo(3);
  }

  @Test
  void optionsOverrideTheLongScheduleRecipe() {
    // The 20-epoch recipe stretched to 500 epochs, as the row was trained before the long-schedule recipe.
    ModelSpec stretched = train("--model", "cnn_lstm_paper", "--data", "/nowhere", "--epochs", "500",
        "--weight-decay", "0", "--time-masks", "0");
    assertThat(stretched.training()).isEqualTo(Recipe.defaults(ModelFamily.CNN_LSTM_PAPER).training().withEpochs(500));
    assertThat(stretched.training().augmentation()).isEqualTo(FeatureAugmentation.NONE);
    ModelSpec three = train("--model", "cnn_lstm_paper", "--data", "/nowhere", "--epochs", "500", "--ensemble", "3");
    assertThat(three.ensemble()).isEqualTo(3);
  }
}
