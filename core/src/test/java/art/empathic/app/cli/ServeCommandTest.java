package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import art.empathic.app.Main;
import art.empathic.app.MainTest;
import art.empathic.recognize.DefaultModel;
import art.empathic.recognize.Recognizers;
import art.empathic.recognize.ToneRecognizer;

class ServeCommandTest {

  @Test
  void servesOnLoopbackUntilStoppedAndClosesTheModel() throws Exception {
    ToneRecognizer recognizer = new ToneRecognizer();
    try (Recognizers.Restore r = Recognizers.override(dir -> recognizer)) {
      PipedWriter pipe = new PipedWriter();
      java.io.BufferedReader lines = new java.io.BufferedReader(new PipedReader(pipe));
      StringWriter err = new StringWriter();
      var cl = Main.newCommandLine(new PrintWriter(pipe, true), new PrintWriter(err, true));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve", "--port", "0"));
      String banner = lines.readLine();
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/ .*model: tone-test-model").matcher(banner);
      assertThat(m.find()).as(banner).isTrue();
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.body()).contains("\"status\":\"ok\"");
      assertThat(err.toString()).as("no warning on loopback").isEmpty();

      ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
      serve.stop();
      assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
      assertThat(recognizer.closed).isTrue();
    }
  }

  @Test
  void anythingButLoopbackIsWarnedAbout() {
    assertThat(ServeCommand.exposureWarning("127.0.0.1")).isEmpty();
    assertThat(ServeCommand.exposureWarning("localhost")).isEmpty();
    assertThat(ServeCommand.exposureWarning("::1")).isEmpty();
    assertThat(ServeCommand.exposureWarning("0.0.0.0")).hasValueSatisfying(w -> assertThat(w).contains("0.0.0.0").contains("not loopback"));
  }

  @Test
  void withoutAModelOrDataServeSaysHowToGetData() {
    System.setProperty(DefaultModel.RUNS_PROPERTY, System.getProperty("java.io.tmpdir") + "/empathic-art-no-runs-here");
    System.setProperty(art.empathic.corpus.DataLocator.PROPERTY, System.getProperty("java.io.tmpdir") + "/empathic-art-no-data-here");
    try {
      MainTest.Result r = MainTest.run("serve", "--port", "0");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("no trained model, and no data to train one").contains("No RAVDESS speech data found")
          .contains("datasets download ravdess").contains("./empathic-art train --split none");
    } finally {
      System.clearProperty(DefaultModel.RUNS_PROPERTY);
      System.clearProperty(art.empathic.corpus.DataLocator.PROPERTY);
    }
  }
}
