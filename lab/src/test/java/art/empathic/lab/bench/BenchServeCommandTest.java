package art.empathic.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import art.empathic.audio.WavReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import art.empathic.app.cli.CliErrors;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.TestRecognizers;
import art.empathic.recognize.ToneRecognizer;

class BenchServeCommandTest {

  record Run(int code, String out, String err) {}

  static Run bench(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new BenchServeCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(new CliErrors());
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void loadsARunningServerAndReportsThroughputLatencyAndMemory() throws Exception {
    try (ToneRecognizer r = new ToneRecognizer();
         EmotionServer server = new EmotionServer(r, ServerLimits.defaults()).start("127.0.0.1", 0)) {
      Run run = bench("--url", "http://127.0.0.1:" + server.port(), "--pid", Long.toString(ProcessHandle.current().pid()),
          "--duration", "1", "--warmup", "0.2", "--concurrency", "2", "--json");
      assertThat(run.code()).as(run.err()).isZero();
      JsonNode n = PredictionJson.MAPPER.readTree(run.out());
      assertThat(n.get("requests").asLong()).isPositive().isEqualTo(n.get("statuses").get("200").asLong());
      assertThat(n.get("errors").asLong()).isZero();
      assertThat(n.get("requestsPerSecond").asDouble()).isPositive();
      JsonNode lat = n.get("latencyMs");
      assertThat(lat.get("p50").asDouble()).isPositive().isLessThanOrEqualTo(lat.get("p99").asDouble());
      assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble());
      assertThat(n.get("serverRssMiB").get("before").asDouble()).isPositive();
      assertThat(n.get("clipSeconds").asDouble()).isEqualTo(4.0);
      // Every measured request reached the model.
      assertThat(r.calls.get()).isGreaterThanOrEqualTo(n.get("requests").asInt());

      Run text = bench("--url", "http://127.0.0.1:" + server.port(), "--duration", "1", "--warmup", "0", "--concurrency", "1");
      assertThat(text.out()).contains("requests").contains("latency ms: p50").contains("server RSS MiB: before NaN");
    }
  }

  @Test
  void openLoopRetriesRefusalsAfterRetryAfterAndReportsGoodput() throws Exception {
    // One worker, 50 ms a prediction, 0.2 s timeout: 40 requests/s offered is twice what it can serve.
    try (EmotionRecognizer slow = art.empathic.app.server.ServerLoadTestAccess.slow(50);
         EmotionServer server = new EmotionServer(slow, ServerLimits.defaults().withWorkers(1)
             .withRequestTimeout(java.time.Duration.ofMillis(200))).start("127.0.0.1", 0)) {
      Run run = bench("--url", "http://127.0.0.1:" + server.port(), "--rate", "40", "--duration", "2", "--warmup", "0.5",
          "--give-up", "5", "--retry", "after", "--json");
      assertThat(run.code()).as(run.err()).isZero();
      JsonNode n = PredictionJson.MAPPER.readTree(run.out());
      assertThat(n.get("mode").asText()).isEqualTo("open");
      assertThat(n.get("arrived").asLong()).isBetween(40L, 130L);
      assertThat(n.get("refusals").asLong()).isPositive().isEqualTo(n.get("refusalsWithRetryAfter").asLong());
      assertThat(n.get("answered").asLong()).isPositive();
      assertThat(n.get("goodputPerSecond").asDouble()).isPositive().isLessThanOrEqualTo(25);
      assertThat(n.get("answeredLatencyMs").get("p99").asDouble()).isPositive();
    }
  }

  @Test
  void openLoopKeepsAtMostMaxInFlightOnTheWireAndCountsTheRestAsClientDrops() throws Exception {
    // One worker at 50 ms: 100/s offered through 2 slots on the wire cannot all be sent.
    try (EmotionRecognizer slow = art.empathic.app.server.ServerLoadTestAccess.slow(50);
         EmotionServer server = new EmotionServer(slow, ServerLimits.defaults().withWorkers(1)).start("127.0.0.1", 0)) {
      // The server runs in this JVM, so its pid is ours.
      Run run = bench("--url", "http://127.0.0.1:" + server.port(), "--pid", Long.toString(ProcessHandle.current().pid()),
          "--rate", "100", "--duration", "2", "--warmup", "0.5", "--give-up", "5", "--retry", "after", "--max-in-flight", "2", "--json");
      assertThat(run.code()).as(run.err()).isZero();
      JsonNode n = PredictionJson.MAPPER.readTree(run.out());
      assertThat(n.get("maxInFlight").asInt()).isEqualTo(2);
      long arrived = n.get("arrived").asLong();
      long dropped = n.get("clientDropped").asLong();
      long sent = n.get("sentArrivals").asLong();
      assertThat(dropped).as("client-side drops").isPositive();
      assertThat(sent + dropped).isEqualTo(arrived);
      assertThat(n.get("answered").asLong()).isPositive().isLessThanOrEqualTo(sent);
      // Two on the wire at 50 ms each: at most ~40 answers a second can come back.
      assertThat(n.get("goodputPerSecond").asDouble()).isPositive().isLessThanOrEqualTo(45);
      assertThat(n.get("transportErrors").asLong()).isZero();
      assertThat(n.get("serverAnsweredPerSecond").asDouble()).isPositive();
      assertThat(n.get("serverRefusedPerSecond").asDouble()).isGreaterThanOrEqualTo(0);
      // CPU over the window in cores: this process did work, and no process used more than the machine.
      JsonNode cpu = n.get("cpuCores");
      assertThat(cpu.get("server").asDouble()).isPositive().isEqualTo(cpu.get("client").asDouble(), org.assertj.core.data.Offset.offset(0.05));
      assertThat(cpu.get("machine").asDouble()).isGreaterThanOrEqualTo(cpu.get("server").asDouble() - 0.05)
          .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 0.05);
      assertThat(cpu.has("others")).isTrue();
    }
    assertThat(bench("--rate", "10", "--max-in-flight", "0").err()).contains("--max-in-flight");
  }

  @Test
  void liveModeStreamsMeasuresUpdatesAndSeesTheExtraConnectionRefused() throws Exception {
    try (ToneRecognizer r = new ToneRecognizer();
         EmotionServer server = new EmotionServer(r, ServerLimits.defaults().withMaxLiveSessions(2)).start("127.0.0.1", 0)) {
      Run run = bench("--url", "http://127.0.0.1:" + server.port(), "--live", "2", "--duration", "3", "--warmup", "1.5", "--json");
      assertThat(run.code()).as(run.out() + run.err()).isZero();
      JsonNode n = PredictionJson.MAPPER.readTree(run.out());
      assertThat(n.get("extraConnectionRefused").asBoolean()).isTrue();
      assertThat(n.get("errors")).isEmpty();
      // Two connections, an update every 0.5 s of audio: at most about 12 in 3 s (fewer on a busy machine).
      assertThat(n.get("updates").asLong()).as(run.out()).isBetween(1L, 14L);
      assertThat(n.get("updateLatencyMs").get("p99").asDouble()).isPositive().isLessThan(2000);
    }
  }

  @Test
  void errorsAreCountedAndMakeTheExitCodeNonZero() throws Exception {
    try (EmotionRecognizer failing = TestRecognizers.failing();
         EmotionServer server = new EmotionServer(failing, ServerLimits.defaults()).start("127.0.0.1", 0)) {
      // The first request to a fresh server can take over a second on a loaded machine: it is warm-up.
      Run run = bench("--url", "http://127.0.0.1:" + server.port(), "--duration", "2", "--warmup", "1", "--concurrency", "1", "--json");
      assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
      JsonNode n = PredictionJson.MAPPER.readTree(run.out());
      assertThat(n.get("errors").asLong()).isEqualTo(n.get("statuses").get("500").asLong()).isPositive();
    }
  }

  @Test
  void aServerThatCannotStartIsReportedInOneLine() {
    // The child JVM has no trained model (and no test override) and, pointed at empty folders
    // (the properties reach it), no data to train one, so `serve` refuses to start.
    java.nio.file.Path empty = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "empathic-art-bench-nothing-here");
    System.setProperty("empathic.art.runs", empty.resolve("runs").toString());
    System.setProperty("empathic.art.data", empty.resolve("data").toString());
    try {
      Run run = bench("--duration", "1");
      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err()).contains("the server did not start").contains("no trained model");
    } finally {
      System.clearProperty("empathic.art.runs");
      System.clearProperty("empathic.art.data");
    }
  }

  @Test
  void percentilesUseTheNearestRank() {
    long[] ms = {1_000_000, 2_000_000, 3_000_000, 4_000_000, 100_000_000};
    assertThat(BenchServeCommand.percentile(ms, 50)).isEqualTo(3.0);
    assertThat(BenchServeCommand.percentile(ms, 99)).isEqualTo(100.0);
    assertThat(BenchServeCommand.percentile(new long[0], 50)).isNaN();
  }

  @Test
  void theSyntheticClipIsAFourSecondVoiceLikeWav() throws Exception {
    var audio = WavReader.decode(BenchServeCommand.syntheticClip(), "synthetic");
    assertThat(audio.durationSeconds()).isEqualTo(4.0);
    assertThat(audio.sampleRate()).isEqualTo(16000);
    double peak = 0;
    for (float v : audio.samples()) {
      peak = Math.max(peak, Math.abs(v));
    }
    assertThat(peak).isBetween(0.2, 1.0);
  }

  @Test
  void optionsAreChecked() {
    assertThat(bench("--duration", "0").err()).contains("--duration");
    assertThat(bench("--pid", "1").err()).contains("--pid goes with --url");
  }
}
