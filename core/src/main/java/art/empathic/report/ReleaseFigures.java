package art.empathic.report;

import art.empathic.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The measured figures of the release recipe that every release model's card shows, read from
 * the resource {@code release-figures.json}. They are filled by hand from a measurement through
 * the product path (each clip scored alone by {@code EmotionRecognizer.predict}, no statistics of
 * its speaker); an empty list means "not measured yet", and the card says so.
 *
 * @param about what the file is (not rendered)
 * @param recipe the recipe measured, as the card names it
 * @param protocol how it was measured (folds, test clips, what counts)
 * @param command the command that measured it
 * @param date when (ISO-8601 date)
 * @param commit the commit measured
 * @param figures one row per condition
 */
public record ReleaseFigures(String about, String recipe, String protocol, String command, String date, String commit,
    List<Figure> figures) {
  /** The resource this reads. */
  public static final String RESOURCE = "/release-figures.json";

  /**
   * One measured figure, as written (a number with its unit: "72.4%", "-3.1 points").
   *
   * @param condition what was tested ("EmoBox RAVDESS, 8 classes, 6 folds")
   * @param metric which score ("UA", "accuracy", "points lost against clean")
   * @param value the measured value
   * @param chance what chance (or the most frequent class) scores, when it applies
   */
  public record Figure(String condition, String metric, String value, String chance) {}

  public ReleaseFigures {
    figures = figures == null ? List.of() : List.copyOf(figures);
  }

  /** True when no figure has been measured yet. */
  public boolean measured() {
    return !figures.isEmpty();
  }

  /** The figures shipped with this build. */
  public static ReleaseFigures shipped() {
    try (InputStream in = ReleaseFigures.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return Json.MAPPER.readValue(in, ReleaseFigures.class);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
    }
  }
}
