package art.empathic.train;

import java.util.Random;

/** Small separable problems the tests synthesise: no files, no corpus. */
final class ToyData {
  private ToyData() {}

  /** Class k: a bump of height 3 on feature k (mod dim) plus unit noise. */
  static ExampleSet pooled(int n, int dim, int classes, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][dim];
    int[] y = new int[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      s[i] = "spk" + (i % 4);
      for (int d = 0; d < dim; d++) {
        x[i][d] = (float) (0.5 * r.nextGaussian() + (d % classes == y[i] ? 3 : 0));
      }
    }
    return new ExampleSet(x, y, s, new long[] {dim});
  }

  /** Class k: a sine of k+1 cycles over the frames in every channel, with random phase and noise. */
  static ExampleSet sequences(int n, int channels, int frames, int classes, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][channels * frames];
    int[] y = new int[n];
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      s[i] = "spk" + (i % 4);
      double phase = r.nextDouble() * 2 * Math.PI;
      for (int c = 0; c < channels; c++) {
        for (int t = 0; t < frames; t++) {
          x[i][c * frames + t] = (float) (Math.sin(2 * Math.PI * (y[i] + 1) * t / frames + phase + c)
              + 0.2 * r.nextGaussian());
        }
      }
    }
    return new ExampleSet(x, y, s, new long[] {channels, frames});
  }
}
