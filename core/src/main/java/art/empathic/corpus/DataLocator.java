package art.empathic.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the data folder: an explicit flag, then {@code EMPATHIC_ART_DATA}, then
 * {@code ../shared/data} beside the project root, then (for RAVDESS) the folder
 * {@code datasets download ravdess} fills by default.
 */
public final class DataLocator {
  public static final String ENV = "EMPATHIC_ART_DATA";

  private DataLocator() {}

  /** The project root: the launcher passes it as {@code empathic.art.home}; else the working directory. */
  public static Path projectRoot() {
    String home = System.getProperty("empathic.art.home");
    return (home != null ? Path.of(home) : Path.of("")).toAbsolutePath().normalize();
  }

  /**
   * System property that stands in for the flag when no flag is given (tests point it at a
   * folder without data, so that "no data found" paths can be tested on a machine with data).
   */
  public static final String PROPERTY = "empathic.art.data";

  /** The shared data root ({@code ../shared/data} unless overridden), if it exists. */
  public static Optional<Path> dataRoot(Path flag) {
    if (flag == null && System.getProperty(PROPERTY) != null && !System.getProperty(PROPERTY).isBlank()) {
      flag = Path.of(System.getProperty(PROPERTY));
    }
    if (flag != null) {
      return Optional.of(flag);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    Path shared = projectRoot().resolveSibling("shared").resolve("data");
    return Files.isDirectory(shared) ? Optional.of(shared) : Optional.empty();
  }

  /**
   * The RAVDESS folder: the flag or {@code EMPATHIC_ART_DATA} as given (a corpus folder, or a
   * data root holding {@code ravdess/}), else {@code ../shared/data/ravdess}, else the default
   * download folder of {@code datasets download ravdess}. An explicit flag is never second-guessed.
   */
  public static Optional<Path> ravdess(Path flag) {
    Optional<Path> found = dataRoot(flag)
        .map(root -> Files.isDirectory(root.resolve("ravdess")) ? root.resolve("ravdess") : root)
        .filter(Files::isDirectory);
    if (found.isPresent() || flag != null || System.getProperty(PROPERTY) != null) {
      return found;
    }
    Path downloaded = art.empathic.corpus.download.RavdessDownload.defaultTarget();
    return Files.isDirectory(downloaded) ? Optional.of(downloaded) : Optional.empty();
  }
}
