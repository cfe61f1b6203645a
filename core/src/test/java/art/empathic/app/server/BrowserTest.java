package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import art.empathic.corpus.Emotion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import art.empathic.recognize.TestWavs;
import art.empathic.recognize.ToneRecognizer;

/**
 * The page in a real browser: Debian's headless Chromium with a fake microphone that plays a
 * WAV this test writes (a tone the {@link ToneRecognizer} hears as Happy). It records, goes live,
 * uploads files, and checks what a person would see. Screenshots go to
 * {@code target/browser-screenshots/}.
 */
class BrowserTest {
  static final Path SHOTS = Path.of("target", "browser-screenshots");

  static EmotionServer server;
  static ChromeDriver browser;
  static Path work;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(HeadlessChromium.available(),
        "Chromium or chromedriver not found at /usr/bin: browser test skipped (apt-get install chromium chromium-driver)");
    work = Files.createTempDirectory("empathic-browser");
    server = new EmotionServer(new ToneRecognizer(), ServerLimits.defaults()).start("127.0.0.1", 0);
    browser = HeadlessChromium.openPage(server, work);
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.closeAll(browser, server, work);
  }

  static void waitFor(Duration timeout, String what, HeadlessChromium.Check check) {
    HeadlessChromium.waitFor(browser, timeout, what, check);
  }

  static void screenshot(String name) throws Exception {
    HeadlessChromium.screenshot(browser, SHOTS.resolve(name + ".png"));
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** How many distinct colours a 64x64 sample of the canvas holds (1 for a blank canvas). */
  static long canvasColours() {
    Object n = js("const c = document.getElementById('art');"
        + "const s = document.createElement('canvas'); s.width = 64; s.height = 64;"
        + "const x = s.getContext('2d'); x.drawImage(c, 0, 0, 64, 64);"
        + "const d = x.getImageData(0, 0, 64, 64).data; const seen = new Set();"
        + "for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);"
        + "return seen.size;");
    return ((Number) n).longValue();
  }

  static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  static void verdictIs(Emotion e) {
    waitFor(Duration.ofSeconds(20), "the verdict " + e.label() + " (status: " + text("status") + ")",
        () -> text("verdict").startsWith(e.label()));
  }

  @Test
  void recordingFromTheMicrophoneShowsProbabilitiesTheCircumplexAndTheArt() throws Exception {
    assertThat(canvasColours()).as("the art is drawn before any voice").isGreaterThan(50);
    WebElement record = browser.findElement(By.id("record"));
    record.click();
    waitFor(Duration.ofSeconds(10), "recording to start", () -> "true".equals(record.getDomAttribute("aria-pressed")));
    waitFor(Duration.ofSeconds(15), "2.5 s of audio", () -> Double.parseDouble(text("clock").replace(" s", "")) >= 2.5);
    screenshot("1-recording");
    record.click();
    waitFor(Duration.ofSeconds(20), "the recording's verdict (status: " + text("status") + ")", () -> text("verdict").contains("recording.wav"));
    verdictIs(Emotion.HAPPY);

    List<WebElement> rows = browser.findElements(By.cssSelector("#bars li"));
    assertThat(rows).extracting(r -> r.findElement(By.className("bar-name")).getText())
        .containsExactly("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise");
    WebElement happy = browser.findElement(By.cssSelector("#bars li[data-emotion=Happy]"));
    assertThat(happy.getDomAttribute("class")).contains("top");
    assertThat(Double.parseDouble(happy.findElement(By.className("bar-track")).getDomAttribute("aria-valuenow"))).isGreaterThan(50);
    assertThat(happy.findElement(By.className("bar-value")).getText()).endsWith("%");
    assertThat(text("av-text")).matches("valence [+−]\\d\\.\\d\\d, arousal [+−]\\d\\.\\d\\d");
    assertThat(browser.findElement(By.id("av-point")).getDomAttribute("visibility")).isEqualTo("visible");
    assertThat(browser.findElement(By.id("art")).getDomAttribute("aria-label")).contains("Happy");
    assertThat(text("caption-emotion")).isEqualTo("Happy");
    Thread.sleep(2500); // let the art move into its new mood
    assertThat(canvasColours()).isGreaterThan(50);
    screenshot("2-recorded-happy");
  }

  @Test
  void liveModeStreamsTheMicrophoneAndFollowsTheVoice() throws Exception {
    WebElement live = browser.findElement(By.id("live"));
    live.click();
    waitFor(Duration.ofSeconds(20), "a live prediction (status: " + text("status") + ")", () -> text("verdict").contains("live"));
    verdictIs(Emotion.HAPPY);
    Thread.sleep(2500);
    screenshot("3-live-happy");
    live.click();
    waitFor(Duration.ofSeconds(10), "live to stop", () -> "false".equals(live.getDomAttribute("aria-pressed")));
  }

  @Test
  void uploadedFilesOfOtherEmotionsRepaintThePage() throws Exception {
    for (Emotion e : List.of(Emotion.ANGRY, Emotion.CALM, Emotion.SAD, Emotion.SURPRISE)) {
      Path f = TestWavs.tone(work.resolve(e.label().toLowerCase() + ".wav"), e, 2);
      browser.findElement(By.id("file")).sendKeys(f.toAbsolutePath().toString());
      waitFor(Duration.ofSeconds(20), "the verdict on " + f.getFileName(), () -> text("verdict").contains(f.getFileName().toString()));
      verdictIs(e);
      assertThat(text("status")).contains(f.getFileName().toString());
      Thread.sleep(2500);
      screenshot("4-upload-" + e.label().toLowerCase());
    }
  }

  @Test
  void badFilesShowTheServersOneLineError() throws Exception {
    Path bad = Files.writeString(work.resolve("broken.wav"), "not a wav");
    browser.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
    waitFor(Duration.ofSeconds(10), "an error", () -> browser.findElement(By.id("status")).getDomAttribute("class").contains("error"));
    assertThat(text("status")).startsWith("broken.wav: ");
  }

  @Test
  void theKeyboardWorksEverything() throws Exception {
    WebElement body = browser.findElement(By.tagName("body"));
    WebElement pause = browser.findElement(By.id("pause"));
    String before = pause.getDomAttribute("aria-pressed");
    body.sendKeys("p");
    waitFor(Duration.ofSeconds(5), "pause to toggle", () -> !before.equals(pause.getDomAttribute("aria-pressed")));
    body.sendKeys("p");
    waitFor(Duration.ofSeconds(5), "pause to toggle back", () -> before.equals(pause.getDomAttribute("aria-pressed")));

    WebElement fear = browser.findElement(By.cssSelector("#explore button[data-emotion=Fear]"));
    fear.sendKeys(Keys.ENTER);
    waitFor(Duration.ofSeconds(5), "the Fear preview", () -> "true".equals(fear.getDomAttribute("aria-pressed")));
    assertThat(text("caption-emotion")).isEqualTo("Fear");
    assertThat(text("caption-mood")).contains("trembling");
    Thread.sleep(3000);
    screenshot("5-preview-fear");
    fear.sendKeys(Keys.ENTER);
    waitFor(Duration.ofSeconds(5), "the preview to end", () -> "false".equals(fear.getDomAttribute("aria-pressed")));

    // Every control is reachable with Tab and has a name.
    for (String id : List.of("record", "live", "file", "pause", "save")) {
      WebElement el = browser.findElement(By.id(id));
      assertThat(el.getTagName()).isIn("button", "input");
      assertThat(el.getDomAttribute("tabindex")).as(id).isNull();
      assertThat(el.getAccessibleName()).as(id).isNotBlank();
    }
  }

  @Test
  void theConsoleHasNoErrors() {
    List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        // The bad-file test provokes a 400 on purpose; the browser logs the failed request.
        .filter(e -> !e.getMessage().contains("api/predict - Failed to load resource"))
        .toList();
    assertThat(severe).isEmpty();
  }
}
