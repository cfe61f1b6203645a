package art.empathic.app.art;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.corpus.Emotion;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ArtRendererTest {
  static final ArtRenderer RENDERER = new ArtRenderer(ArtParams.shipped());
  static final int W = 240;
  static final int H = 160;

  private static final Map<String, BufferedImage> PAINTED = new java.util.concurrent.ConcurrentHashMap<>();

  /** One emotion's picture (rendered once per emotion and seed; tests only read it). */
  static BufferedImage paint(Emotion e, long seed) {
    return PAINTED.computeIfAbsent(e + "/" + seed, k -> RENDERER.render(List.of(ArtRenderer.pure(e)), W, H, seed));
  }

  static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  @Test
  void theSameMixSizeAndSeedGiveTheSamePixelsAndBytes() throws IOException {
    Map<Emotion, Double> mix = new EnumMap<>(Emotion.class);
    mix.put(Emotion.HAPPY, 0.6);
    mix.put(Emotion.SURPRISE, 0.4);
    BufferedImage a = RENDERER.render(List.of(mix), W, H, 42);
    BufferedImage b = RENDERER.render(List.of(mix), W, H, 42);
    assertThat(pixels(a)).isEqualTo(pixels(b));
    assertThat(png(a)).isEqualTo(png(b));
    BufferedImage c = RENDERER.render(List.of(mix), W, H, 43);
    assertThat(pixels(c)).isNotEqualTo(pixels(a));
  }

  @Test
  void thePictureIsNotBlank() {
    int[] px = pixels(paint(Emotion.CALM, 1));
    long distinct = java.util.Arrays.stream(px).distinct().count();
    assertThat(distinct).isGreaterThan(500);
  }

  @Test
  void angryIsWarmerThanCalmAndSadIsDarkerThanHappy() {
    ImageStats angry = ImageStats.of(paint(Emotion.ANGRY, 5));
    ImageStats calm = ImageStats.of(paint(Emotion.CALM, 5));
    ImageStats sad = ImageStats.of(paint(Emotion.SAD, 5));
    ImageStats happy = ImageStats.of(paint(Emotion.HAPPY, 5));
    assertThat(angry.warmth()).isGreaterThan(calm.warmth() + 30);
    assertThat(calm.warmth()).isNegative();
    assertThat(angry.hueDistance(15)).as("angry hue %s near red-orange", angry.hueDegrees()).isLessThan(30);
    assertThat(calm.hueDistance(195)).as("calm hue %s near cyan-blue", calm.hueDegrees()).isLessThan(30);
    assertThat(sad.brightness()).isLessThan(happy.brightness() - 20);
  }

  @Test
  void everyEmotionHasAPictureOfItsOwn() {
    Map<Emotion, ImageStats> stats = new EnumMap<>(Emotion.class);
    for (Emotion e : Emotion.SEVEN) {
      stats.put(e, ImageStats.of(paint(e, 9)));
    }
    for (Emotion a : Emotion.SEVEN) {
      for (Emotion b : Emotion.SEVEN) {
        if (a.ordinal() < b.ordinal()) {
          ImageStats x = stats.get(a);
          ImageStats y = stats.get(b);
          double apart = Math.abs(x.brightness() - y.brightness()) + Math.abs(x.warmth() - y.warmth())
              + Math.min(x.hueDistance(y.hueDegrees()), 180) / 4;
          assertThat(apart).as("%s vs %s: %s / %s", a, b, x, y).isGreaterThan(5);
        }
      }
    }
    // Sad is the dimmest of all; happy the brightest.
    assertThat(stats.values().stream().mapToDouble(ImageStats::brightness).min().orElseThrow()).isEqualTo(stats.get(Emotion.SAD).brightness());
    assertThat(stats.values().stream().mapToDouble(ImageStats::brightness).max().orElseThrow()).isEqualTo(stats.get(Emotion.HAPPY).brightness());
  }

  @Test
  void aMixLiesBetweenItsParts() {
    Map<Emotion, Double> half = new EnumMap<>(Emotion.class);
    half.put(Emotion.ANGRY, 0.5);
    half.put(Emotion.CALM, 0.5);
    double mixed = ImageStats.of(RENDERER.render(List.of(half), W, H, 5)).warmth();
    assertThat(mixed).isBetween(ImageStats.of(paint(Emotion.CALM, 5)).warmth(), ImageStats.of(paint(Emotion.ANGRY, 5)).warmth());
  }

  @Test
  void aTimelineEndsInItsLastMood() {
    BufferedImage calmToAngry = RENDERER.render(List.of(ArtRenderer.pure(Emotion.CALM), ArtRenderer.pure(Emotion.ANGRY)), W, H, 5);
    BufferedImage angryToCalm = RENDERER.render(List.of(ArtRenderer.pure(Emotion.ANGRY), ArtRenderer.pure(Emotion.CALM)), W, H, 5);
    assertThat(ImageStats.of(calmToAngry).warmth()).isGreaterThan(ImageStats.of(angryToCalm).warmth());
  }

  @Test
  void badRequestsAreRefused() {
    assertThatThrownBy(() -> RENDERER.render(List.of(), W, H, 1)).hasMessageContaining("at least one");
    assertThatThrownBy(() -> RENDERER.render(List.of(Map.of(Emotion.SAD, 0.0)), W, H, 1)).hasMessageContaining("sums to 0");
    assertThatThrownBy(() -> RENDERER.render(List.of(ArtRenderer.pure(Emotion.SAD)), 8, H, 1)).hasMessageContaining("at least 16x16");
  }

  @Test
  void theSharedDefinitionIsCompleteAndChecked() throws IOException {
    ArtParams p = ArtParams.shipped();
    for (Emotion e : Emotion.values()) {
      assertThat(p.style(e).palette()).isNotEmpty();
      assertThat(ArtStyle.ACCENTS).contains(p.style(e).accent());
    }
    String json = new String(ArtParams.class.getResourceAsStream(ArtParams.RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ArtParams.parse(stream(json.replace("\"Neutral\"", "\"Neutral2\""))))
        .hasMessageContaining("unknown emotion 'Neutral2'");
    assertThatThrownBy(() -> ArtParams.parse(stream(json.replace("\"#ff3314\"", "\"red\""))))
        .hasMessageContaining("colour must be #rrggbb, got 'red'");
    assertThatThrownBy(() -> ArtParams.parse(stream(json.replace("\"accent\": \"shard\"", "\"accent\": \"star\""))))
        .hasMessageContaining("unknown accent 'star'");
    assertThatThrownBy(() -> ArtParams.parse(stream(json.replace("\"mood\": \"dim, falling\",", "\"mood\": \"dim, falling\", \"sped\": 1,"))))
        .hasMessageContaining("sped");
  }

  private static ByteArrayInputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void mulberry32MatchesTheReferenceSequence() {
    // First outputs of art.js's mulberry32(1), computed by running that function under Node.js.
    Mulberry32 r = new Mulberry32(1);
    assertThat(r.next()).isEqualTo(0.6270739405881613);
    assertThat(r.next()).isEqualTo(0.002735721180215478);
    assertThat(r.next()).isEqualTo(0.5274470399599522);
  }
}
