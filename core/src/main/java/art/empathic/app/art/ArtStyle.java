package art.empathic.app.art;

import java.util.List;

/**
 * How one emotion looks and moves, as defined in {@code web/art-params.json} (field meanings
 * in docs/ART.md). Lengths are pixels on a canvas whose short side is 1000 pixels, times are
 * steps of 1/60 s.
 */
public record ArtStyle(
    String mood,
    List<String> background,
    List<String> palette,
    double speed,
    double flowScale,
    double turbulence,
    double sharpness,
    double driftX,
    double driftY,
    double gravity,
    double bounce,
    double tremble,
    double burst,
    double recoil,
    double tempo,
    double lineWidth,
    double alpha,
    double glow,
    double fade,
    double life,
    String accent,
    double accentRate,
    double accentSize) {

  /** The accent shapes a style may scatter. */
  public static final List<String> ACCENTS = List.of("shard", "ripple", "drop", "bubble", "tremor", "spark", "blob");

  public ArtStyle {
    if (background == null || background.size() != 2) {
      throw new IllegalArgumentException("background needs two colours (centre, edge)");
    }
    if (palette == null || palette.isEmpty()) {
      throw new IllegalArgumentException("palette needs at least one colour");
    }
    background.forEach(ArtStyle::rgb);
    palette.forEach(ArtStyle::rgb);
    if (!ACCENTS.contains(accent)) {
      throw new IllegalArgumentException("unknown accent '" + accent + "', expected one of " + ACCENTS);
    }
    if (!(fade > 0 && fade <= 1) || !(life >= 1) || !(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("need 0 < fade <= 1, life >= 1, 0 <= alpha <= 1");
    }
  }

  /** Parses {@code #rrggbb} into {@code 0xrrggbb}. */
  public static int rgb(String hex) {
    if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
      throw new IllegalArgumentException("colour must be #rrggbb, got '" + hex + "'");
    }
    return Integer.parseInt(hex.substring(1), 16);
  }
}
