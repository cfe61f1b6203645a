package art.empathic.features.dsp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The golden MFCC resources written by {@code bench/peers/make_mfcc_golden.py} (parameter sets,
 * clips, expected values from the numpy reference) and the helpers to compare against them.
 */
final class GoldenData {
  static final String ROOT = "/art/empathic/features/golden/";

  /** A row of sets.tsv; win 0 means n_fft and fmax 0 means sr / 2, as the generator writes. */
  record ParamSet(String name, int nMfcc, int nFft, int hop, int win, int nMels, double fmin, double fmax,
      boolean center, String topDb) {
    MfccConfig config(int sampleRate) {
      return new MfccConfig(sampleRate, nMfcc, nFft, hop, win == 0 ? nFft : win, nMels, fmin,
          fmax == 0 ? sampleRate / 2.0 : fmax, center, topDb.equals("none") ? null : Double.valueOf(topDb));
    }

    /** The same parameters as command-line flags of mfcc_reference.py and {@code empathic-art mfcc}. */
    List<String> flags(int sampleRate) {
      MfccConfig c = config(sampleRate);
      List<String> f = new ArrayList<>(List.of("--n-mfcc", "" + nMfcc, "--n-fft", "" + nFft, "--hop-length", "" + hop,
          "--n-mels", "" + nMels, "--fmin", "" + fmin, "--fmax", "" + c.fmax(), "--top-db", topDb));
      if (win != 0) {
        f.addAll(List.of("--win-length", "" + win));
      }
      if (!center) {
        f.add("--no-center");
      }
      return f;
    }
  }

  record Case(String clip, String set, String kind, String file) {
    boolean expectsError() {
      return file.equals("ERROR");
    }
  }

  private GoldenData() {}

  static Map<String, ParamSet> sets() {
    Map<String, ParamSet> sets = new LinkedHashMap<>();
    for (String[] r : tsv("sets.tsv")) {
      sets.put(r[0], new ParamSet(r[0], Integer.parseInt(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]),
          Integer.parseInt(r[4]), Integer.parseInt(r[5]), Double.parseDouble(r[6]), Double.parseDouble(r[7]),
          Boolean.parseBoolean(r[8]), r[9]));
    }
    return sets;
  }

  static List<Case> cases() {
    return tsv("index.tsv").stream().map(r -> new Case(r[0], r[1], r[2], r[3])).toList();
  }

  private static List<String[]> tsv(String name) {
    try (InputStream in = open(name)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      return lines.stream().filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream open(String name) {
    InputStream in = GoldenData.class.getResourceAsStream(ROOT + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + ROOT + name);
    }
    return in;
  }

  /** A golden clip: written by the generator as plain 16-bit mono PCM with a 44-byte header. */
  record Clip(float[] samples, int sampleRate) {}

  static Clip clip(String name) {
    try (InputStream in = open("clips/" + name + ".wav")) {
      return pcm16(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Minimal decoder for the generator's canonical 44-byte-header 16-bit mono WAV (x / 32768). */
  static Clip pcm16(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getShort(20) != 1 || b.getShort(22) != 1 || b.getShort(34) != 16) {
      throw new IllegalArgumentException("not 16-bit mono PCM");
    }
    int rate = b.getInt(24);
    int n = b.getInt(40) / 2;
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = b.getShort(44 + 2 * i) / 32768f;
    }
    return new Clip(y, rate);
  }

  /** Expected values as [coefficient][frame] (the CSV has one line per frame). */
  static float[][] expected(String file) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(open("expected/" + file)),
        StandardCharsets.UTF_8))) {
      return transposedCsv(r.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float[][] readCsv(Path file) throws IOException {
    return transposedCsv(Files.readAllLines(file));
  }

  /** CSV lines (one per frame) to [coefficient][frame]. */
  static float[][] transposedCsv(List<String> lines) {
    List<String> rows = lines.stream().filter(l -> !l.isBlank()).toList();
    int cols = rows.get(0).split(",").length;
    float[][] m = new float[cols][rows.size()];
    for (int t = 0; t < rows.size(); t++) {
      String[] v = rows.get(t).split(",");
      if (v.length != cols) {
        throw new IllegalArgumentException("ragged CSV at line " + (t + 1));
      }
      for (int c = 0; c < cols; c++) {
        m[c][t] = Float.parseFloat(v[c]);
      }
    }
    return m;
  }

  /** Max |a - b| over equal-shaped matrices (shape mismatch fails the calling assertion). */
  static double maxAbsDiff(float[][] a, float[][] b) {
    if (a.length != b.length || a[0].length != b[0].length) {
      throw new AssertionError("shape " + a.length + "x" + a[0].length + " != expected " + b.length + "x" + b[0].length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        max = Math.max(max, Math.abs((double) a[i][j] - b[i][j]));
      }
    }
    return max;
  }

  /** Computes one kind of output the way the generator did. */
  static float[][] compute(MfccExtractor extractor, float[] y, String kind) {
    return switch (kind) {
      case "mfcc" -> extractor.mfcc(y);
      case "meldb" -> extractor.melDb(y);
      case "delta1" -> MfccExtractor.delta(extractor.mfcc(y), 9, 1);
      case "delta2" -> MfccExtractor.delta(extractor.mfcc(y), 9, 2);
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
  }
}
