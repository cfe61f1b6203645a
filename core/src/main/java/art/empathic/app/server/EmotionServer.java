package art.empathic.app.server;

import art.empathic.recognize.Circumplex;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.ModelInfo;
import art.empathic.recognize.PredictionJson;
import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP and WebSocket server over one shared {@link EmotionRecognizer}: the page at
 * {@code /}, {@code POST /api/predict}, {@code GET /api/health}, {@code GET /api/model} and the
 * live-audio WebSocket {@code /api/live} (protocol in docs/API.md).
 *
 * <p>Predictions run on a bounded pool of {@link ServerLimits#workers()} threads with a bounded
 * queue, so the recognizer is never used by more threads than that and overload is refused
 * (429) instead of piling up. Every failure reaches the client as {@code {"error": "..."}} on
 * one line; stack traces stay in the server.
 */
public final class EmotionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmotionServer.class);
  /** Raw-body content types accepted as WAV (besides none at all and multipart uploads). */
  private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "application/octet-stream");
  /** Pages may use only what this server serves: the no-CDN rule, enforced by the browser too. */
  private static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
      + "connect-src 'self' ws: wss:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

  private final EmotionRecognizer recognizer;
  private final ServerLimits limits;
  private final ThreadPoolExecutor pool;
  private final AtomicInteger liveSessions = new AtomicInteger();
  /** Live connections that hold a slot, and their audio state once they have a format. */
  private final Set<String> counted = ConcurrentHashMap.newKeySet();
  private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
  private final long startedNanos = System.nanoTime();
  private final Javalin app;

  public EmotionServer(EmotionRecognizer recognizer, ServerLimits limits) {
    this.recognizer = recognizer;
    this.limits = limits;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(Math.max(1, limits.queue())), r -> {
          Thread t = new Thread(r, "predict-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
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
      cfg.jetty.modifyServer(server -> {
        for (var c : server.getConnectors()) {
          if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) {
            ac.setIdleTimeout(limits.requestTimeout().toMillis());
          }
        }
      });
      cfg.jetty.modifyWebSocketServletFactory(f -> {
        // One second of float32 audio at the highest accepted rate, with room to spare.
        f.setMaxBinaryMessageSize(4L * LiveSession.MAX_RATE * 2);
        f.setMaxTextMessageSize(4096);
        f.setIdleTimeout(Duration.ofSeconds(60));
      });
    });
    app.before(ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Content-Security-Policy", CSP);
    });
    app.get("/api/health", this::health);
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
    app.exception(ApiException.class, (e, ctx) -> json(ctx, e.status(), PredictionJson.error(e.getMessage())));
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
  }

  // ---- HTTP ----

  private void health(Context ctx) {
    ObjectNode n = PredictionJson.MAPPER.createObjectNode();
    n.put("status", "ok");
    n.put("model", recognizer.info().name());
    n.put("uptimeSeconds", Math.round((System.nanoTime() - startedNanos) / 1e9));
    n.put("activePredictions", pool.getActiveCount());
    n.put("queuedPredictions", pool.getQueue().size());
    n.put("liveSessions", liveSessions.get());
    json(ctx, 200, n);
  }

  private void model(Context ctx) {
    ModelInfo info = recognizer.info();
    ObjectNode n = PredictionJson.MAPPER.createObjectNode();
    n.put("name", info.name());
    var classes = n.putArray("classes");
    info.classes().forEach(e -> classes.add(e.label()));
    n.set("features", PredictionJson.MAPPER.valueToTree(info.features()));
    n.set("metrics", PredictionJson.MAPPER.valueToTree(info.metrics()));
    ObjectNode circ = n.putObject("circumplex");
    for (Emotion e : info.classes()) {
      circ.putObject(e.label()).put("valence", Circumplex.valence(e)).put("arousal", Circumplex.arousal(e));
    }
    ObjectNode l = n.putObject("limits");
    l.put("maxUploadBytes", limits.maxUploadBytes());
    l.put("maxAudioSeconds", limits.maxAudioSeconds());
    l.put("requestTimeoutSeconds", limits.requestTimeout().toMillis() / 1000.0);
    l.put("workers", limits.workers());
    l.put("queue", limits.queue());
    l.put("maxLiveSessions", limits.maxLiveSessions());
    l.put("liveWindowSeconds", limits.liveWindowSeconds());
    l.put("liveUpdateSeconds", limits.liveUpdateSeconds());
    json(ctx, 200, n);
  }

  private void predict(Context ctx) throws IOException {
    long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
    ClipAnalysis.Windowing windowing = windowing(ctx);
    Upload upload = readUpload(ctx);
    Future<ClipAnalysis> f = submit(() -> {
      Audio audio = WavReader.decode(upload.bytes(), upload.name());
      if (audio.durationSeconds() > limits.maxAudioSeconds()) {
        throw new ApiException(413, String.format(Locale.ROOT, "%s: audio is %.1f s long; the limit is %.0f s",
            upload.name(), audio.durationSeconds(), limits.maxAudioSeconds()));
      }
      return ClipAnalysis.analyze(recognizer, upload.name(), audio, windowing);
    });
    json(ctx, 200, PredictionJson.clip(await(f, deadline, upload.name())));
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
    String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!type.isEmpty() && !WAV_TYPES.contains(type)) {
      throw new ApiException(415, "unsupported content type '" + type + "': send a WAV body (audio/wav) or a multipart/form-data upload");
    }
    String name = ctx.header("X-File-Name");
    try (InputStream in = ctx.req().getInputStream()) {
      return new Upload(uploadName(name), readCapped(in));
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

  private <T> Future<T> submit(Callable<T> task) {
    try {
      return pool.submit(task);
    } catch (RejectedExecutionException e) {
      throw new ApiException(429, "server busy: " + limits.workers() + " predictions running and "
          + limits.queue() + " waiting; retry shortly");
    }
  }

  private <T> T await(Future<T> f, long deadlineNanos, String name) {
    try {
      return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new ApiException(503, name + ": prediction did not finish within " + limits.requestTimeout().toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new ApiException(503, "server is shutting down");
    } catch (ExecutionException e) {
      throw translate(e.getCause(), name);
    }
  }

  /** Maps a prediction failure to a client error; only unexpected ones are logged. */
  private static RuntimeException translate(Throwable t, String name) {
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

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(PredictionJson.write((ObjectNode) body));
  }

  // ---- live audio ----

  private void liveConnect(WsContext ctx) {
    if (liveSessions.incrementAndGet() > limits.maxLiveSessions()) {
      liveSessions.decrementAndGet();
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
          LiveSession.Encoding.parse(m.path("encoding").asText("f32le")), limits);
      sessions.put(ctx.sessionId(), s);
      ObjectNode ready = PredictionJson.MAPPER.createObjectNode();
      ready.put("type", "ready");
      ready.put("sampleRate", s.sampleRate());
      ready.put("encoding", s.encoding().name().toLowerCase(Locale.ROOT));
      ready.put("windowSeconds", limits.liveWindowSeconds());
      ready.put("updateSeconds", limits.liveUpdateSeconds());
      var classes = ready.putArray("classes");
      recognizer.classes().forEach(e -> classes.add(e.label()));
      send(ctx, ready);
    } catch (IOException | IllegalArgumentException e) {
      liveFail(ctx, WsCloseStatus.POLICY_VIOLATION, e instanceof IOException ? "control message is not JSON" : e.getMessage());
    }
  }

  private void liveBinary(WsBinaryMessageContext ctx) {
    if (!counted.contains(ctx.sessionId())) {
      return;
    }
    // Audio before any start message is taken as the default format, 16 kHz float32.
    LiveSession s = sessions.computeIfAbsent(ctx.sessionId(), id -> new LiveSession(16000, LiveSession.Encoding.F32LE, limits));
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
      pool.execute(() -> {
        boolean again = livePredict(ctx, s, snap);
        if (again) {
          schedule(ctx, s);
        }
      });
    } catch (RejectedExecutionException e) {
      // Busy: skip this update; the next half second of audio asks again.
      s.finished();
    }
  }

  /** Predicts, frees the session's slot, answers; returns whether another prediction is due. */
  private boolean livePredict(WsContext ctx, LiveSession s, LiveSession.Snapshot snap) {
    ObjectNode n = PredictionJson.MAPPER.createObjectNode();
    boolean again = false;
    try {
      double level = snap.levelDbfs();
      if (level < LiveSession.QUIET_DBFS) {
        n.put("type", "quiet");
        n.put("time", round3(snap.time()));
        n.put("level", Math.round(level * 10) / 10.0);
      } else {
        EmotionPrediction raw = recognizer.predict(snap.samples(), s.sampleRate());
        EmotionPrediction smooth = s.smooth(raw, snap.atSample());
        n.put("type", "prediction");
        n.put("time", round3(snap.time()));
        n.setAll(PredictionJson.prediction(smooth));
        n.set("raw", PredictionJson.prediction(raw));
        n.put("level", Math.round(level * 10) / 10.0);
      }
    } catch (RuntimeException e) {
      LOG.warn("live prediction failed: {}", e.toString());
      s.finished();
      liveFail(ctx, WsCloseStatus.SERVER_ERROR, "prediction failed; see the server log");
      return false;
    }
    // Free the slot before answering so audio the client sends in reply is not missed.
    again = s.finished();
    send(ctx, n);
    return again && ctx.session.isOpen();
  }

  private static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void liveFail(WsContext ctx, WsCloseStatus status, String message) {
    ObjectNode n = PredictionJson.error(message);
    n.put("type", "error");
    send(ctx, n);
    try {
      ctx.closeSession(status, PredictionJson.oneLine(message).substring(0, Math.min(120, PredictionJson.oneLine(message).length())));
    } catch (RuntimeException ignored) {
      // already closed
    }
  }

  /** Jetty's remote endpoint must not be written by two threads at once. */
  private static void send(WsContext ctx, ObjectNode n) {
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
