package art.empathic.spark;

import art.empathic.app.Main;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic corpus and a tiny model trained on it, as the core's TrainingRunTest makes them:
 * every emotion is a harmonic tone of its own pitch with per-clip jitter, level and noise (one
 * second at 16 kHz), listed in a manifest; an MLP trained for 40 epochs hears them apart. Plus
 * the bad files a batch meets: corrupt, empty, text, truncated, and a header claiming gigabytes.
 */
final class TinyCorpus {
  static final int SR = 16000;

  private TinyCorpus() {}

  /**
   * Writes {@code perClass} clips of each of the eight classes (the release model's: the study's
   * seven and Neutral) under {@code dir/clips}; returns the manifest.
   */
  static Path write(Path dir, int perClass) throws IOException {
    Random r = new Random(7);
    List<String> rows = new ArrayList<>(List.of("path,emotion,speaker"));
    for (Emotion e : Emotion.values()) {
      for (int i = 0; i < perClass; i++) {
        double f0 = 140 + 45 * e.ordinal() + r.nextGaussian() * 4;
        float[] x = new float[SR];
        double level = 0.2 + 0.2 * r.nextDouble();
        for (int t = 0; t < x.length; t++) {
          double s = 0;
          for (int h = 1; h <= 4; h++) {
            s += Math.sin(2 * Math.PI * f0 * h * t / SR) / h;
          }
          x[t] = (float) (level * s / 2 + 0.01 * r.nextGaussian());
        }
        String name = e.label().toLowerCase(Locale.ROOT) + "-" + i + ".wav";
        WavWriter.pcm16().write(dir.resolve("clips").resolve(name), new Audio(x, SR));
        rows.add("clips/" + name + "," + e.label().toLowerCase(Locale.ROOT) + ",spk" + (i % 4));
      }
    }
    return Files.write(dir.resolve("manifest.csv"), rows);
  }

  /** A clip of {@code seconds} whose pitch walks from Angry's to Surprise's (a timeline to follow). */
  static Path glide(Path file, double seconds) throws IOException {
    int n = (int) (seconds * SR);
    float[] x = new float[n];
    double phase = 0;
    for (int t = 0; t < n; t++) {
      double f0 = 140 + 270.0 * t / n;
      phase += 2 * Math.PI * f0 / SR;
      x[t] = (float) (0.3 * (Math.sin(phase) + Math.sin(2 * phase) / 2));
    }
    WavWriter.pcm16().write(file, new Audio(x, SR));
    return file;
  }

  /** Trains the tiny eight-class model into {@code run}; fails the test with the CLI's output if training fails. */
  static Path train(Path manifest, Path run) {
    Result res = core("train", "--model", "mlp", "--data", manifest.toString(), "--out", run.toString(), "--no-cache",
        "--no-progress", "--augment", "none", "--epochs", "40", "--normalize", "global", "--neutral", "keep");
    if (res.code() != 0) {
      throw new AssertionError("training the test model failed: " + res.err() + res.out());
    }
    return run;
  }

  /** The bad inputs, written into {@code dir}; returns their names. */
  static List<String> writeBadFiles(Path dir, byte[] goodWav) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(3);
    byte[] noise = new byte[4000];
    r.nextBytes(noise);
    Files.write(dir.resolve("corrupt.wav"), noise);
    Files.write(dir.resolve("empty.wav"), new byte[0]);
    Files.writeString(dir.resolve("notes.wav"), "these are meeting notes, not audio\n", StandardCharsets.UTF_8);
    Files.write(dir.resolve("truncated.wav"), java.util.Arrays.copyOf(goodWav, 30));
    // A valid header whose data chunk claims 2 GB that are not there.
    ByteBuffer b = ByteBuffer.allocate(44 + 200).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(Integer.MAX_VALUE - 8)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(SR).putInt(SR * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(Integer.MAX_VALUE - 44);
    Files.write(dir.resolve("huge-header.wav"), b.array());
    return List.of("corrupt.wav", "empty.wav", "notes.wav", "truncated.wav", "huge-header.wav");
  }

  record Result(int code, String out, String err) {}

  /** Runs a core CLI command in this JVM. */
  static Result core(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs a spark command in this JVM. */
  static Result spark(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  /** The local path of a "file:" URI as Spark writes it. */
  static String localPath(String uri) {
    return uri.startsWith("file:") ? Path.of(java.net.URI.create(uri)).toString() : uri;
  }
}
