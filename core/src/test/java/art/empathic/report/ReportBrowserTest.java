package art.empathic.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import art.empathic.run.FakeRuns;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunMetrics;

/**
 * Opens the study report and a run report in headless Debian Chromium: the tables render with
 * the expected cells, every image decodes (naturalWidth > 0), and screenshots are kept in
 * {@code target/report-screenshots/} for a person to look at.
 */
class ReportBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "report-screenshots");

  @TempDir static Path tmp;
  static ChromeDriver driver;
  static Path studyHtml;
  static Path runHtml;

  @BeforeAll
  static void writeReportsAndStartBrowser() throws IOException {
    Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "browser test skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian packages chromium, chromium-driver)");
    List<Path> random = new ArrayList<>();
    List<Path> speaker = new ArrayList<>();
    for (FakeRuns.Run r : FakeRuns.study()) {
      (r.fold() == null ? random : speaker).add(FakeRuns.write(tmp.resolve("runs"), r));
    }
    studyHtml = StudyReport.write(tmp.resolve("study"), new StudyReport.Study("Empathic Art: the original study (synthetic runs)",
        List.of("Synthetic runs written by the test, shaped like a demo on RAVDESS. Seed 42."),
        List.of(new StudyReport.Section(Protocol.RANDOM, random, List.of("80/20 split, seed 42.")),
            new StudyReport.Section(Protocol.SPEAKER, speaker, List.of("Folds 1 and 2 of 6 ran."))))).html();
    runHtml = random.get(6).resolve(RunReport.HTML);

    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"), "--window-size=1280,1000");
    driver = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void studyReportTablesAndImagesRender() throws IOException {
    driver.get(studyHtml.toUri().toString());
    assertThat(driver.getTitle()).isEqualTo("Empathic Art: the original study (synthetic runs)");
    List<WebElement> tables = driver.findElements(By.cssSelector("main > table"));
    assertThat(tables).hasSizeGreaterThanOrEqualTo(4);
    WebElement random = tables.get(0);
    assertThat(cells(random, "thead th")).containsExactly("Model", "Input Feature", "Training Time", "Epochs",
        "Accuracy", "F1-score (macro)", "Loss", "Original study", "Runs");
    List<WebElement> rows = random.findElements(By.cssSelector("tbody tr"));
    assertThat(rows).hasSize(7);
    assertThat(cells(rows.get(6), "td")).startsWith("Paper CNN-LSTM (20 epochs)", "mfcc-seq: 40 MFCC x 300 frames")
        .contains("79.6%");
    assertThat(random.getSize().getWidth()).isGreaterThan(700);
    assertThat(cells(tables.get(1), "tbody td:first-child")).containsExactly("MLP (alpha 0.01)",
        "Baseline CNN (20 epochs)", "CNN+LSTM (20 epochs)", "Paper CNN-LSTM (20 epochs)");
    assertThat(cells(tables.get(2), "tbody td:first-child")).contains("MLP", "Paper CNN-LSTM (Zhao et al. 2019)");
    assertThat(driver.findElement(By.id("protocols")).getText()).isEqualTo("Random split vs speaker-independent");
    screenshot("study-top.png", 1000);

    // Open every run section, then every image must have decoded.
    js("document.querySelectorAll('details').forEach(d => d.open = true);");
    List<?> widths = (List<?>) js("return Array.from(document.images).map(i => i.complete ? i.naturalWidth : -1);");
    assertThat(widths).hasSize(15 * 2).allSatisfy(w -> assertThat(((Number) w).intValue()).isGreaterThan(0));
    WebElement firstRun = driver.findElement(By.id("run-1"));
    assertThat(firstRun.findElement(By.tagName("pre")).getText()).contains("precision", "weighted avg");
    js("document.getElementById('run-7').scrollIntoView();");
    screenshot("study-run-section.png", 1000);
  }

  @Test
  void runReportRendersEverySection() throws IOException {
    driver.get(runHtml.toUri().toString());
    String text = driver.findElement(By.tagName("main")).getText();
    assertThat(text).contains("Speakers are shared between training and test.", "Classification report",
        "Confusion matrix", "Training curves", "Architecture", "Total params: 491,655");
    WebElement cm = driver.findElements(By.cssSelector("main > table")).get(2);
    assertThat(cells(cm, "thead th")).containsExactly("True \\ Predicted", "Angry", "Calm", "Disgust", "Fear",
        "Happy", "Sad", "Surprise");
    RunMetrics metrics = RunMetrics.read(runHtml.getParent());
    assertThat(cells(cm.findElements(By.cssSelector("tbody tr")).get(3), "td"))
        .containsExactly(row("Fear", metrics.confusionMatrix()[3]));
    List<WebElement> images = driver.findElements(By.tagName("img"));
    assertThat(images).hasSize(2);
    for (WebElement img : images) {
      assertThat(((Number) js("return arguments[0].naturalWidth;", img)).intValue()).isGreaterThan(400);
      assertThat(img.getSize().getWidth()).isGreaterThan(400);
    }
    screenshot("run-report.png", 0);
  }

  private static String[] row(String name, int[] counts) {
    String[] out = new String[counts.length + 1];
    out[0] = name;
    for (int i = 0; i < counts.length; i++) {
      out[i + 1] = Integer.toString(counts[i]);
    }
    return out;
  }

  private static List<String> cells(WebElement scope, String css) {
    return scope.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves a screenshot of the page: {@code height} pixels tall, or the whole page when 0. */
  private static void screenshot(String name, int height) throws IOException {
    int h = height > 0 ? height : Math.min(9000, ((Number) js("return document.documentElement.scrollHeight;")).intValue());
    driver.manage().window().setSize(new Dimension(1280, h));
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    assertThat(png.length).isGreaterThan(10_000);
    Files.write(SHOTS.resolve(name), png);
  }
}
