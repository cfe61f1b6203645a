package art.empathic.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

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
 * @param testSpeakers SPEAKER only: the test speakers by name (any benchmark's fold) instead of a
 *     computed fold; {@code folds} and {@code fold} are then 0. Empty when the fold is computed.
 */
public record SplitSpec(
    Protocol protocol, double testFraction, int folds, int fold, Validation validation, double validationFraction, long seed,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> testSpeakers) {

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
    testSpeakers = testSpeakers == null ? List.of() : List.copyOf(testSpeakers);
    if (!testSpeakers.isEmpty() && (protocol != Protocol.SPEAKER || folds != 0 || fold != 0)) {
      throw new IllegalArgumentException("named test speakers need the speaker protocol without a fold number");
    }
    if (protocol == Protocol.SPEAKER && testSpeakers.isEmpty() && (folds < 2 || fold < 1 || fold > folds)) {
      throw new IllegalArgumentException("need folds >= 2 and 1 <= fold <= folds, got fold " + fold + " of " + folds);
    }
    if (validation != Validation.NONE && !(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
    }
  }

  /** Stratified random split: {@code testFraction} of each class to test (the original study's protocol). */
  public static SplitSpec random(double testFraction, long seed) {
    return new SplitSpec(Protocol.RANDOM, testFraction, 0, 0, Validation.NONE, 0, seed, List.of());
  }

  /** Speaker-independent fold {@code fold} (1-based) of {@code folds}. */
  public static SplitSpec speakerFold(int folds, int fold, long seed) {
    return new SplitSpec(Protocol.SPEAKER, 0, folds, fold, Validation.NONE, 0, seed, List.of());
  }

  /** Speaker-independent split with these speakers (ids as the corpus names them) in test. */
  public static SplitSpec speakers(List<String> testSpeakers, long seed) {
    if (testSpeakers == null || testSpeakers.isEmpty()) {
      throw new IllegalArgumentException("name at least one test speaker");
    }
    return new SplitSpec(Protocol.SPEAKER, 0, 0, 0, Validation.NONE, 0, seed, testSpeakers);
  }

  /** True when the test speakers are named rather than a computed fold. */
  public boolean namedSpeakers() {
    return !testSpeakers.isEmpty();
  }

  /** No test part: every clip is for training, the release model's "split". */
  public static SplitSpec none(long seed) {
    return new SplitSpec(Protocol.NONE, 0, 0, 0, Validation.NONE, 0, seed, List.of());
  }

  /** The same split with a validation part cut from the training side. */
  public SplitSpec withValidation(Validation v, double fraction) {
    return new SplitSpec(protocol, testFraction, folds, fold, v, v == Validation.NONE ? 0 : fraction, seed,
        testSpeakers);
  }

  /** The same split for another fold. */
  public SplitSpec withFold(int f) {
    if (namedSpeakers()) {
      throw new IllegalArgumentException("a split with named test speakers has no folds");
    }
    return new SplitSpec(protocol, testFraction, folds, f, validation, validationFraction, seed, List.of());
  }
}
