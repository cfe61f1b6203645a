package art.empathic.lab.bench;

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
 * {@code bench serve}: load tests of the server. Closed loop (N clients POST back to back), open
 * loop ({@code --rate}: Poisson arrivals, each retried per {@code --retry} until answered) and
 * live ({@code --live N}: N WebSocket connections streaming real-time audio). Meant to hang under
 * the {@code bench} parent command; it does not register itself.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Load-test the prediction server on loopback for a bounded time and report throughput, latency percentiles,",
      "answers by status and the server's RSS. Three modes:",
      "  closed loop (default): --concurrency N clients POST a WAV back to back;",
      "  open loop (--rate R): requests arrive at R per second (Poisson), each retried per --retry until answered",
      "    or --give-up seconds old; reports goodput (answered/s), refusals and the answered requests' latency;",
      "  live (--live N): N WebSocket connections stream the clip in real time (100 ms frames) to /api/live,",
      "    and one more checks that connection N+1 is refused; reports update latency and RSS over time.",
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

  @Option(names = "--server-option", paramLabel = "OPT",
      description = "Without --url: one more option for the started `serve`, e.g. --server-option=--refusal-pause=0 (repeatable).")
  List<String> serverOptions = new ArrayList<>();

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Option(names = "--rate", paramLabel = "R", description = "Open loop: requests per second, Poisson arrivals (instead of --concurrency).")
  Double rate;

  /** What a client does with a 429 or 503. */
  enum Retry { none, immediate, after }

  @Option(names = "--retry", defaultValue = "after",
      description = "On 429/503: none (count it and move on), immediate (resend at once), after (wait Retry-After, then resend). "
          + "Default: ${DEFAULT-VALUE}.")
  Retry retry;

  @Option(names = "--give-up", defaultValue = "60", paramLabel = "S",
      description = "Open loop: a request still unanswered this many seconds after it arrived is abandoned. Default: ${DEFAULT-VALUE}.")
  double giveUp;

  @Option(names = "--max-in-flight", defaultValue = "256", paramLabel = "N",
      description = "Open loop: at most N requests on the wire at once; an arrival beyond that is not sent and is counted as a "
          + "client-side drop, and a retry waits for a free slot. Keeps one client on shared cores from running out of "
          + "connections and file descriptors. Default: ${DEFAULT-VALUE}.")
  int maxInFlight;

  @Option(names = "--live", paramLabel = "N", description = "Live mode: N streaming WebSocket connections (and a refused N+1th).")
  Integer live;

  /** CPU cores used by client, server, machine and others over the last closed-loop window. */
  private ObjectNode closedCpu;

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
    if ((rate != null && !(rate > 0 && rate <= 10000)) || (live != null && (live < 1 || live > 64)) || !(giveUp > 0)
        || maxInFlight < 1 || maxInFlight > 4096) {
      throw new IllegalArgumentException("need 0 < --rate <= 10000, 1 <= --live <= 64, --give-up > 0, 1 <= --max-in-flight <= 4096");
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
      if (live != null) {
        LiveResult lr = runLive(target, wav, serverPid);
        ObjectNode n = lr.toJson();
        n.put("server", target.toString());
        n.put("clipSeconds", clipSeconds);
        n.put("loadAverage", loadAverage());
        out.println(json ? PredictionJson.write(n) : n.toPrettyString());
        out.flush();
        return lr.ok() ? 0 : 1;
      }
      URI predict = target.resolve("/api/predict");
      if (rate != null) {
        ObjectNode n = runOpen(predict, wav, serverPid);
        n.put("server", target.toString());
        n.put("clipSeconds", clipSeconds);
        n.put("loadAverage", loadAverage());
        out.println(json ? PredictionJson.write(n) : n.toPrettyString());
        out.flush();
        return 0;
      }
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
            HttpResponse<Void> resp = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = resp.statusCode();
            // A retrying client counts a request once, when it is finally answered.
            while ((status == 429 || status == 503) && retry != Retry.none && System.nanoTime() < end) {
              Thread.sleep(retry == Retry.after ? 1000L * retryAfter(resp) : 0);
              resp = http.send(request, HttpResponse.BodyHandlers.discarding());
              status = resp.statusCode();
            }
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
    CpuSnapshot cpuFrom = CpuSnapshot.take(serverPid);
    rss[0] = rssMiB(serverPid);
    rss[2] = rss[0];
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      rss[2] = Math.max(rss[2], rssMiB(serverPid));
    }
    closedCpu = cpuFrom.coresUntil(CpuSnapshot.take(serverPid));
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

  /** The server's {@code served} count from /api/health (-1 when it cannot be read within 5 s). */
  static long servedSoFar(URI health) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return PredictionJson.MAPPER.readTree(r.body()).path("served").asLong(-1);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The server's {@code refusals} count from /api/health (-1 when it cannot be read within 5 s). */
  static long refusedSoFar(URI health) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return PredictionJson.MAPPER.readTree(r.body()).path("refusals").asLong(-1);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The Retry-After seconds of a refusal (1 when absent or not a number). */
  static int retryAfter(HttpResponse<?> r) {
    try {
      return Math.max(0, Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1").trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The 1-minute load average (NaN where unknown), to be quoted with every figure. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Open loop: requests arrive at {@link #rate} per second with exponential gaps whether or not
   * earlier ones were answered. Each is retried per {@link #retry} until it is answered (200 or
   * another final status) or {@link #giveUp} seconds old. Counted: those that arrived in the
   * measured window.
   */
  ObjectNode runOpen(URI predict, byte[] wav, long serverPid) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(90))
        .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
    java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "bench-retry");
      t.setDaemon(true);
      return t;
    });
    Map<Integer, AtomicLong> finals = new ConcurrentHashMap<>();
    AtomicLong arrived = new AtomicLong();
    AtomicLong refusals = new AtomicLong();
    AtomicLong refusalsWithRetryAfter = new AtomicLong();
    AtomicLong transport = new AtomicLong();
    Map<String, Long> transportKinds = new ConcurrentHashMap<>();
    AtomicLong abandoned = new AtomicLong();
    AtomicLong attempts = new AtomicLong();
    AtomicLong answeredInWindow = new AtomicLong();
    java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.ConcurrentLinkedQueue<Long> windowLatencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    // Bounded in-flight: one permit per request on the wire. Without it, at 20x one JDK client on
    // the server's own cores opened a connection per outstanding request, its connects timed out
    // and it ran out of file descriptors, so the run measured the client's collapse.
    java.util.concurrent.Semaphore wire = new java.util.concurrent.Semaphore(maxInFlight);
    AtomicLong clientDropped = new AtomicLong();
    AtomicLong sentInWindow = new AtomicLong();
    // A served server is warm: a few unmeasured requests first, so its estimates and JIT are settled.
    for (int i = 0; i < 20; i++) {
      try {
        http.send(request, HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        break;
      }
    }
    java.util.Random rnd = new java.util.Random(42);
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (duration * 1e9);
    double[] rss = {Double.NaN, Double.NaN, Double.NaN};
    class Arrival {
      final long t0 = System.nanoTime();
      final boolean counted = t0 >= measureFrom && t0 < end;

      /** A retry: waits for a free slot on the wire (polling) until the request is too old. */
      void attempt() {
        if (!wire.tryAcquire()) {
          long now = System.nanoTime();
          if (now - t0 > giveUp * 1e9 || now > end + (long) (giveUp * 1e9)) {
            done(now, -1);
          } else {
            timer.schedule(this::attempt, 20, TimeUnit.MILLISECONDS);
          }
          return;
        }
        send();
      }

      /** Sends once; the caller holds a permit, released when the answer (or error) is in. */
      void send() {
        if (counted) {
          attempts.incrementAndGet();
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
          wire.release();
          long now = System.nanoTime();
          boolean expired = now - t0 > giveUp * 1e9 || now > end + (long) (giveUp * 1e9);
          if (err != null) {
            if (counted) {
              transport.incrementAndGet();
              Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
              transportKinds.merge(cause.getClass().getSimpleName() + ": " + cause.getMessage(), 1L, Long::sum);
            }
            if (retry == Retry.none || expired) {
              done(now, -1);
            } else {
              timer.schedule(this::attempt, 1, TimeUnit.SECONDS);
            }
            return;
          }
          int status = resp.statusCode();
          if (status == 429 || status == 503) {
            if (counted) {
              refusals.incrementAndGet();
              if (resp.headers().firstValue("Retry-After").isPresent()) {
                refusalsWithRetryAfter.incrementAndGet();
              }
            }
            if (retry != Retry.none && !expired) {
              long wait = retry == Retry.after ? retryAfter(resp) * 1000L : 0;
              timer.schedule(this::attempt, wait, TimeUnit.MILLISECONDS);
              return;
            }
          }
          done(now, status);
        });
      }

      void done(long now, int status) {
        outstanding.decrementAndGet();
        // Goodput: answers received in the window, whenever their request arrived.
        if (status == 200 && now >= measureFrom && now <= end) {
          answeredInWindow.incrementAndGet();
          windowLatencies.add(now - t0);
        }
        if (!counted) {
          return;
        }
        if (status == -1 && (retry == Retry.none || now - t0 > giveUp * 1e9)) {
          abandoned.incrementAndGet();
        }
        finals.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        if (status == 200) {
          latencies.add(now - t0);
        }
      }
    }
    long next = start;
    boolean sampledStart = false;
    URI health = predict.resolve("/api/health");
    long[] servedAtStart = {-1};
    long[] servedAtEnd = {-1};
    long[] refusedAtStart = {-1};
    long lastRss = 0;
    CpuSnapshot[] cpu = new CpuSnapshot[2];
    while (true) {
      next += (long) (-Math.log(1 - rnd.nextDouble()) / rate * 1e9);
      long now = System.nanoTime();
      if (next >= end) {
        break;
      }
      if (next > now) {
        TimeUnit.NANOSECONDS.sleep(next - now);
      }
      now = System.nanoTime();
      if (!sampledStart && now >= measureFrom) {
        cpu[0] = CpuSnapshot.take(serverPid);
        rss[0] = rssMiB(serverPid);
        rss[2] = rss[0];
        sampledStart = true;
        timer.execute(() -> {
          servedAtStart[0] = servedSoFar(health);
          refusedAtStart[0] = refusedSoFar(health);
        });
      }
      if (now - lastRss > 1_000_000_000L) {
        rss[2] = Double.isNaN(rss[2]) ? rssMiB(serverPid) : Math.max(rss[2], rssMiB(serverPid));
        lastRss = now;
      }
      Arrival a = new Arrival();
      if (a.counted) {
        arrived.incrementAndGet();
      }
      // A new arrival finding every slot taken is not sent: the client could not offer it.
      if (!wire.tryAcquire()) {
        if (a.counted) {
          clientDropped.incrementAndGet();
        }
        continue;
      }
      if (a.counted) {
        sentInWindow.incrementAndGet();
      }
      outstanding.incrementAndGet();
      a.send();
    }
    cpu[1] = CpuSnapshot.take(serverPid);
    servedAtEnd[0] = servedSoFar(health);
    long[] refusedAtEnd = {refusedSoFar(health)};
    // Let the requests that arrived in the window finish (or be abandoned).
    long stopWaiting = System.nanoTime() + (long) ((giveUp + 5) * 1e9);
    while (outstanding.get() > 0 && System.nanoTime() < stopWaiting) {
      Thread.sleep(100);
    }
    rss[1] = rssMiB(serverPid);
    timer.shutdownNow();
    long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] windowLat = windowLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    ObjectNode n = PredictionJson.MAPPER.createObjectNode();
    n.put("mode", "open");
    n.put("offeredPerSecond", rate);
    n.put("retry", retry.name());
    n.put("seconds", duration);
    n.put("warmupSeconds", warmup);
    n.put("arrived", arrived.get());
    n.put("answered", lat.length);
    n.put("goodputPerSecond", answeredInWindow.get() / duration);
    // The server's own count: separates what it answered from what an overloaded client received.
    n.put("serverAnsweredPerSecond", servedAtStart[0] < 0 || servedAtEnd[0] < 0 ? Double.NaN
        : (servedAtEnd[0] - servedAtStart[0]) / duration);
    // What the client could not send (every slot on the wire taken) vs what it sent.
    n.put("maxInFlight", maxInFlight);
    n.put("clientDropped", clientDropped.get());
    n.put("sentArrivals", sentInWindow.get());
    n.put("serverRefusedPerSecond", refusedAtStart[0] < 0 || refusedAtEnd[0] < 0 ? Double.NaN
        : (refusedAtEnd[0] - refusedAtStart[0]) / duration);
    n.put("attempts", attempts.get());
    n.put("refusals", refusals.get());
    n.put("refusalsWithRetryAfter", refusalsWithRetryAfter.get());
    n.put("transportErrors", transport.get());
    ObjectNode kinds = n.putObject("transportErrorKinds");
    new TreeMap<>(transportKinds).forEach(kinds::put);
    n.put("abandoned", abandoned.get());
    n.put("unfinished", outstanding.get());
    ObjectNode st = n.putObject("finalStatuses");
    new TreeMap<>(finals).forEach((k, v) -> st.put(k.toString(), v.get()));
    ObjectNode l = n.putObject("answeredLatencyMs");
    l.put("p50", percentile(lat, 50));
    l.put("p90", percentile(lat, 90));
    l.put("p99", percentile(lat, 99));
    l.put("max", lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6);
    ObjectNode wl = n.putObject("windowAnswersLatencyMs");
    wl.put("p50", percentile(windowLat, 50));
    wl.put("p99", percentile(windowLat, 99));
    ObjectNode mem = n.putObject("serverRssMiB");
    mem.put("before", rss[0]);
    mem.put("after", rss[1]);
    mem.put("max", rss[2]);
    if (cpu[0] != null) {
      n.set("cpuCores", cpu[0].coresUntil(cpu[1]));
    }
    return n;
  }

  /** What a live run measured. */
  record LiveResult(int connections, double seconds, long updates, long frames, boolean extraRefused, String extraAnswer,
      List<String> errors, double p50, double p90, double p99, double max, double rssWarm, double rssEnd, double rssMax,
      List<double[]> rssTimeline) {
    boolean ok() {
      return errors.isEmpty() && extraRefused;
    }

    ObjectNode toJson() {
      ObjectNode n = PredictionJson.MAPPER.createObjectNode();
      n.put("mode", "live");
      n.put("connections", connections);
      n.put("seconds", seconds);
      n.put("updates", updates);
      n.put("framesSent", frames);
      n.put("extraConnectionRefused", extraRefused);
      n.put("extraConnectionAnswer", extraAnswer);
      var e = n.putArray("errors");
      errors.forEach(e::add);
      ObjectNode l = n.putObject("updateLatencyMs");
      l.put("p50", p50);
      l.put("p90", p90);
      l.put("p99", p99);
      l.put("max", max);
      ObjectNode mem = n.putObject("serverRssMiB");
      mem.put("afterWarmup", rssWarm);
      mem.put("end", rssEnd);
      mem.put("max", rssMax);
      mem.put("maxOverWarmupPercent", 100 * (rssMax - rssWarm) / rssWarm);
      var tl = mem.putArray("everyMinute");
      rssTimeline.forEach(p -> tl.addArray().add(Math.round(p[0])).add(p[1]));
      return n;
    }
  }

  /**
   * Live mode: {@link #live} connections stream the clip (looped) as 16 kHz s16le in 100 ms
   * frames at real-time pace. An update's latency is from sending the frame that completed its
   * audio to receiving the update. After the warm-up, one more connection must be refused.
   */
  LiveResult runLive(URI target, byte[] wav, long serverPid) throws Exception {
    art.empathic.audio.Audio audio = WavReader.decode(wav, "clip");
    float[] x = audio.sampleRate() == 16000 ? audio.samples()
        : art.empathic.audio.Resampler.resample(audio.samples(), audio.sampleRate(), 16000);
    URI ws = URI.create(target.toString().replaceFirst("^http", "ws")).resolve("/api/live");
    HttpClient http = HttpClient.newHttpClient();
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (duration * 1e9);
    java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong updates = new AtomicLong();
    AtomicLong frames = new AtomicLong();
    java.util.concurrent.ScheduledExecutorService pace = java.util.concurrent.Executors.newScheduledThreadPool(2);
    List<java.net.http.WebSocket> sockets = new ArrayList<>();
    for (int c = 0; c < live; c++) {
      Map<Long, Long> sentAt = new ConcurrentHashMap<>();
      java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
        final StringBuilder partial = new StringBuilder();

        @Override
        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
          partial.append(data);
          if (last) {
            long now = System.nanoTime();
            try {
              var m = PredictionJson.MAPPER.readTree(partial.toString());
              if (m.has("error")) {
                errors.add(m.path("error").asText());
              } else if (m.has("time")) {
                Long sent = sentAt.remove(Math.round(m.get("time").asDouble() * 16000));
                if (sent != null && sent >= measureFrom && now <= end) {
                  latencies.add(now - sent);
                  updates.incrementAndGet();
                }
              }
            } catch (IOException e) {
              errors.add("unreadable message: " + e.getMessage());
            }
            partial.setLength(0);
          }
          w.request(1);
          return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
          if (System.nanoTime() < end) {
            errors.add("closed early: " + code + " " + reason);
          }
          return null;
        }
      };
      java.net.http.WebSocket w = http.newWebSocketBuilder().buildAsync(ws, listener).get(10, TimeUnit.SECONDS);
      w.sendText("{\"type\":\"start\",\"sampleRate\":16000,\"encoding\":\"s16le\"}", true).join();
      sockets.add(w);
      long[] sent = {0};
      int frame = 1600;
      int offset = c * 4000; // connections start at different points of the clip
      pace.scheduleAtFixedRate(() -> {
        if (System.nanoTime() >= end) {
          return;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(frame * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frame; i++) {
          b.putShort((short) Math.round(x[(int) ((offset + sent[0] + i) % x.length)] * 32767));
        }
        sent[0] += frame;
        sentAt.put(sent[0], System.nanoTime());
        // Big-endian buffer: the JDK client's masking scrambles little-endian ones (see LiveAudioTest).
        try {
          w.sendBinary(java.nio.ByteBuffer.wrap(b.array()), true).get(5, TimeUnit.SECONDS);
          frames.incrementAndGet();
        } catch (Exception e) {
          errors.add("send failed: " + e);
        }
        sentAt.keySet().removeIf(k -> k < sent[0] - 16000 * 10);
      }, 0, 100, TimeUnit.MILLISECONDS);
    }
    while (System.nanoTime() < measureFrom) {
      Thread.sleep(20);
    }
    double rssWarm = rssMiB(serverPid);
    // The connection beyond the limit must be turned away with a clear message.
    java.util.concurrent.CompletableFuture<String> extra = new java.util.concurrent.CompletableFuture<>();
    http.newWebSocketBuilder().buildAsync(ws, new java.net.http.WebSocket.Listener() {
      @Override
      public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
        extra.complete(data.toString());
        return null;
      }

      @Override
      public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
        extra.complete("close " + code + " " + reason);
        return null;
      }
    });
    String extraAnswer;
    try {
      extraAnswer = extra.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      extraAnswer = "no answer in 10 s";
    }
    double rssMax = rssWarm;
    List<double[]> timeline = new ArrayList<>();
    long nextMinute = measureFrom;
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      double r = rssMiB(serverPid);
      rssMax = Double.isNaN(r) ? rssMax : Math.max(rssMax, r);
      if (System.nanoTime() >= nextMinute) {
        timeline.add(new double[] {(System.nanoTime() - measureFrom) / 1e9, r});
        nextMinute += 60_000_000_000L;
      }
    }
    Thread.sleep(1000);
    double rssEnd = rssMiB(serverPid);
    pace.shutdownNow();
    for (java.net.http.WebSocket w : sockets) {
      w.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
    }
    long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    boolean refused = extraAnswer.contains("too many live connections");
    return new LiveResult(live, duration, updates.get(), frames.get(), refused, extraAnswer, List.copyOf(errors),
        percentile(lat, 50), percentile(lat, 90), percentile(lat, 99), lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6,
        rssWarm, rssEnd, rssMax, timeline);
  }

  /**
   * CPU used so far by this client JVM, the server process and the whole machine, to tell what
   * each costs on shared cores (the load generator runs beside the server).
   */
  record CpuSnapshot(long nanos, double clientSeconds, double serverSeconds, double machineBusySeconds) {
    /** Jiffies per second of /proc/[pid]/stat and /proc/stat (USER_HZ, 100 on Linux). */
    private static final double HZ = 100;

    static CpuSnapshot take(long serverPid) {
      double client = Double.NaN;
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
        client = os.getProcessCpuTime() / 1e9;
      }
      return new CpuSnapshot(System.nanoTime(), client, processSeconds(serverPid), readMachineBusySeconds());
    }

    /** utime + stime of a process from /proc/[pid]/stat; NaN where unknown. */
    static double processSeconds(long pid) {
      if (pid <= 0) {
        return Double.NaN;
      }
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name (which may hold spaces) start at state, field 3.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    /** Non-idle CPU time of all cores from /proc/stat's first line; NaN where unknown. */
    static double readMachineBusySeconds() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
          if (i != 4 && i != 5) { // idle, iowait
            busy += Long.parseLong(f[i]);
          }
        }
        return busy / HZ;
      } catch (IOException | RuntimeException e) {
        return Double.NaN;
      }
    }

    /** Cores used on average between {@code this} and {@code later}: client, server, machine, and the rest. */
    ObjectNode coresUntil(CpuSnapshot later) {
      double s = (later.nanos - nanos) / 1e9;
      ObjectNode n = PredictionJson.MAPPER.createObjectNode();
      double c = (later.clientSeconds - clientSeconds) / s;
      double v = (later.serverSeconds - serverSeconds) / s;
      double m = (later.machineBusySeconds - machineBusySeconds) / s;
      put(n, "client", c);
      put(n, "server", v);
      put(n, "machine", m);
      put(n, "others", m - c - v);
      return n;
    }

    /** Two decimals; null where unknown (no server pid, not Linux). */
    private static void put(ObjectNode n, String name, double cores) {
      if (Double.isNaN(cores)) {
        n.putNull(name);
      } else {
        n.put(name, Math.round(cores * 100) / 100.0);
      }
    }
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
    cmd.addAll(serverOptions);
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
    if (closedCpu != null) {
      n.set("cpuCores", closedCpu);
    }
    return n;
  }
}
