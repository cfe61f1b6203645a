package art.empathic.app.bench;

import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.audio.WavWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import art.empathic.app.Main;
import art.empathic.recognize.PredictionJson;

/**
 * {@code bench serve}: a closed-loop load test of {@code POST /api/predict}. Meant to hang under
 * the {@code bench} parent command; it does not register itself.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Load-test the prediction server on loopback: N clients POST a 4 s WAV back to back for a bounded time,",
      "then report requests/s, p50/p90/p99 latency, errors by status, and the server's RSS before, during and after.",
      "Without --url it starts `serve` in a child JVM (so RSS is the server's alone) and stops it afterwards."
    })
public final class BenchServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "RUNDIR", description = "Model for the started server (default: the default model).")
  Path model;

  @Option(names = "--url", paramLabel = "URL", description = "Load an already running server instead, e.g. http://127.0.0.1:8080.")
  URI url;

  @Option(names = "--pid", paramLabel = "PID", description = "With --url: the server's process id, for its RSS.")
  Long pid;

  @Option(names = "--clip", paramLabel = "FILE.wav", description = "The clip to send (default: a synthetic 4 s voice-like 16 kHz clip).")
  Path clip;

  @Option(names = "--concurrency", defaultValue = "8", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--duration", defaultValue = "10", description = "Measured seconds (1-600). Default: ${DEFAULT-VALUE}.")
  double duration;

  @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured warm-up seconds first. Default: ${DEFAULT-VALUE}.")
  double warmup;

  @Option(names = "--workers", description = "Prediction workers of the started server (default: its default, one per core).")
  Integer workers;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  /** What one run measured. Latencies in milliseconds, RSS in MiB (NaN when unknown). */
  public record Result(int clients, double seconds, long requests, Map<Integer, Long> statuses, long transportErrors,
      double p50, double p90, double p99, double max, double rssBefore, double rssAfter, double rssMax) {
    public double requestsPerSecond() {
      return requests / seconds;
    }

    public long errors() {
      return transportErrors + statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!(duration >= 1 && duration <= 600) || !(warmup >= 0 && warmup <= 120) || concurrency < 1 || concurrency > 1024) {
      throw new IllegalArgumentException("need 1 <= --duration <= 600 s, 0 <= --warmup <= 120 s, 1 <= --concurrency <= 1024");
    }
    if (url == null && pid != null) {
      throw new IllegalArgumentException("--pid goes with --url (a started server's pid is known)");
    }
    byte[] wav = clip != null ? Files.readAllBytes(clip) : syntheticClip();
    double clipSeconds = WavReader.decode(wav, clip != null ? clip.toString() : "synthetic clip").durationSeconds();
    PrintWriter out = spec.commandLine().getOut();
    Process child = null;
    try {
      URI target = url;
      long serverPid;
      if (target == null) {
        child = startServer();
        target = awaitBanner(child);
        serverPid = child.pid();
      } else {
        serverPid = pid != null ? pid : -1;
      }
      URI predict = target.resolve("/api/predict");
      Result r = run(predict, wav, serverPid);
      if (json) {
        out.println(PredictionJson.write(toJson(r, target, clipSeconds)));
      } else {
        out.printf(Locale.ROOT, "bench serve: %d clients, %.0f s measured after %.0f s warm-up, clip %.2f s (%d KiB), server %s%s%n",
            r.clients(), r.seconds(), warmup, clipSeconds, wav.length / 1024, target, serverPid > 0 ? " (pid " + serverPid + ")" : "");
        out.printf(Locale.ROOT, "requests %d (%.1f/s), errors %d, statuses %s%s%n", r.requests(), r.requestsPerSecond(), r.errors(),
            r.statuses(), r.transportErrors() > 0 ? ", transport errors " + r.transportErrors() : "");
        out.printf(Locale.ROOT, "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", r.p50(), r.p90(), r.p99(), r.max());
        out.printf(Locale.ROOT, "server RSS MiB: before %.1f  after %.1f  max %.1f%n", r.rssBefore(), r.rssAfter(), r.rssMax());
      }
      out.flush();
      return r.errors() == 0 ? 0 : 1;
    } finally {
      if (child != null) {
        child.destroy();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
    }
  }

  /** Fires the load and measures it. */
  Result run(URI predict, byte[] wav, long serverPid) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (duration * 1e9);
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    AtomicLong transport = new AtomicLong();
    List<long[]> perClient = new ArrayList<>();
    List<Thread> clients = new ArrayList<>();
    double[] rss = {Double.NaN, Double.NaN, Double.NaN};
    for (int c = 0; c < concurrency; c++) {
      long[][] box = {new long[1024]};
      int[] count = {0};
      Thread t = new Thread(() -> {
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          int status;
          try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (IOException e) {
            status = -1;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          long t1 = System.nanoTime();
          if (t0 >= measureFrom && t1 <= end) {
            if (status < 0) {
              transport.incrementAndGet();
            } else {
              statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            }
            if (count[0] == box[0].length) {
              box[0] = Arrays.copyOf(box[0], count[0] * 2);
            }
            box[0][count[0]++] = t1 - t0;
          }
        }
        synchronized (perClient) {
          perClient.add(Arrays.copyOf(box[0], count[0]));
        }
      }, "bench-client-" + c);
      t.setDaemon(true);
      clients.add(t);
      t.start();
    }
    // Sample the server's RSS once a second: at the start of measuring, the peak, and the end.
    while (System.nanoTime() < measureFrom) {
      Thread.sleep(20);
    }
    rss[0] = rssMiB(serverPid);
    rss[2] = rss[0];
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      rss[2] = Math.max(rss[2], rssMiB(serverPid));
    }
    for (Thread t : clients) {
      t.join(70_000);
    }
    rss[1] = rssMiB(serverPid);
    long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    Map<Integer, Long> st = new TreeMap<>();
    statuses.forEach((k, v) -> st.put(k, v.get()));
    return new Result(concurrency, duration, all.length, st, transport.get(),
        percentile(all, 50), percentile(all, 90), percentile(all, 99), all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6,
        rss[0], rss[1], rss[2]);
  }

  /** Nearest-rank percentile in milliseconds. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
    return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
  }

  /** VmRSS of a process from /proc, in MiB; NaN where unknown (no pid, not Linux). */
  static double rssMiB(long pid) {
    if (pid <= 0) {
      return Double.NaN;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  private Process startServer() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The child runs like this JVM: same class path and the DJL/threading properties.
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ai.djl.") || key.startsWith("empathic.art.") || key.equals("java.awt.headless")) {
        cmd.add("-D" + key + "=" + System.getProperty(key));
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--host", "127.0.0.1", "--port", "0"));
    if (model != null) {
      cmd.addAll(List.of("--model", model.toString()));
    }
    if (workers != null) {
      cmd.addAll(List.of("--workers", workers.toString()));
    }
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static final Pattern BANNER = Pattern.compile("listening on (http://[^/ ]+/)");

  /** Reads the child's output until it says where it listens; its further output is drained. */
  private static URI awaitBanner(Process child) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = r.readLine()) != null; ) {
      Matcher m = BANNER.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            while (r.readLine() != null) {
              // discard
            }
          } catch (IOException ignored) {
            // the child is gone
          }
        }, "bench-server-output");
        drain.setDaemon(true);
        drain.start();
        return URI.create(m.group(1));
      }
      seen.append(line).append(' ');
    }
    throw new IOException("the server did not start: " + seen.toString().trim());
  }

  /** A 4 s, 16 kHz voice-like clip: a gliding harmonic tone with syllable-like loudness. */
  static byte[] syntheticClip() {
    int sr = 16000;
    float[] x = new float[4 * sr];
    double phase = 0;
    for (int i = 0; i < x.length; i++) {
      double t = i / (double) sr;
      double f0 = 150 + 40 * Math.sin(2 * Math.PI * 0.7 * t) + 15 * Math.sin(2 * Math.PI * 5 * t);
      phase += 2 * Math.PI * f0 / sr;
      double syllables = Math.pow(Math.max(0, Math.sin(2 * Math.PI * 2.2 * t)), 0.6);
      double v = 0;
      for (int h = 1; h <= 8; h++) {
        v += Math.sin(h * phase) / h;
      }
      x[i] = (float) (0.25 * syllables * v);
    }
    return WavWriter.pcm16().toBytes(new Audio(x, sr));
  }

  private ObjectNode toJson(Result r, URI target, double clipSeconds) {
    ObjectNode n = PredictionJson.MAPPER.createObjectNode();
    n.put("server", target.toString());
    n.put("clients", r.clients());
    n.put("seconds", r.seconds());
    n.put("warmupSeconds", warmup);
    n.put("clipSeconds", clipSeconds);
    n.put("requests", r.requests());
    n.put("requestsPerSecond", r.requestsPerSecond());
    n.put("errors", r.errors());
    ObjectNode st = n.putObject("statuses");
    r.statuses().forEach((k, v) -> st.put(k.toString(), v));
    n.put("transportErrors", r.transportErrors());
    ObjectNode lat = n.putObject("latencyMs");
    lat.put("p50", r.p50());
    lat.put("p90", r.p90());
    lat.put("p99", r.p99());
    lat.put("max", r.max());
    ObjectNode mem = n.putObject("serverRssMiB");
    mem.put("before", r.rssBefore());
    mem.put("after", r.rssAfter());
    mem.put("max", r.rssMax());
    return n;
  }
}
