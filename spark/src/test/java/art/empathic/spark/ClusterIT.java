package art.empathic.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark score} on a real multi-process Spark cluster on loopback: a standalone master and
 * two workers, each a separate JVM started from the Spark jars, and the job submitted through
 * Spark's own {@code SparkSubmit} in a fourth JVM, exactly as {@code spark-submit} would (the
 * Maven-only install has no Spark scripts). The toolkit's code reaches the executors as the
 * application jar and {@code --jars}; the model through the job's files (SparkFiles). So model
 * shipping, task serialisation and the one-model-per-executor cache are exercised: six
 * partitions on two single-core executors must load the model exactly twice.
 *
 * <p>The executors' class path (the workers' SPARK_HOME/jars) holds Spark and the third-party
 * libraries (DJL, PyTorch), as a cluster image would; only the toolkit is shipped. Runs after
 * {@code package} (Failsafe), since it submits the built jars.
 */
class ClusterIT {
  private static final Duration START = Duration.ofSeconds(120);
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopCluster() throws InterruptedException {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy(); // SIGTERM: a worker's shutdown hook stops its executors
    }
    for (Process p : processes) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    ExecutorRecognizers.closeAll();
  }

  @Test
  void scoresOnAStandaloneMasterWithTwoWorkerJvms() throws Exception {
    Path appJar = Path.of(System.getProperty("empathic.spark.jar"));
    Path lib = Path.of(System.getProperty("empathic.spark.lib"));
    Path sparkLib = Path.of(System.getProperty("empathic.spark.sparklib"));
    String[] flags = System.getProperty("empathic.spark.jvmflags").trim().split("\\s+");
    assertThat(appJar).as("the spark module's jar (built by package)").isRegularFile();

    Path manifest = TinyCorpus.write(dir, 12);
    Path run = TinyCorpus.train(manifest, dir.resolve("run"));
    Path bad = dir.resolve("bad");
    List<String> badNames = TinyCorpus.writeBadFiles(bad, Files.readAllBytes(dir.resolve("clips/fear-0.wav")));

    // A SPARK_HOME whose jars/ is Spark and the libraries, without the toolkit itself.
    Path home = dir.resolve("spark-home");
    Path jars = Files.createDirectories(home.resolve("jars"));
    Path toolkitJar = null;
    for (Path folder : List.of(sparkLib, lib)) {
      try (Stream<Path> s = Files.list(folder)) {
        for (Path j : s.toList()) {
          if (j.getFileName().toString().startsWith("empathic-art-")) {
            toolkitJar = j;
          } else if (!Files.exists(jars.resolve(j.getFileName()))) {
            Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
          }
        }
      }
    }
    assertThat(toolkitJar).as("the core's jar in " + lib).isNotNull();
    String classPath = jars + "/*";

    Path masterLog = dir.resolve("master.log");
    start(home, classPath, flags, masterLog, Map.of(), "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", "0", "--webui-port", "0");
    Matcher m = waitFor(masterLog, Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)"));
    String masterUrl = m.group(1);
    List<Path> workerLogs = new ArrayList<>();
    for (int w = 1; w <= 2; w++) {
      Path log = dir.resolve("worker-" + w + ".log");
      workerLogs.add(log);
      // Each worker (and the executor it starts) has its own temporary folder, as separate
      // hosts would: each executor rebuilds the model directory from the job's files itself.
      Path tmp = Files.createDirectories(dir.resolve("tmp-" + w));
      start(home, classPath, flags, log, Map.of("JDK_JAVA_OPTIONS", "-Djava.io.tmpdir=" + tmp),
          "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir",
          Files.createDirectories(dir.resolve("work-" + w)).toString(), masterUrl);
    }
    for (Path log : workerLogs) {
      waitFor(log, Pattern.compile("Successfully registered with master"));
    }

    Path out = dir.resolve("scored");
    Path submitLog = dir.resolve("submit.log");
    List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master", masterUrl,
        "--deploy-mode", "client", "--class", SparkMain.class.getName(), "--jars", toolkitJar.toString(),
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.cores.max=2", "--conf", "spark.executor.cores=1",
        "--conf", "spark.executor.memory=1g", "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", flags),
        // Wait for both executors, so that both get tasks and each loads the model once.
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
        appJar.toString(), "score", dir.resolve("clips").toString(), bad.toString(), "--model", run.toString(),
        "--out", out.toString(), "--partitions", "6", "--format", "jsonl"));
    Process driver = start(home, classPath, flags, submitLog, Map.of(), submit.toArray(String[]::new));
    assertThat(driver.waitFor(240, TimeUnit.SECONDS)).as("the job finished in time; " + tail(submitLog)).isTrue();
    String log = Files.readString(submitLog, StandardCharsets.UTF_8);
    assertThat(driver.exitValue()).as(tail(submitLog)).isEqualTo(SparkMain.EXIT_SOME_ERRORS);
    assertThat(log).contains("spark score: 101 clips, 5 errors").contains("on " + masterUrl + ", 6 partitions")
        .contains("model loads in tasks 2;");
    assertThat(out.resolve("_SUCCESS")).isRegularFile();
    for (int w = 1; w <= 2; w++) {
      try (Stream<Path> models = Files.list(dir.resolve("tmp-" + w).resolve("empathic-art-spark-models"))) {
        assertThat(models.toList()).as("worker " + w + "'s executor rebuilt the shipped model").hasSize(1)
            .allSatisfy(model -> assertThat(model.resolve("model.params")).isRegularFile());
      }
    }

    Map<String, JsonNode> rows = SparkJobsTest.byPath(SparkJobsTest.readJsonLines(out), "path");
    assertThat(rows).hasSize(101);
    try (EmotionRecognizer api = EmotionRecognizer.load(run)) {
      int scored = 0;
      for (Map.Entry<String, JsonNode> en : rows.entrySet()) {
        JsonNode s = en.getValue();
        String name = Path.of(en.getKey()).getFileName().toString();
        if (badNames.contains(name)) {
          assertThat(s.get("error").asText()).as(name).isNotBlank().doesNotContain("\n");
          continue;
        }
        EmotionPrediction p = api.predict(Path.of(en.getKey()));
        assertThat(s.get("emotion").asText()).as(name).isEqualTo(p.top().label());
        for (Emotion e : api.classes()) {
          assertThat(s.get(ScoreRows.probabilityColumn(e)).asDouble()).as(name + " " + e)
              .isCloseTo(p.probability(e), offset(1e-5));
        }
        scored++;
      }
      assertThat(scored).isEqualTo(96);
    }
  }

  private Process start(Path home, String classPath, String[] flags, Path log, Map<String, String> env,
      String... mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(List.of(flags));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.addAll(List.of(mainAndArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_LOG_DIR", dir.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private Matcher waitFor(Path log, Pattern pattern) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (m.find()) {
          return m;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + pattern + "' in " + log + " within " + START.toSeconds() + " s; " + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return log.getFileName() + " ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return log + ": " + e.getMessage();
    }
  }
}
