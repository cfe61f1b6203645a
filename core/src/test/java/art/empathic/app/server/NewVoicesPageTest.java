package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.SpeakerSession;
import art.empathic.recognize.TestWavs;
import art.empathic.recognize.ToneRecognizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's new-voice states in headless Chromium: "no voice heard" for silence, "not sure" for
 * a voice between two emotions, and "adapting to your voice" once a live session has heard
 * enough. The recognizer is the pitch-hearing fake, with silence heard as no voice and a session
 * that starts adapting after {@link #ADAPT_AFTER} seconds.
 */
class NewVoicesPageTest {
  static final double ADAPT_AFTER = 2;
  static EmotionServer server;
  static ChromeDriver browser;
  static Path work;

  /** The tone fake, plus silence as no voice and an adapting session. */
  static final class SessionToneRecognizer implements EmotionRecognizer {
    private final ToneRecognizer tones = new ToneRecognizer();

    @Override
    public List<Emotion> classes() {
      return tones.classes();
    }

    @Override
    public EmotionPrediction predict(float[] samples, int sampleRate) {
      double energy = 0;
      for (float v : samples) {
        energy += v * (double) v;
      }
      return energy < 1e-6 ? EmotionPrediction.noVoice("silence: the audio is digital silence")
          : tones.predict(samples, sampleRate);
    }

    @Override
    public SpeakerSession newSession() {
      return new SpeakerSession() {
        private double seconds;

        @Override
        public synchronized EmotionPrediction predict(float[] samples, int sampleRate, boolean learn) {
          EmotionPrediction p = SessionToneRecognizer.this.predict(samples, sampleRate);
          if (learn && p.voiceHeard()) {
            seconds += samples.length / (double) sampleRate;
          }
          return p;
        }

        @Override
        public synchronized Adaptation adaptation() {
          return new Adaptation(true, seconds, ADAPT_AFTER, seconds >= ADAPT_AFTER ? 0.4 : 0);
        }
      };
    }

    @Override
    public void close() {}
  }

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(HeadlessChromium.available(),
        "Chromium or chromedriver not found at /usr/bin: browser test skipped (apt-get install chromium chromium-driver)");
    work = Files.createTempDirectory("empathic-newvoices");
    server = new EmotionServer(new SessionToneRecognizer(), ServerLimits.defaults()).start("127.0.0.1", 0);
    browser = HeadlessChromium.openPage(server, work);
  }

  @AfterAll
  static void stop() throws Exception {
    HeadlessChromium.closeAll(browser, server, work);
  }

  static void waitFor(Duration timeout, String what, HeadlessChromium.Check check) {
    HeadlessChromium.waitFor(browser, timeout, what, check);
  }

  static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  static void upload(Path f) {
    browser.findElement(By.id("file")).sendKeys(f.toAbsolutePath().toString());
    waitFor(Duration.ofSeconds(20), "the verdict on " + f.getFileName(), () -> text("verdict").contains(f.getFileName().toString()));
  }

  @Test
  void silenceShowsNoVoiceAndNoEmotion() throws Exception {
    Path silence = work.resolve("silence.wav");
    WavWriter.pcm16().write(silence, new Audio(new float[3 * 16000], 16000));
    upload(silence);
    assertThat(text("verdict")).startsWith("No voice heard").contains("digital silence");
    assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-state")).isEqualTo("no-voice");
    assertThat(browser.findElements(By.cssSelector("#bars li.top"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#bars .bar-value"))).extracting(WebElement::getText).containsOnly("—");
    assertThat(text("status")).contains("no voice heard");
    assertThat(text("av-text")).isEqualTo("valence —, arousal —");
    HeadlessChromium.screenshot(browser, BrowserTest.SHOTS.resolve("5-no-voice.png"));

    // A clear voice afterwards is heard again, and sure.
    Path happy = TestWavs.tone(work.resolve("happy.wav"), Emotion.HAPPY, 2);
    upload(happy);
    assertThat(text("verdict")).startsWith("Happy");
    assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-state")).isEqualTo("sure");
  }

  @Test
  void aVoiceBetweenTwoEmotionsIsNotSure() throws Exception {
    // Halfway between the fake's Angry (200 Hz) and Calm (300 Hz) pitches: about 44% each.
    float[] x = new float[2 * 16000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 250 * i / 16000.0));
    }
    Path between = work.resolve("between.wav");
    WavWriter.pcm16().write(between, new Audio(x, 16000));
    upload(between);
    assertThat(text("verdict")).startsWith("Not sure · maybe");
    assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-state")).isEqualTo("not-sure");
    assertThat(text("status")).contains("not sure");
  }

  @Test
  void liveModeShowsThatItIsAdaptingToTheVoice() throws Exception {
    WebElement adapt = browser.findElement(By.id("adapt"));
    assertThat(adapt.isDisplayed()).isFalse();
    WebElement live = browser.findElement(By.id("live"));
    live.click();
    waitFor(Duration.ofSeconds(30), "the page to say it adapts (adapt: '" + text("adapt") + "', status: " + text("status")
        + ")", () -> text("adapt").startsWith("Adapting to your voice"));
    assertThat(adapt.getDomAttribute("data-state")).isEqualTo("adapting");
    assertThat(text("adapt")).contains("40% your own statistics");
    HeadlessChromium.screenshot(browser, BrowserTest.SHOTS.resolve("6-live-adapting.png"));
    live.click();
    waitFor(Duration.ofSeconds(10), "live to stop", () -> "false".equals(live.getDomAttribute("aria-pressed")));
  }
}
