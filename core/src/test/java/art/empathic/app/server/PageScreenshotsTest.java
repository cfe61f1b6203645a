package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import art.empathic.corpus.DataLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.Recognizers;
import art.empathic.recognize.ToneRecognizer;

/**
 * Makes the README's screenshots: the page served with a trained model, the fake microphone fed
 * a RAVDESS clip of each of four emotions, one recording each. Runs only when asked:
 * {@code mvn -o test -Dtest=PageScreenshotsTest -Dempathic.screenshots.model=RUNDIR
 * [-Dempathic.screenshots.dir=docs/images]} ({@code model=tone} uses the test's pitch-hearing
 * fake, to try the harness without a model).
 */
class PageScreenshotsTest {
  /** RAVDESS MANIFEST emotion names of the clips to show. */
  static final List<String> EMOTIONS = List.of("angry", "calm", "happy", "sad");

  @Test
  void recordOneRavdessClipPerEmotionAndScreenshotThePage() throws Exception {
    String model = System.getProperty("empathic.screenshots.model");
    assumeTrue(model != null, "set -Dempathic.screenshots.model=RUNDIR to make the page screenshots: skipped");
    assumeTrue(HeadlessChromium.available(), "Chromium or chromedriver not found at /usr/bin: skipped");
    Path ravdess = DataLocator.ravdess(null).orElse(null);
    assumeTrue(ravdess != null && Files.exists(ravdess.resolve("MANIFEST.tsv")), "RAVDESS not found: skipped");
    Path out = Path.of(System.getProperty("empathic.screenshots.dir", "target/page-screenshots"));
    Path work = Files.createTempDirectory("empathic-shots");
    List<String> manifest = Files.readAllLines(ravdess.resolve("MANIFEST.tsv"));
    // Whose voice: pick an actor the model was not trained on (speaker fold 1 holds out 01, 02, 13, 14).
    String actor = System.getProperty("empathic.screenshots.actor", "Actor_01");
    try (EmotionRecognizer recognizer = model.equals("tone") ? new ToneRecognizer() : Recognizers.open(Path.of(model));
         EmotionServer server = new EmotionServer(recognizer, ServerLimits.defaults()).start("127.0.0.1", 0)) {
      for (String emotion : EMOTIONS) {
        // A strong-intensity clip (third-from-last code 02) of the emotion.
        String clip = manifest.stream().skip(1).map(l -> l.split("\t"))
            .filter(f -> f[3].equals(emotion) && f[0].startsWith(actor + "/")
                && f[0].matches(".*-0[0-9]-02-\\d\\d-\\d\\d-\\d\\d\\.wav"))
            .map(f -> f[0]).findFirst().orElseThrow(() -> new IllegalStateException("no strong " + emotion + " clip in the manifest"));
        ChromeDriver browser = HeadlessChromium.start(ravdess.resolve(clip), Files.createDirectories(work.resolve(emotion)), "1440,900");
        try {
          browser.get("http://127.0.0.1:" + server.port() + "/");
          HeadlessChromium.waitFor(browser, Duration.ofSeconds(20), "the page", () ->
              "true".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-ready")));
          browser.findElement(By.id("record")).click();
          HeadlessChromium.waitFor(browser, Duration.ofSeconds(20), "3.5 s of audio", () ->
              Double.parseDouble(browser.findElement(By.id("clock")).getText().replace(" s", "")) >= 3.5);
          browser.findElement(By.id("record")).click();
          HeadlessChromium.waitFor(browser, Duration.ofSeconds(30), "a verdict", () ->
              browser.findElement(By.id("verdict")).getText().contains("recording.wav"));
          Thread.sleep(5000); // let the picture settle into the new mood
          Path shot = out.resolve("page-" + emotion.toLowerCase(Locale.ROOT) + ".png");
          HeadlessChromium.screenshot(browser, shot);
          System.out.println(shot + ": " + clip + " heard as " + browser.findElement(By.id("verdict")).getText());
          assertThat(Files.size(shot)).isPositive();
        } finally {
          browser.quit();
        }
      }
    }
  }
}
