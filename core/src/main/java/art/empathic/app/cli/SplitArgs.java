package art.empathic.app.cli;

import art.empathic.corpus.Protocol;
import art.empathic.corpus.SplitSpec;
import picocli.CommandLine.Option;

/** The options that describe a train / validation / test split, for any command that splits. */
final class SplitArgs {
  @Option(names = "--protocol", paramLabel = "P", defaultValue = "speaker",
      description = "speaker (default: speaker-independent k-fold) or random (stratified by emotion, the original "
          + "study's protocol; speakers then appear in train and test).")
  Protocol protocol;

  @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
      description = "Share of each class in test, random protocol (default 0.2).")
  double testFraction;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "6",
      description = "Speaker folds (default 6; RAVDESS: fold k holds actors 2k-1, 2k, 2k+11, 2k+12).")
  int folds;

  @Option(names = "--fold", paramLabel = "K", defaultValue = "1", description = "Test fold, 1-based (default 1).")
  int fold;

  @Option(names = "--validation", paramLabel = "V", defaultValue = "none",
      description = "Cut validation from the training side: none (default), random (stratified) or speaker.")
  SplitSpec.Validation validation;

  @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
      description = "Share of the training side for validation (default 0.1).")
  double validationFraction;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random choice (default 42).")
  long seed;

  SplitSpec spec() {
    SplitSpec s = protocol == Protocol.RANDOM ? SplitSpec.random(testFraction, seed)
        : SplitSpec.speakerFold(folds, fold, seed);
    return s.withValidation(validation, validationFraction);
  }
}
