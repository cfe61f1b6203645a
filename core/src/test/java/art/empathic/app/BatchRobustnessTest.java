package art.empathic.app;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} and {@code evaluate} over a folder that holds corrupt, empty, truncated and
 * non-audio .wav files: they finish, name each bad file, and write whole outputs; a SIGKILL of
 * {@code train} in the middle of its run leaves no torn file and {@code train --resume} (or a
 * re-run, when the kill came before the run was described) finishes it. Synthetic tones, an MLP
 * and a few epochs keep each run to seconds.
 */
class BatchRobustnessTest {
  @TempDir Path tmp;

  private static final List<String> BAD = List.of("OAF_empty_sad.wav", "OAF_truncated_angry.wav", "YAF_png_happy.wav",
      "YAF_text_fear.wav");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A TESS-named folder: 7 emotions x 8 tones (pitch by emotion) plus the four bad files. */
  private Path corpus() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tess"));
    String[] emotions = {"angry", "sad", "ps", "neutral", "fear", "happy", "disgust"};
    Random r = new Random(3);
    for (int e = 0; e < emotions.length; e++) {
      for (int i = 0; i < 8; i++) {
        double f0 = 150 + 50 * e + 3 * r.nextGaussian();
        float[] y = new float[12000 + 200 * i];
        for (int t = 0; t < y.length; t++) {
          y[t] = (float) (0.25 * Math.sin(2 * Math.PI * f0 * t / 16000.0) + 0.01 * r.nextGaussian());
        }
        WavWriter.pcm16().write(dir.resolve((i % 2 == 0 ? "OAF" : "YAF") + "_w" + (char) ('a' + e) + (char) ('a' + i) + "_" + emotions[e] + ".wav"),
            new Audio(y, 16000));
      }
    }
    Files.write(dir.resolve("OAF_empty_sad.wav"), new byte[0]);
    byte[] good = Files.readAllBytes(dir.resolve("OAF_waa_angry.wav"));
    Files.write(dir.resolve("OAF_truncated_angry.wav"), Arrays.copyOf(good, 30));
    Files.write(dir.resolve("YAF_png_happy.wav"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
    Files.writeString(dir.resolve("YAF_text_fear.wav"), "RIFF but not really a wave file");
    return dir;
  }

  private List<String> trainArgs(Path data, Path run, Path cache, int epochs) {
    return new ArrayList<>(List.of("train", "--model", "mlp", "--data", data.toString(), "--corpus", "tess", "--out",
        run.toString(), "--cache", cache.toString(), "--no-progress", "--augment", "none", "--epochs", String.valueOf(epochs),
        "--normalize", "global"));
  }

  /** Every result file of a run is whole: JSON parses, predictions have one full row per line. */
  private static void assertWhole(Path run) throws IOException {
    try (Stream<Path> s = Files.list(run)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
          JSON.readTree(f.toFile()); // throws on a torn document
          assertThat(Files.size(f)).as(name).isPositive();
        } else if (name.equals("predictions.csv")) {
          List<String> lines = Files.readAllLines(f);
          int columns = lines.get(0).split(",", -1).length;
          assertThat(lines).as(name).hasSizeGreaterThan(1);
          for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(columns);
            double sum = 0;
            for (int k = 3; k < columns; k++) {
              sum += Double.parseDouble(cells[k]);
            }
            assertThat(sum).as("probabilities of " + line).isBetween(0.99, 1.01);
          }
        } else if (name.endsWith(".png")) {
          byte[] b = Files.readAllBytes(f);
          // A whole PNG ends with its IEND chunk.
          assertThat(new String(Arrays.copyOfRange(b, b.length - 8, b.length - 4), "ISO-8859-1")).as(name).isEqualTo("IEND");
        } else if (name.endsWith(".params") || name.endsWith(".ckpt")) {
          assertThat(Files.size(f)).as(name).isPositive();
        }
      }
    }
  }

  @Test
  void trainAndEvaluateOverAFolderWithBadFilesFinishNameWhatTheySkippedAndWriteWholeOutputs() throws Exception {
    Path data = corpus();
    Path run = tmp.resolve("run");
    MainTest.Result trained = MainTest.run(trainArgs(data, run, tmp.resolve("cache"), 8).toArray(String[]::new));
    assertThat(trained.code()).as(trained.err()).isZero();
    for (String bad : BAD) {
      assertThat(trained.out()).as("train names " + bad).containsOnlyOnce(bad);
    }
    assertThat(run.resolve("metrics.json")).isRegularFile();
    assertThat(run.resolve("predictions.csv")).isRegularFile();
    assertWhole(run);
    // The skipped files are not among the predictions.
    String predictions = Files.readString(run.resolve("predictions.csv"));
    BAD.forEach(bad -> assertThat(predictions).doesNotContain(bad));

    MainTest.Result evaluated = MainTest.run("evaluate", run.toString(), "--data", data.toString(), "--corpus", "tess",
        "--no-progress");
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    for (String bad : BAD) {
      assertThat(evaluated.out()).as("evaluate names " + bad).containsOnlyOnce(bad);
    }
    assertThat(evaluated.out()).containsIgnoringCase("accuracy");
    try (Stream<Path> s = Files.walk(run)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        assertWhole(d);
      }
    }
  }

  @Test
  void trainKilledMidRunLeavesNoTornFileAndResumeFinishesIt() throws Exception {
    Path data = corpus();
    Path cache = tmp.resolve("cache");
    Path run = tmp.resolve("run");
    List<String> args = trainArgs(data, run, cache, 300);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(args);
    Random rnd = new Random(11);
    boolean killedMidRun = false;
    for (int round = 0; round < 3 && !Files.exists(run.resolve("metrics.json")); round++) {
      List<String> c = new ArrayList<>(cmd);
      if (Files.exists(run.resolve("spec.json"))) {
        // The run is described: continue it rather than start over.
        c = new ArrayList<>(cmd.subList(0, cmd.indexOf("train") + 1));
        c.addAll(List.of("--resume", run.toString(), "--no-progress"));
      }
      boolean fresh = !Files.exists(run.resolve("spec.json"));
      Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (fresh) {
        // Kill just after the run is described (spec.json is written before training starts): on a
        // quiet machine the whole tiny run takes about a second, so a fixed sleep could miss it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && !Files.exists(run.resolve("spec.json")) && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        Thread.sleep(rnd.nextInt(150));
      } else {
        Thread.sleep(300 + rnd.nextInt(1500));
      }
      killedMidRun |= p.isAlive();
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (Files.isDirectory(run)) {
        assertWhole(run);
      }
    }
    assertThat(killedMidRun).as("at least one kill landed while train was running").isTrue();

    // On a quiet machine the last round may finish before its kill: then there is nothing to resume.
    if (!Files.exists(run.resolve("metrics.json"))) {
      MainTest.Result finished = Files.exists(run.resolve("spec.json"))
          ? MainTest.run("train", "--resume", run.toString(), "--no-progress")
          : MainTest.run(args.toArray(String[]::new));
      assertThat(finished.code()).as(finished.err()).isZero();
    }
    assertThat(run.resolve("metrics.json")).isRegularFile();
    assertWhole(run);
    // The kills may leave stray temporary files (hidden, named *.tmp), never a torn file under a result's own name.
    try (Stream<Path> s = Files.list(run)) {
      assertThat(s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX)))
          .allMatch(n -> n.startsWith("."));
    }
    MainTest.Result evaluated = MainTest.run("evaluate", run.toString(), "--no-progress");
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    assertThat(evaluated.out()).contains("equal to the recorded result");
  }
}
