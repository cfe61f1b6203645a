package art.empathic.train;

import ai.djl.ndarray.types.Shape;
import art.empathic.model.Architecture;
import art.empathic.model.Network;
import art.empathic.run.EpochStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Random;

/**
 * A timing harness, not a test (no {@code @Test}; docs/BENCHMARKS.md, "The MLP case after the
 * hand-written backward"): fits of an MLP on synthetic examples through the Fitter's seams
 * ({@code handGradient}, {@code residentExamples}; config "00" is the autograd path with batches
 * from Java, "11" the default), printing the fit's wall time, the training thread's CPU per epoch
 * and the page faults. Run one config per fresh JVM, alternating, to compare warm-up too.
 *
 * <p>args: n dim classes hidden alpha epochs reps masked(0/1) [configs, e.g. "00,11"]
 */
public final class FitTiming {
  static long minflt() throws java.io.IOException {
    String st = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
    String[] f = st.substring(st.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[7]);
  }

  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    int dim = Integer.parseInt(a[1]);
    int classes = Integer.parseInt(a[2]);
    int hidden = Integer.parseInt(a[3]);
    double alpha = Double.parseDouble(a[4]);
    int epochs = Integer.parseInt(a[5]);
    int reps = Integer.parseInt(a[6]);
    boolean masked = a[7].equals("1");
    String[] configs = (a.length > 8 ? a[8] : "00,11").split(",");
    Random r = new Random(1);
    float[][] x = new float[n][dim];
    int[] y = new int[n];
    String[] s = new String[n];
    boolean[][] allowed = new boolean[n][classes];
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(classes);
      s[i] = "s" + (i % 20);
      int corpus = i % 4;
      for (int d = 0; d < dim; d++) {
        x[i][d] = (float) (r.nextGaussian() + (d % classes == y[i] ? 0.7 : 0));
      }
      for (int k = 0; k < classes; k++) {
        allowed[i][k] = k == y[i] || (k + corpus) % 4 != 0;
      }
      w[i] = corpus == 0 ? 1.6f : 0.8f;
    }
    ExampleSet train = new ExampleSet(x, y, s, new long[] {dim});
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    TrainSettings settings = TrainSettings.sklearnMlp(42).toBuilder().epochs(epochs).sklearnStopping(false).build();
    for (int rep = 0; rep < reps; rep++) {
      for (String c : configs) {
        Network net = Network.build(new Architecture.Mlp(List.of(hidden), alpha), new Shape(dim), classes);
        try (Fitter f = new Fitter(net, settings)) {
          if (masked) {
            f.restrictLoss(allowed).weightExamples(w);
          }
          f.handGradient = c.charAt(0) == '1';
          f.residentExamples = c.charAt(1) == '1';
          long[] last = {bean.getCurrentThreadCpuTime()};
          java.util.List<Long> epochCpu = new java.util.ArrayList<>();
          FitListener cpuWatch = new FitListener() {
            @Override public void epochDone(EpochStats st, int all) {
              long now = bean.getCurrentThreadCpuTime();
              epochCpu.add(now - last[0]);
              last[0] = now;
            }
          };
          long flt0 = minflt();
          long cpu0 = bean.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          FitResult res = f.fit(FitRequest.of(train).listener(cpuWatch).build());
          long cpu = bean.getCurrentThreadCpuTime() - cpu0;
          long wall = System.nanoTime() - t0;
          System.out.println("minor faults during fit: " + (minflt() - flt0));
          List<EpochStats> h = res.history();
          int batches = f.batchesPerEpoch(n);
          double[] sec = h.stream().mapToDouble(EpochStats::seconds).toArray();
          double first = sec[0];
          double late = java.util.Arrays.stream(sec, Math.max(1, sec.length / 2), sec.length).sorted()
              .toArray()[(sec.length - Math.max(1, sec.length / 2)) / 2];
          double[] ec = epochCpu.stream().mapToDouble(v -> v / 1e6).toArray();
          double[] lateC = java.util.Arrays.copyOfRange(ec, ec.length / 2, ec.length);
          java.util.Arrays.sort(lateC);
          double first20 = java.util.Arrays.stream(ec, 0, Math.min(20, ec.length)).average().orElse(0);
          System.out.printf("CPU ms: first epoch %.1f, first 20 mean %.2f, late median %.2f (%.3f per batch), total %.1f%n",
              ec[0], first20, lateC[lateC.length / 2], lateC[lateC.length / 2] / batches, java.util.Arrays.stream(ec).sum());
          System.out.printf("rep %d hand=%c resident=%c: fit %.3f s (training_seconds %.3f), thread CPU %.3f s, "
              + "first epoch %.1f ms, median late epoch %.2f ms = %.3f ms/batch, last loss %.6f acc %.4f%n",
              rep, c.charAt(0), c.charAt(1), wall / 1e9, res.trainingSeconds(), cpu / 1e9, first * 1e3, late * 1e3,
              late * 1e3 / batches, h.get(h.size() - 1).trainLoss(), h.get(h.size() - 1).trainAccuracy());
        }
      }
    }
  }
}
