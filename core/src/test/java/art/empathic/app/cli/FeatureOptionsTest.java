package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.features.FeatureKind;
import art.empathic.train.ModelSpec;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** One flag name for the feature kind in every command; train's old --feature still works, hidden. */
class FeatureOptionsTest {

  /** The spec {@code train} would run with these arguments (parsed only; also TrainLongScheduleTest's). */
  static ModelSpec train(String... args) {
    TrainCommand cmd = new TrainCommand();
    new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return cmd.spec();
  }

  @Test
  void trainTakesKindAndTheOldFeatureAlias() {
    assertThat(train("--model", "mlp", "--data", "/nowhere", "--kind", "mfcc-seq", "--frames", "40").feature())
        .satisfies(f -> {
          assertThat(f.kind()).isEqualTo(FeatureKind.MFCC_SEQ);
          assertThat(f.frames()).isEqualTo(40);
        });
    assertThat(train("--model", "mlp", "--data", "/nowhere", "--feature", "mfcc-mean").feature().kind())
        .isEqualTo(FeatureKind.MFCC_MEAN);
    assertThat(train("--model", "mlp", "--data", "/nowhere").feature().kind()).isEqualTo(FeatureKind.MFCC_STATS);
  }

  @Test
  void helpShowsKindNotTheAlias() {
    for (Object command : new Object[] {new TrainCommand(), new FeaturesExportCommand()}) {
      String help = new CommandLine(command).getUsageMessage();
      assertThat(help).contains("--kind=KIND").contains("--no-cache").contains("--threads");
      assertThat(help).doesNotContain("--feature=");
    }
  }

  @Test
  void exportTakesTheAliasToo() {
    FeaturesExportCommand cmd = new FeaturesExportCommand();
    new CommandLine(cmd).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("/nowhere", "--feature", "mel-db", "--out", "/tmp/x");
    assertThat(cmd.features.spec().kind()).isEqualTo(FeatureKind.MEL_DB);
  }

  @Test
  void trainNamesItsTestSpeakersOnlyUnderTheSpeakerSplit() {
    ModelSpec spec = train("--data", "/nowhere", "--split", "speaker", "--test-speakers",
        "Actor_01,Actor_11,Actor_20,Actor_21", "--neutral", "keep");
    assertThat(spec.split().testSpeakers()).containsExactly("Actor_01", "Actor_11", "Actor_20", "Actor_21");
    assertThat(spec.split().namedSpeakers()).isTrue();
    assertThat(train("--data", "/nowhere", "--split", "speaker").split().namedSpeakers()).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> train("--data", "/nowhere", "--test-speakers", "Actor_01"))
        .hasMessage("--test-speakers needs --split speaker");
  }
}
