package art.empathic.app.server;

import art.empathic.recognize.Circumplex;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.ModelInfo;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.SpeakerSession;
import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsBinaryMessageContext;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP and WebSocket server over one shared {@link EmotionRecognizer}: the page at
 * {@code /}, {@code POST /api/predict}, {@code GET /api/health}, {@code GET /api/model} and the
 * live-audio WebSocket {@code /api/live} (protocol in docs/API.md).
 *
 * <p>Predictions run on a pool of {@link ServerLimits#workers()} threads, so the recognizer is
 * never used by more threads than that. Uploads are admitted by time ({@link Admission}): one
 * waits while it can still be answered within the request timeout, otherwise it is refused with
 * 429 and {@code Retry-After} before its body is read, the answer paced to come
 * {@link ServerLimits#refusalPause()} after the request arrived. Live predictions go ahead of waiting
 * uploads. Requests wait without holding a request thread. Every failure reaches the client as
 * {@code {"error": "..."}} on one line; stack traces stay in the server. {@code /api/health}
 * and {@code /api/metrics} (Prometheus text format) report the queue, refusals, timeouts and
 * service times.
 */
public final class EmotionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmotionServer.class);
  /** Open connections at once (HTTP and WebSocket); more wait in the kernel's accept queue. */
  static final int MAX_CONNECTIONS = 8192;
  /** Connections the kernel may hold for accepting (capped by net.core.somaxconn). */
  static final int ACCEPT_QUEUE = 1024;
  /** Priorities in the worker queue: live updates first, then uploads in arrival order. */
  private static final int LIVE = 0;
  private static final int UPLOAD = 1;
  /** Raw-body content types accepted as WAV (besides none at all and multipart uploads). */
  private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "application/octet-stream");
  /** Pages may use only what this server serves: the no-CDN rule, enforced by the browser too. */
  private static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
      + "connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

  private final EmotionRecognizer recognizer;
  private final ServerLimits limits;
  private final ThreadPoolExecutor pool;
  private final Admission admission;
  private final AtomicInteger liveSessions = new AtomicInteger();
  private final AtomicLong liveRefused = new AtomicLong();
  private final AtomicLong liveUpdates = new AtomicLong();
  private final AtomicLong jobSequence = new AtomicLong();
  /** Refusals waiting for their pause to end ({@link #refuse}). */
  private final AtomicInteger pacedRefusals = new AtomicInteger();
  private final java.util.concurrent.ScheduledThreadPoolExecutor pacer;
  /** Live connections that hold a slot, and their audio state once they have a format. */
  private final Set<String> counted = ConcurrentHashMap.newKeySet();
  private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
  private final long startedNanos = System.nanoTime();
  private final Javalin app;

  public EmotionServer(EmotionRecognizer recognizer, ServerLimits limits) {
    this.recognizer = recognizer;
    this.limits = limits;
    AtomicInteger n = new AtomicInteger();
    this.admission = new Admission(limits);
    // Unbounded here: admission bounds the uploads, and each live connection has at most one job.
    this.pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
        new PriorityBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "predict-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.pacer = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "refusal-pacer");
      t.setDaemon(true);
      return t;
    });
    pacer.setRemoveOnCancelPolicy(true);
    this.app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.startupWatcherEnabled = false;
      cfg.staticFiles.add(sf -> {
        sf.hostedPath = "/";
        sf.directory = "/web";
        sf.location = Location.CLASSPATH;
        sf.headers = Map.of("Content-Security-Policy", CSP, "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
      });
      cfg.http.maxRequestSize = limits.maxUploadBytes();
      cfg.jetty.multipartConfig.maxFileSize(limits.maxUploadBytes(), io.javalin.config.SizeUnit.BYTES);
      cfg.jetty.multipartConfig.maxTotalRequestSize(limits.maxUploadBytes() + 64 * 1024, io.javalin.config.SizeUnit.BYTES);
      cfg.jetty.modifyHttpConfiguration(http -> {
        http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
        // Decide on a request from its headers (admission), not after its body starts arriving.
        http.setDelayDispatchUntilContent(false);
      });
      cfg.jetty.modifyServer(server -> {
        // Javalin adds its connector after this callback; set the timeout once they exist.
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
            for (var c : server.getConnectors()) {
              if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) {
                ac.setIdleTimeout(limits.idleTimeout().toMillis());
              }
              if (c instanceof org.eclipse.jetty.server.ServerConnector sc) {
                // A burst of new connections waits in the kernel instead of being dropped (SYN retries).
                sc.setAcceptQueueSize(ACCEPT_QUEUE);
              }
            }
          }
        });
        // Idle and trickling connections hold no thread, but each holds a file descriptor.
        server.addBean(new org.eclipse.jetty.server.ConnectionLimit(MAX_CONNECTIONS, server));
      });
      cfg.jetty.modifyWebSocketServletFactory(f -> {
        // One second of float32 audio at the highest accepted rate, with room to spare.
        f.setMaxBinaryMessageSize(4L * LiveSession.MAX_RATE * 2);
        f.setMaxTextMessageSize(4096);
        // A streaming client sends every 100 ms; silence this long means a half-open connection.
        f.setIdleTimeout(limits.liveIdleTimeout());
      });
    });
    app.before(ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Content-Security-Policy", CSP);
    });
    app.get("/api/health", this::health);
    app.get("/api/metrics", this::metrics);
    app.get("/api/model", this::model);
    app.post("/api/predict", this::predict);
    app.ws("/api/live", ws -> {
      ws.onConnect(this::liveConnect);
      ws.onMessage(this::liveText);
      ws.onBinaryMessage(this::liveBinary);
      ws.onClose(ctx -> {
        if (counted.remove(ctx.sessionId())) {
          liveSessions.decrementAndGet();
        }
        sessions.remove(ctx.sessionId());
      });
      ws.onError(ctx -> LOG.debug("live connection error: {}", ctx.error() == null ? "?" : ctx.error().toString()));
    });
    app.exception(ApiException.class, (e, ctx) -> fail(ctx, e));
    app.exception(Exception.class, (e, ctx) -> {
      LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString());
      json(ctx, 500, PredictionJson.error("internal error; see the server log"));
    });
    app.error(404, ctx -> {
      if (ctx.path().startsWith("/api/")) {
        json(ctx, 404, PredictionJson.error("no such endpoint: " + ctx.method() + " " + ctx.path()));
      }
    });
  }

  /** Starts listening; port 0 picks a free one (see {@link #port()}). */
  public EmotionServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  public ServerLimits limits() {
    return limits;
  }

  /** Stops the server and its workers. The recognizer belongs to the caller and stays open. */
  @Override
  public void close() {
    app.stop();
    pool.shutdownNow();
    pacer.shutdownNow();
  }

  // ---- HTTP ----

  private void health(Context ctx) {
    json(ctx, 200, new ServerJson.Health("ok", recognizer.info().name(),
        Math.round((System.nanoTime() - startedNanos) / 1e9), pool.getActiveCount(), pool.getQueue().size(),
        admission.inSystem(), round3(admission.estimatedWaitSeconds()), admission.served.get(),
        admission.refused.get(), admission.timedOut.get(), admission.failed.get(),
        seconds(admission.quantileSeconds(0.5)), seconds(admission.quantileSeconds(0.99)), liveSessions.get(),
        liveRefused.get()));
  }

  /** Seconds to 3 decimals, null for NaN (no prediction yet). */
  private static Double seconds(double seconds) {
    return Double.isNaN(seconds) ? null : round3(seconds);
  }

  /** The same figures in Prometheus' text exposition format (version 0.0.4). */
  private void metrics(Context ctx) {
    StringBuilder b = new StringBuilder();
    metric(b, "empathic_predict_requests_total", "counter", "POST /api/predict requests by outcome.",
        "{outcome=\"served\"}", admission.served.get(),
        "{outcome=\"refused\"}", admission.refused.get(),
        "{outcome=\"timeout\"}", admission.timedOut.get(),
        "{outcome=\"failed\"}", admission.failed.get());
    metric(b, "empathic_predictions_active", "gauge", "Predictions running on a worker.", "", pool.getActiveCount());
    metric(b, "empathic_predictions_queued", "gauge", "Predictions (uploads and live updates) waiting for a worker.", "", pool.getQueue().size());
    metric(b, "empathic_predictions_admitted", "gauge", "Uploads admitted and not yet answered.", "", admission.inSystem());
    metric(b, "empathic_estimated_wait_seconds", "gauge", "Estimated time to answer an upload admitted now.", "", admission.estimatedWaitSeconds());
    metric(b, "empathic_workers", "gauge", "Prediction workers.", "", limits.workers());
    metric(b, "empathic_service_seconds", "summary", "Time a prediction takes on a worker (recent 256; NaN before the first).",
        "{quantile=\"0.5\"}", admission.quantileSeconds(0.5),
        "{quantile=\"0.99\"}", admission.quantileSeconds(0.99));
    b.append("empathic_service_seconds_sum ").append(admission.serviceSecondsSum()).append('\n');
    b.append("empathic_service_seconds_count ").append(admission.serviceCount()).append('\n');
    metric(b, "empathic_live_sessions", "gauge", "Open live-audio connections holding a slot.", "", liveSessions.get());
    metric(b, "empathic_live_refusals_total", "counter", "Live connections refused because every slot was taken.", "", liveRefused.get());
    metric(b, "empathic_live_updates_total", "counter", "Live predictions and quiet reports sent.", "", liveUpdates.get());
    metric(b, "empathic_uptime_seconds", "gauge", "Seconds since the server started.", "", (System.nanoTime() - startedNanos) / 1e9);
    ctx.status(200).contentType("text/plain; version=0.0.4; charset=utf-8").result(b.toString());
  }

  /** One metric family: HELP, TYPE, then label-set/value pairs. */
  private static void metric(StringBuilder b, String name, String type, String help, Object... labelsAndValues) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    for (int i = 0; i < labelsAndValues.length; i += 2) {
      Object v = labelsAndValues[i + 1];
      String text = v instanceof Double d ? (d.isNaN() ? "NaN" : Double.toString(d)) : v.toString();
      b.append(name).append(labelsAndValues[i]).append(' ').append(text).append('\n');
    }
  }

  private void model(Context ctx) {
    ModelInfo info = recognizer.info();
    Map<String, ServerJson.CircumplexPoint> circumplex = new LinkedHashMap<>();
    for (Emotion e : info.classes()) {
      circumplex.put(e.label(), new ServerJson.CircumplexPoint(Circumplex.valence(e), Circumplex.arousal(e)));
    }
    json(ctx, 200, new ServerJson.ModelDescription(info.name(), info.classes().stream().map(Emotion::label).toList(),
        info.features(), info.metrics(), circumplex, ServerJson.Limits.of(limits)));
  }

  /**
   * Checks what is cheap to check (query, declared size, content type), asks admission, and only
   * then reads the body; the prediction is answered asynchronously so a waiting request holds
   * no request thread.
   */
  private void predict(Context ctx) throws IOException {
    long arrived = System.nanoTime();
    long deadline = arrived + limits.requestTimeout().toNanos();
    ClipAnalysis.Windowing windowing = windowing(ctx);
    long declared = ctx.req().getContentLengthLong();
    boolean multipart = ctx.isMultipartFormData();
    if (declared > limits.maxUploadBytes() + (multipart ? 64 * 1024 : 0)) {
      throw tooLarge(declared);
    }
    checkContentType(ctx, multipart);
    long reserved = declared >= 0 ? declared : limits.maxUploadBytes();
    Admission.Decision d = admission.check(reserved);
    if (!d.admitted()) {
      discardSmallBody(ctx, declared);
      refuse(ctx, d, arrived);
      return;
    }
    // The place is taken once the body is in, so a slowly uploaded body holds none meanwhile.
    Upload upload = readUpload(ctx);
    d = admission.admit(reserved);
    if (!d.admitted()) {
      ctx.header("Connection", "close");
      refuse(ctx, d, arrived);
      return;
    }
    CompletableFuture<PredictionJson.Clip> answer = new CompletableFuture<>();
    Runnable work = () -> {
      try {
        if (answer.isDone()) {
          return; // timed out while waiting
        }
        if (System.nanoTime() > deadline) {
          answer.completeExceptionally(timeout(null));
          return;
        }
        long t0 = System.nanoTime();
        try {
          Audio audio = WavReader.decode(upload.bytes(), upload.name());
          if (audio.durationSeconds() > limits.maxAudioSeconds()) {
            throw new ApiException(413, String.format(Locale.ROOT, "%s: audio is %.1f s long; the limit is %.0f s",
                upload.name(), audio.durationSeconds(), limits.maxAudioSeconds()));
          }
          PredictionJson.Clip json = PredictionJson.Clip.of(ClipAnalysis.analyze(recognizer, upload.name(), audio, windowing));
          admission.serviceTime(System.nanoTime() - t0);
          answer.complete(json);
        } catch (Throwable t) {
          answer.completeExceptionally(translate(t, upload.name()));
        }
      } finally {
        admission.release(reserved);
      }
    };
    try {
      pool.execute(new Job(UPLOAD, jobSequence.incrementAndGet(), work));
    } catch (RejectedExecutionException e) {
      admission.release(reserved);
      throw new ApiException(503, "server is shutting down", 5);
    }
    long left = Math.max(1, deadline - System.nanoTime());
    ctx.future(() -> answer.orTimeout(left, TimeUnit.NANOSECONDS).handle((json, error) -> {
      if (error == null) {
        admission.served.incrementAndGet();
        json(ctx, 200, json);
        return null;
      }
      Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      ApiException e = t instanceof ApiException a ? a : t instanceof TimeoutException ? timeout(answer) : translate(t, upload.name());
      if (e.status() == 503) {
        admission.timedOut.incrementAndGet();
      } else {
        admission.failed.incrementAndGet();
      }
      fail(ctx, e);
      return null;
    }));
  }

  /** The 503 for a request not answered within the timeout; tells the waiting job to skip it. */
  private ApiException timeout(CompletableFuture<?> answer) {
    if (answer != null) {
      answer.cancel(false);
    }
    int retry = (int) Math.max(1, Math.ceil(admission.estimatedWaitSeconds() - Admission.BUDGET * limits.requestTimeout().toSeconds()));
    return new ApiException(503, "prediction did not finish within " + limits.requestTimeout().toSeconds() + " s", retry);
  }

  private static void fail(Context ctx, ApiException e) {
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
    }
    json(ctx, e.status(), PredictionJson.error(e.getMessage()));
  }

  /** A unit of work for the pool: lower priority first, then arrival order. */
  private record Job(int priority, long sequence, Runnable work) implements Runnable, Comparable<Job> {
    @Override
    public void run() {
      work.run();
    }

    @Override
    public int compareTo(Job o) {
      return priority != o.priority ? Integer.compare(priority, o.priority) : Long.compare(sequence, o.sequence);
    }
  }

  private static ClipAnalysis.Windowing windowing(Context ctx) {
    try {
      return ClipAnalysis.Windowing.of(number(ctx, "window"), number(ctx, "hop"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  private static Double number(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new ApiException(400, "query parameter " + name + " must be a number of seconds, got '" + v + "'");
    }
  }

  private record Upload(String name, byte[] bytes) {}

  private Upload readUpload(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limits.maxUploadBytes() + (ctx.isMultipartFormData() ? 64 * 1024 : 0)) {
      throw tooLarge(declared);
    }
    if (ctx.isMultipartFormData()) {
      List<UploadedFile> files;
      try {
        files = ctx.uploadedFiles();
      } catch (RuntimeException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("exceed") || m.contains("too large") || m.contains("max")) {
          throw tooLarge(-1);
        }
        throw new ApiException(400, "malformed multipart upload: " + PredictionJson.oneLine(e.getMessage()));
      }
      UploadedFile file = ctx.uploadedFile("file") != null ? ctx.uploadedFile("file") : files.isEmpty() ? null : files.get(0);
      if (file == null) {
        throw new ApiException(400, "multipart upload holds no file (send the WAV in a part named 'file')");
      }
      if (file.size() > limits.maxUploadBytes()) {
        throw tooLarge(file.size());
      }
      try (InputStream in = file.content()) {
        return new Upload(uploadName(file.filename()), readCapped(in));
      }
    }
    String name = ctx.header("X-File-Name");
    try (InputStream in = ctx.req().getInputStream()) {
      return new Upload(uploadName(name), readCapped(in));
    }
  }

  private static ApiException busy(Admission.Decision d, int retryAfterSeconds) {
    return new ApiException(429, "server busy: " + d.reason() + "; retry after " + retryAfterSeconds + " s", retryAfterSeconds);
  }

  /** Refusals held for their pause at most at once; beyond this they are answered at once. */
  static final int MAX_PACED_REFUSALS = 4096;

  /**
   * Answers a refusal with 429 and {@code Retry-After}, {@link ServerLimits#refusalPause()} after
   * the request arrived, without holding a thread meanwhile. Without the pause a client that
   * retries at once turns every excess connection into a loop of connect, upload, refuse that
   * runs on the same cores as the workers and takes their time; with it, each such connection
   * costs one cheap refusal per pause. {@code Retry-After} counts from the answer, so the pause is
   * taken off it (it stays at least 1 s).
   */
  private void refuse(Context ctx, Admission.Decision d, long arrivedNanos) {
    long pause = limits.refusalPause().toNanos() - (System.nanoTime() - arrivedNanos);
    if (pause <= 0) {
      throw busy(d, d.retryAfterSeconds());
    }
    if (pacedRefusals.incrementAndGet() > MAX_PACED_REFUSALS) {
      pacedRefusals.decrementAndGet();
      throw busy(d, d.retryAfterSeconds());
    }
    int retryAfter = (int) Math.max(1, d.retryAfterSeconds() - pause / 1_000_000_000L);
    CompletableFuture<Void> later = new CompletableFuture<>();
    try {
      pacer.schedule(() -> later.complete(null), pause, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      later.complete(null); // stopping: answer now
    }
    ctx.future(() -> later.handle((v, error) -> {
      pacedRefusals.decrementAndGet();
      fail(ctx, busy(d, retryAfter));
      return null;
    }));
  }

  /** Bodies up to this size are discarded after a refusal so the connection stays usable. */
  static final long DISCARD_LIMIT = 1 << 20;
  /** Where discarded bodies are read to; shared, since nobody reads what it holds. */
  private static final byte[] DISCARDED = new byte[16 * 1024];

  /**
   * Whether the client waits for {@code 100 Continue} before sending its body. Such a body is
   * not read when the upload is refused: reading it would make the server send the 100 and the
   * client the body; answering without it keeps the body on the client's side (RFC 9110, 10.1.1).
   */
  private static boolean expectsContinue(Context ctx) {
    String expect = ctx.header("Expect");
    return expect != null && expect.trim().equalsIgnoreCase("100-continue");
  }

  /**
   * After a refusal decided from the headers alone: a small declared body is skipped through a
   * small buffer (never stored), so that the client, which sends it anyway, reads the 429
   * instead of a connection reset; a larger or undeclared one is not read, nor one whose client
   * waits for {@code 100 Continue} (it never sends it). Either way the
   * connection is closed after the answer: under overload, connections kept alive after
   * refusals pile up as idle ones (measured: 7000 of them in 30 s at 5x load) until the
   * connection limit stops new clients from connecting at all.
   */
  private static void discardSmallBody(Context ctx, long declared) {
    ctx.header("Connection", "close");
    if (declared < 0 || declared > DISCARD_LIMIT || expectsContinue(ctx)) {
      return;
    }
    try {
      InputStream in = ctx.req().getInputStream();
      while (in.read(DISCARDED) > 0) {
        // skipped
      }
    } catch (IOException | RuntimeException e) {
      // the connection closes anyway
    }
  }

  private static void checkContentType(Context ctx, boolean multipart) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!multipart && !type.isEmpty() && !WAV_TYPES.contains(type)) {
      throw new ApiException(415, "unsupported content type '" + type + "': send a WAV body (audio/wav) or a multipart/form-data upload");
    }
  }

  /** The client's name for the upload, cleaned for messages: one line, at most 120 characters. */
  static String uploadName(String given) {
    if (given == null || given.isBlank()) {
      return "upload.wav";
    }
    String n = given.replaceAll("[\\p{Cntrl}]", "").replaceAll(".*[/\\\\]", "").strip();
    n = n.isEmpty() ? "upload.wav" : n;
    return n.length() > 120 ? n.substring(0, 120) : n;
  }

  private byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    for (int r; (r = in.read(buf)) > 0; ) {
      total += r;
      if (total > limits.maxUploadBytes()) {
        throw tooLarge(-1);
      }
      out.write(buf, 0, r);
    }
    if (total == 0) {
      throw new ApiException(400, "empty request body: send a WAV file");
    }
    return out.toByteArray();
  }

  private ApiException tooLarge(long bytes) {
    return new ApiException(413, (bytes > 0 ? "upload of " + bytes + " bytes" : "upload") + " exceeds the limit of "
        + limits.maxUploadBytes() + " bytes");
  }

  /** Maps a prediction failure to a client error; only unexpected ones are logged. */
  private static ApiException translate(Throwable t, String name) {
    if (t instanceof ApiException a) {
      return a;
    }
    if (t instanceof AudioFormatException) {
      return new ApiException(400, t.getMessage());
    }
    if (t instanceof IllegalArgumentException) {
      return new ApiException(400, t.getMessage() != null && t.getMessage().startsWith(name) ? t.getMessage() : name + ": " + t.getMessage());
    }
    LOG.warn("prediction of {} failed: {}", name, t.toString());
    return new ApiException(500, name + ": prediction failed; see the server log");
  }

  private static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(PredictionJson.write(body));
  }

  // ---- live audio ----

  private void liveConnect(WsContext ctx) {
    if (liveSessions.incrementAndGet() > limits.maxLiveSessions()) {
      liveSessions.decrementAndGet();
      liveRefused.incrementAndGet();
      liveFail(ctx, WsCloseStatus.TRY_AGAIN_LATER, "too many live connections (limit " + limits.maxLiveSessions() + "); retry later");
      return;
    }
    counted.add(ctx.sessionId());
  }

  /** Text frames: {@code {"type":"start","sampleRate":16000,"encoding":"f32le"}}. */
  private void liveText(WsMessageContext ctx) {
    if (!counted.contains(ctx.sessionId())) {
      return;
    }
    try {
      JsonNode m = PredictionJson.MAPPER.readTree(ctx.message());
      String type = m.path("type").asText("");
      if (!type.equals("start")) {
        throw new IllegalArgumentException("unknown message type '" + type + "' (expected start)");
      }
      if (sessions.containsKey(ctx.sessionId())) {
        throw new IllegalArgumentException("stream already started");
      }
      LiveSession s = new LiveSession(m.path("sampleRate").asInt(16000),
          LiveSession.Encoding.parse(m.path("encoding").asText("f32le")), limits, recognizer.newSession());
      sessions.put(ctx.sessionId(), s);
      send(ctx, new ServerJson.Ready("ready", s.sampleRate(), s.encoding().name().toLowerCase(Locale.ROOT),
          limits.liveWindowSeconds(), limits.liveUpdateSeconds(), recognizer.classes().stream().map(Emotion::label).toList()));
    } catch (IOException | IllegalArgumentException e) {
      liveFail(ctx, WsCloseStatus.POLICY_VIOLATION, e instanceof IOException ? "control message is not JSON" : e.getMessage());
    }
  }

  private void liveBinary(WsBinaryMessageContext ctx) {
    if (!counted.contains(ctx.sessionId())) {
      return;
    }
    // Audio before any start message is taken as the default format, 16 kHz float32.
    LiveSession s = sessions.computeIfAbsent(ctx.sessionId(),
        id -> new LiveSession(16000, LiveSession.Encoding.F32LE, limits, recognizer.newSession()));
    boolean due;
    try {
      due = s.append(ctx.data(), ctx.offset(), ctx.length());
    } catch (IllegalArgumentException e) {
      liveFail(ctx, WsCloseStatus.POLICY_VIOLATION, e.getMessage());
      return;
    }
    if (due) {
      schedule(ctx, s);
    }
  }

  /** Runs a live prediction on the newest audio; if more became due meanwhile, runs again. */
  private void schedule(WsContext ctx, LiveSession s) {
    LiveSession.Snapshot snap = s.snapshot();
    try {
      pool.execute(new Job(LIVE, jobSequence.incrementAndGet(), () -> {
        boolean again = livePredict(ctx, s, snap);
        if (again) {
          schedule(ctx, s);
        }
      }));
    } catch (RejectedExecutionException e) {
      // Busy: skip this update; the next half second of audio asks again.
      s.finished();
    }
  }

  /** Predicts, frees the session's slot, answers; returns whether another prediction is due. */
  private boolean livePredict(WsContext ctx, LiveSession s, LiveSession.Snapshot snap) {
    Object n;
    boolean again = false;
    try {
      double level = snap.levelDbfs();
      if (level < LiveSession.QUIET_DBFS) {
        n = new ServerJson.Quiet("quiet", round3(snap.time()), Math.round(level * 10) / 10.0);
      } else {
        SpeakerSession speaker = s.speaker();
        EmotionPrediction raw = speaker != null ? speaker.predict(snap.samples(), s.sampleRate(), s.learnFrom(snap))
            : recognizer.predict(snap.samples(), s.sampleRate());
        EmotionPrediction smooth = s.smooth(raw, snap.atSample());
        n = new ServerJson.LivePrediction("prediction", round3(snap.time()), PredictionJson.Prediction.of(smooth),
            PredictionJson.Prediction.of(raw), Math.round(level * 10) / 10.0,
            speaker != null ? PredictionJson.Adaptation.of(speaker.adaptation()) : null);
      }
    } catch (RuntimeException e) {
      LOG.warn("live prediction failed: {}", e.toString());
      s.finished();
      liveFail(ctx, WsCloseStatus.SERVER_ERROR, "prediction failed; see the server log");
      return false;
    }
    // Free the slot before answering so audio the client sends in reply is not missed.
    again = s.finished();
    if (s.claimAnswer(snap.atSample())) {
      liveUpdates.incrementAndGet();
      send(ctx, n);
    }
    return again && ctx.session.isOpen();
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void liveFail(WsContext ctx, WsCloseStatus status, String message) {
    send(ctx, new ServerJson.LiveError(PredictionJson.oneLine(message), "error"));
    try {
      ctx.closeSession(status, PredictionJson.oneLine(message).substring(0, Math.min(120, PredictionJson.oneLine(message).length())));
    } catch (RuntimeException ignored) {
      // already closed
    }
  }

  /** Jetty's remote endpoint must not be written by two threads at once. */
  private static void send(WsContext ctx, Object n) {
    synchronized (ctx.session) {
      if (ctx.session.isOpen()) {
        try {
          ctx.send(PredictionJson.write(n));
        } catch (RuntimeException e) {
          LOG.debug("live send failed: {}", e.toString());
        }
      }
    }
  }
}
