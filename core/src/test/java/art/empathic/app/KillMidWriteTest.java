package art.empathic.app;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.features.FeatureCache;
import art.empathic.io.Npy;
import art.empathic.io.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of writing: results are whole or absent, the feature cache holds only
 * whole entries (a damaged one is detected and recomputed), and a batch run after a kill gives
 * the same output as an uninterrupted one. {@code Process.destroyForcibly} is SIGKILL on Linux.
 */
class KillMidWriteTest {
  @TempDir Path tmp;

  private static List<String> javaCommand(Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  @Test
  void aKilledWriterLeavesWholeFilesAndAValidCache() throws Exception {
    Path big = tmp.resolve("out/big.bin");
    Path cacheDir = tmp.resolve("cache");
    Random rnd = new Random(5);
    for (int round = 0; round < 4; round++) {
      Process p = new ProcessBuilder(javaCommand(CrashWriter.class, big.toString(), cacheDir.toString()))
          .redirectErrorStream(true).start();
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(r.readLine()).isEqualTo("writing");
      Thread.sleep(200 + rnd.nextInt(1500));
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);

      // The result is absent or one whole version: every byte the same, full length.
      if (Files.exists(big)) {
        byte[] b = Files.readAllBytes(big);
        assertThat(b).hasSize(24 << 20);
        byte v = b[0];
        for (int i = 0; i < b.length; i += 4096) {
          assertThat(b[i]).isEqualTo(v);
        }
        assertThat(b[b.length - 1]).isEqualTo(v);
      }
      // Every cache entry is whole: a hit with the right values, or a miss; never corrupt.
      FeatureCache cache = FeatureCache.at(cacheDir);
      for (int i = 0; i < 400; i++) {
        FeatureCache.Lookup l = cache.lookup(CrashWriter.key(i));
        assertThat(l.status()).isNotEqualTo(FeatureCache.Status.CORRUPT);
        if (l.status() == FeatureCache.Status.HIT) {
          assertThat(l.matrix()).isDeepEqualTo(CrashWriter.matrix(i));
        }
      }
    }
    // The kills may leave stray temporary files, never anything under a result's own name.
    try (Stream<Path> s = Files.walk(tmp)) {
      assertThat(s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
          .allSatisfy(n -> assertThat(n.equals("big.bin") || n.endsWith(".f32") || n.endsWith(AtomicFiles.TEMP_SUFFIX)).as(n).isTrue());
    }
  }

  @Test
  void aDamagedCacheEntryIsDetectedAndRecomputed() throws Exception {
    FeatureCache cache = FeatureCache.at(tmp.resolve("cache"));
    cache.put(CrashWriter.key(1), CrashWriter.matrix(1));
    Path entry = cache.entryPath(CrashWriter.key(1));
    // What a writer without atomic rename would leave when killed: the first half of the entry.
    byte[] whole = Files.readAllBytes(entry);
    Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2));
    FeatureCache again = FeatureCache.at(tmp.resolve("cache"));
    assertThat(again.lookup(CrashWriter.key(1)).status()).isEqualTo(FeatureCache.Status.CORRUPT);
    again.put(CrashWriter.key(1), CrashWriter.matrix(1));
    assertThat(FeatureCache.at(tmp.resolve("cache")).lookup(CrashWriter.key(1)).matrix()).isDeepEqualTo(CrashWriter.matrix(1));
  }

  /** A TESS-named corpus with good clips and the bad files a real folder holds. */
  private Path corpus() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tess"));
    String[] emotions = {"angry", "sad", "ps", "neutral", "fear", "happy", "disgust"};
    for (int i = 0; i < 60; i++) {
      float[] y = new float[16000 + 400 * i];
      for (int t = 0; t < y.length; t++) {
        y[t] = (float) (0.2 * Math.sin(2 * Math.PI * (180 + 7 * i) * t / 16000.0));
      }
      WavWriter.pcm16().write(dir.resolve((i % 2 == 0 ? "OAF" : "YAF") + "_word" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "_" + emotions[i % emotions.length] + ".wav"),
          new Audio(y, 16000));
    }
    Files.write(dir.resolve("OAF_empty_sad.wav"), new byte[0]);
    byte[] good = Files.readAllBytes(dir.resolve("OAF_wordaa_angry.wav"));
    Files.write(dir.resolve("OAF_truncated_angry.wav"), java.util.Arrays.copyOf(good, 30));
    Files.write(dir.resolve("YAF_png_happy.wav"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
    Files.writeString(dir.resolve("YAF_text_fear.wav"), "RIFF but not really a wave file");
    return dir;
  }

  @Test
  void featuresExportKilledMidRunThenRerunGivesTheUninterruptedResult() throws Exception {
    Path dir = corpus();
    Path cache = tmp.resolve("cache");
    Path out = tmp.resolve("out");
    String[] export = {"features", "export", dir.toString(), "--kind", "mfcc-seq", "--frames", "50", "--out", out.toString(),
        "--cache", cache.toString(), "--no-progress"};
    // The uninterrupted result first, with its own cache.
    Path clean = tmp.resolve("clean");
    String[] fresh = export.clone();
    fresh[8] = clean.toString();
    fresh[10] = tmp.resolve("fresh-cache").toString();
    assertThat(MainTest.run(fresh).code()).isZero();
    Npy.Array expected = Npy.read(clean.resolve("features.npy"));
    List<String> expectedCsv = Files.readAllLines(clean.resolve("clips.csv"));
    assertThat(expected.shape()[0]).isGreaterThan(40);

    Random rnd = new Random(9);
    for (int round = 0; round < 3; round++) {
      Process p = new ProcessBuilder(javaCommand(Main.class, export)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Thread.sleep(800 + rnd.nextInt(2500));
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      if (Files.exists(out.resolve("features.npy"))) {
        assertThat(Npy.read(out.resolve("features.npy")).data()).containsExactly(expected.data());
      }
      if (Files.exists(out.resolve("clips.csv"))) {
        assertThat(Files.readAllLines(out.resolve("clips.csv"))).isEqualTo(expectedCsv);
      }
    }
    MainTest.Result resumed = MainTest.run(export);
    assertThat(resumed.code()).as(resumed.err()).isZero();
    // Each bad file is named once with its problem; the batch went on.
    for (String bad : List.of("OAF_empty_sad.wav", "OAF_truncated_angry.wav", "YAF_png_happy.wav", "YAF_text_fear.wav")) {
      assertThat(resumed.err().lines().filter(l -> l.contains(bad)).count()).as(bad + " in\n" + resumed.err()).isEqualTo(1);
    }
    assertThat(Npy.read(out.resolve("features.npy")).data()).containsExactly(expected.data());
    assertThat(Files.readAllLines(out.resolve("clips.csv"))).isEqualTo(expectedCsv);
  }
}
