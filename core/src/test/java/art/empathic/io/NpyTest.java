package art.empathic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files: the header numpy expects, round trips, and numpy itself reading them. */
class NpyTest {
  @TempDir Path tmp;

  static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void headerIsVersionOneFloat32CorderAlignedTo64Bytes() {
    byte[] h = Npy.header(new int[] {3, 40, 128});
    assertThat(h.length % 64).isZero();
    assertThat(new String(h, 0, 6, StandardCharsets.ISO_8859_1)).isEqualTo("\u0093NUMPY");
    assertThat(h[6]).isEqualTo((byte) 1);
    assertThat(h[7]).isEqualTo((byte) 0);
    String dict = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
    assertThat(dict).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 40, 128), }").endsWith("\n");
    assertThat(new String(Npy.header(new int[] {7}), StandardCharsets.US_ASCII)).contains("'shape': (7,)");
  }

  @Test
  void writesAndReadsBack() throws IOException {
    float[] a = {1.5f, -2f, Float.MIN_VALUE, 3e38f, 0f, 6.25f};
    Path f = tmp.resolve("x.npy");
    Npy.write(f, List.of(new float[] {1.5f, -2f, Float.MIN_VALUE}, new float[] {3e38f, 0f, 6.25f}), new int[] {3});
    Npy.Array back = Npy.read(f);
    assertThat(back.shape()).containsExactly(2, 3);
    assertThat(back.descr()).isEqualTo("<f4");
    assertThat(back.data()).containsExactly(a);
    assertThatThrownBy(() -> Npy.write(f, List.of(new float[2]), new int[] {3})).hasMessageContaining("does not fit");
    Files.writeString(tmp.resolve("bad.npy"), "hello");
    assertThatThrownBy(() -> Npy.read(tmp.resolve("bad.npy"))).hasMessageContaining("not an .npy file");
  }

  @Test
  void numpyReadsOurFilesAndWeReadNumpys() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 not found: skipped");
    Path ours = tmp.resolve("ours.npy");
    float[] data = new float[2 * 3 * 4];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.25f - 1;
    }
    Npy.write(ours, data, new int[] {2, 3, 4});
    Path theirs = tmp.resolve("theirs.npy");
    String out = python("import numpy as np, sys\n"
        + "a = np.load(sys.argv[1])\n"
        + "assert a.dtype == np.dtype('<f4') and a.shape == (2, 3, 4) and a.flags['C_CONTIGUOUS'], (a.dtype, a.shape)\n"
        + "assert np.array_equal(a.ravel(), np.arange(24, dtype=np.float32) * 0.25 - 1)\n"
        + "np.save(sys.argv[2], (np.arange(6, dtype=np.float32) / 3).reshape(3, 2))\n"
        + "print(float(a[1, 2, 3]))\n", ours.toString(), theirs.toString());
    assertThat(out.trim()).isEqualTo("4.75");
    Npy.Array back = Npy.read(theirs);
    assertThat(back.shape()).containsExactly(3, 2);
    assertThat(back.data()).containsExactly(0f, 1 / 3f, 2 / 3f, 1f, 4 / 3f, 5 / 3f);
  }

  /** Runs a script with the system Python (numpy); skips the test if numpy is missing. */
  static String python(String script, String... args) throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 not found: skipped");
    List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeFalse(out.contains("No module named 'numpy'"), "numpy not installed: skipped");
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }
}
