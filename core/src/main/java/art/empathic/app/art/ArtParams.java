package art.empathic.app.art;

import art.empathic.io.Json;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one definition of the art per emotion, {@code web/art-params.json}, which the page's
 * renderer reads too. Immutable.
 *
 * @param steps how many 1/60 s steps the still-picture renderer simulates
 * @param particlesPerMegapixel particle density
 * @param styles every emotion's style
 */
public record ArtParams(int steps, double particlesPerMegapixel, Map<Emotion, ArtStyle> styles) {
  /** Classpath location of the shared definition (served to the page as {@code /art-params.json}). */
  public static final String RESOURCE = "/web/art-params.json";

  public ArtParams {
    styles = Collections.unmodifiableMap(new EnumMap<>(styles));
    for (Emotion e : Emotion.values()) {
      if (!styles.containsKey(e)) {
        throw new IllegalArgumentException("art parameters lack a style for " + e.label());
      }
    }
    if (steps < 1 || !(particlesPerMegapixel > 0)) {
      throw new IllegalArgumentException("need steps >= 1 and a positive particle density");
    }
  }

  public ArtStyle style(Emotion e) {
    return styles.get(e);
  }

  /** The definition shipped in the application. */
  public static ArtParams shipped() {
    try (InputStream in = ArtParams.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the application");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": " + e.getMessage(), e);
    }
  }

  static ArtParams parse(InputStream in) throws IOException {
    // Strict: a misspelt key in the shipped parameters is a bug, not a newer file.
    ObjectReader style = Json.MAPPER.readerFor(ArtStyle.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    JsonNode root = Json.MAPPER.readTree(in);
    Map<Emotion, ArtStyle> styles = new EnumMap<>(Emotion.class);
    var it = root.path("emotions").fields();
    while (it.hasNext()) {
      var en = it.next();
      styles.put(Emotion.fromLabel(en.getKey()), style.readValue(en.getValue()));
    }
    return new ArtParams(root.path("steps").asInt(), root.path("particlesPerMegapixel").asDouble(), styles);
  }
}
