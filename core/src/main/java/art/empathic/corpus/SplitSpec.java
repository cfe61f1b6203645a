package art.empathic.corpus;

/**
 * How to split a corpus; immutable and JSON-serialisable, so it can be saved with a model.
 *
 * @param protocol {@link Protocol#RANDOM} (stratified random by emotion, the original study's
 *     protocol), {@link Protocol#SPEAKER} (speaker-independent k-fold) or {@link Protocol#NONE}
 *     (no test part: every clip trains the release model)
 * @param testFraction share of each class in the test part (RANDOM only), e.g. 0.2
 * @param folds number of speaker folds (SPEAKER only)
 * @param fold the test fold, 1-based (SPEAKER only)
 * @param validation how a validation part is cut from the training side
 * @param validationFraction share of the training side that becomes validation (for SPEAKER
 *     validation: speakers are split into round(1 / fraction) balanced groups and one is held out)
 * @param seed seed of every random choice; equal inputs and seed give equal splits
 */
public record SplitSpec(
    Protocol protocol, double testFraction, int folds, int fold, Validation validation, double validationFraction, long seed) {

  /** How validation clips are chosen from the training side. */
  public enum Validation {
    NONE, RANDOM, SPEAKER
  }

  public static final double DEFAULT_TEST_FRACTION = 0.2;
  public static final int DEFAULT_FOLDS = 6;
  public static final long DEFAULT_SEED = 42;

  public SplitSpec {
    if (protocol == null || validation == null) {
      throw new IllegalArgumentException("protocol and validation must be given");
    }
    if (protocol == Protocol.RANDOM && !(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
    }
    if (protocol == Protocol.SPEAKER && (folds < 2 || fold < 1 || fold > folds)) {
      throw new IllegalArgumentException("need folds >= 2 and 1 <= fold <= folds, got fold " + fold + " of " + folds);
    }
    if (validation != Validation.NONE && !(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
    }
  }

  /** Stratified random split: {@code testFraction} of each class to test (the original study's protocol). */
  public static SplitSpec random(double testFraction, long seed) {
    return new SplitSpec(Protocol.RANDOM, testFraction, 0, 0, Validation.NONE, 0, seed);
  }

  /** Speaker-independent fold {@code fold} (1-based) of {@code folds}. */
  public static SplitSpec speakerFold(int folds, int fold, long seed) {
    return new SplitSpec(Protocol.SPEAKER, 0, folds, fold, Validation.NONE, 0, seed);
  }

  /** No test part: every clip is for training, the release model's "split". */
  public static SplitSpec none(long seed) {
    return new SplitSpec(Protocol.NONE, 0, 0, 0, Validation.NONE, 0, seed);
  }

  /** The same split with a validation part cut from the training side. */
  public SplitSpec withValidation(Validation v, double fraction) {
    return new SplitSpec(protocol, testFraction, folds, fold, v, v == Validation.NONE ? 0 : fraction, seed);
  }

  /** The same split for another fold. */
  public SplitSpec withFold(int f) {
    return new SplitSpec(protocol, testFraction, folds, f, validation, validationFraction, seed);
  }
}
