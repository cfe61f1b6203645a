package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import art.empathic.corpus.Emotion;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.TestWavs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page with an eight-class model (the release model's classes): a bar, a circumplex label and
 * an art button for Neutral, and a clip heard as Neutral shown as such. The recognizer hears
 * every clip as mostly Neutral.
 */
class EightClassPageTest {
  static EmotionServer server;
  static ChromeDriver browser;
  static Path work;

  static final class NeutralRecognizer implements EmotionRecognizer {
    @Override
    public List<Emotion> classes() {
      return Arrays.asList(Emotion.values());
    }

    @Override
    public EmotionPrediction predict(float[] samples, int sampleRate) {
      Map<Emotion, Double> p = new LinkedHashMap<>();
      for (Emotion e : Emotion.values()) {
        p.put(e, e == Emotion.NEUTRAL ? 0.79 : 0.03);
      }
      return EmotionPrediction.of(p);
    }

    @Override
    public void close() {}
  }

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(HeadlessChromium.available(),
        "Chromium or chromedriver not found at /usr/bin: browser test skipped (apt-get install chromium chromium-driver)");
    work = Files.createTempDirectory("empathic-eight");
    server = new EmotionServer(new NeutralRecognizer(), ServerLimits.defaults()).start("127.0.0.1", 0);
    browser = HeadlessChromium.openPage(server, work);
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.closeAll(browser, server, work);
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  @Test
  void neutralHasItsBarItsCircumplexLabelAndItsArtAndAClipHeardAsNeutralSaysSo() throws Exception {
    HeadlessChromium.waitFor(browser, Duration.ofSeconds(20), "the bars", () ->
        browser.findElements(By.cssSelector("#bars li")).size() == 8);
    assertThat(browser.findElements(By.cssSelector("#bars li"))).extracting(r -> r.findElement(By.className("bar-name")).getText())
        .containsExactly("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise", "Neutral");
    assertThat(browser.findElements(By.cssSelector(".class-label"))).extracting(WebElement::getText).contains("Neutral");
    assertThat(browser.findElements(By.cssSelector("#explore button"))).extracting(WebElement::getText).contains("Neutral");

    Path clip = TestWavs.tone(work.resolve("hello.wav"), Emotion.CALM, 2);
    browser.findElement(By.id("file")).sendKeys(clip.toAbsolutePath().toString());
    HeadlessChromium.waitFor(browser, Duration.ofSeconds(20), "the verdict", () -> text("verdict").contains("hello.wav"));
    assertThat(text("verdict")).startsWith("Neutral");
    assertThat(browser.findElement(By.cssSelector("#bars li[data-emotion=Neutral]")).getAttribute("class")).contains("top");
  }
}
