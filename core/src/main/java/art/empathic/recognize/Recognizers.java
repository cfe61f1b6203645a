package art.empathic.recognize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The one place commands and {@link EmotionRecognizer#load} get a recognizer from. Every
 * {@code --model RUNDIR} option goes through {@link #open}.
 *
 * <p>The opener is replaceable so tests (and programs embedding the toolkit) can serve a
 * recognizer of their own: {@code try (var restore = Recognizers.override(dir -> fake)) {...}}.
 */
public final class Recognizers {

  /** Opens a recognizer for a run directory, or for the default model when it is null. */
  @FunctionalInterface
  public interface Opener {
    EmotionRecognizer open(Path runDirOrNull) throws IOException;
  }

  /** Restores the previous opener when closed. */
  public interface Restore extends AutoCloseable {
    @Override
    void close();
  }

  private static final Opener TRAINED = Recognizers::openTrained;
  private static volatile Opener opener = TRAINED;

  /** Stands for "no run directory: the overriding opener decides" (never a real path). */
  public static final Path OVERRIDE_DECIDES = Path.of("(override)");

  /** Whether an {@link #override} is in force. */
  public static boolean overridden() {
    return opener != TRAINED;
  }

  private Recognizers() {}

  /**
   * Opens the recognizer for {@code runDirOrNull}; {@code null} means the default model.
   *
   * @throws IOException if the run directory cannot be read or holds no usable model; the
   *     message names the directory and the problem
   */
  public static EmotionRecognizer open(Path runDirOrNull) throws IOException {
    return opener.open(runDirOrNull == OVERRIDE_DECIDES ? null : runDirOrNull);
  }

  /** Replaces the opener until the returned handle is closed. Not for concurrent overriders. */
  public static Restore override(Opener replacement) {
    Objects.requireNonNull(replacement, "replacement");
    Opener previous = opener;
    opener = replacement;
    return () -> opener = previous;
  }

  /**
   * The model-backed opener: a trained run directory, or the default model (see
   * {@link DefaultModel}) when it is null. One network copy per core serves the server's workers.
   */
  private static EmotionRecognizer openTrained(Path runDirOrNull) throws IOException {
    Path dir = runDirOrNull != null ? runDirOrNull : DefaultModel.find();
    int copies = Math.max(1, Runtime.getRuntime().availableProcessors());
    return Fusion.isFused(dir) ? FusedRecognizer.open(dir, copies) : ModelRecognizer.open(dir, copies);
  }
}
