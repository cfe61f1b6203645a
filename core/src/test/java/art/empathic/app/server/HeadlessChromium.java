package art.empathic.app.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its own chromedriver (no Selenium Manager
 * downloads), with a fake microphone that plays a WAV file in a loop.
 */
final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private HeadlessChromium() {}

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
  }

  static ChromeDriver start(Path fakeMicrophoneWav, Path profile, String windowSize) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toString());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--window-size=" + windowSize,
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--use-file-for-fake-audio-capture=" + fakeMicrophoneWav.toAbsolutePath(),
        "--autoplay-policy=no-user-gesture-required");
    o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(ChromeDriver browser, Duration timeout, String what, Check check) {
    new WebDriverWait(browser, timeout).withMessage("waiting for " + what).ignoring(Exception.class).until(d -> {
      try {
        return check.ok();
      } catch (Exception e) {
        return false;
      }
    });
  }

  static void screenshot(ChromeDriver browser, Path file) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
  }

  /**
   * Opens the page of {@code server} in a fresh headless Chromium whose microphone plays a 4 s
   * happy tone (written to {@code work}), and waits until the page says it is ready.
   */
  static ChromeDriver openPage(EmotionServer server, Path work) throws Exception {
    Path mic = art.empathic.recognize.TestWavs.tone(work.resolve("mic.wav"), art.empathic.corpus.Emotion.HAPPY, 4);
    ChromeDriver browser = start(mic, Files.createDirectories(work.resolve("profile")), "1440,900");
    browser.get("http://127.0.0.1:" + server.port() + "/");
    waitFor(browser, Duration.ofSeconds(20), "the page to start",
        () -> "true".equals(browser.findElement(org.openqa.selenium.By.tagName("body")).getDomAttribute("data-ready")));
    return browser;
  }

  /** Quits the browser, closes the server and deletes the work folder; each may be null. */
  static void closeAll(ChromeDriver browser, EmotionServer server, Path work) throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
      }
    }
  }
}
