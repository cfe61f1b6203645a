package art.empathic.app.server;

import java.time.Duration;

/**
 * The server's protective limits. Every limit breach is answered with a JSON error (see
 * docs/API.md), never by a crash.
 *
 * @param maxUploadBytes largest accepted request body for {@code POST /api/predict} (413 above)
 * @param maxAudioSeconds longest accepted clip (413 above)
 * @param requestTimeout how long a prediction may take, queueing included (503 after); requests
 *     are admitted only while the estimated wait fits in it (see {@link Admission})
 * @param workers predictions running at once (the recognizer is shared by this many threads)
 * @param queue hard cap of predictions that may wait for a worker beyond the time rule; more are
 *     refused with 429
 * @param maxQueuedBytes memory budget for the bodies of admitted predictions (429 above)
 * @param idleTimeout how long an HTTP connection may send nothing (idle keep-alive, stalled
 *     headers or body) before it is closed
 * @param minRequestBytesPerSecond slowest accepted upload rate; a body trickled slower is cut
 *     off so that it cannot hold a request thread
 * @param maxLiveSessions live WebSocket connections at once; more are refused
 * @param liveIdleTimeout how long a live connection may send nothing before it is closed and
 *     its slot freed (half-open connections)
 * @param liveWindowSeconds how much recent audio each live prediction hears
 * @param liveUpdateSeconds audio time between live predictions
 * @param maxLiveSessionSeconds audio a live connection may stream before it is closed
 * @param refusalPause how long after its arrival a refused upload gets its 429: a client that
 *     retries at once then costs one refusal per pause instead of spinning on the server's cores
 *     (zero answers at once)
 */
public record ServerLimits(
    long maxUploadBytes,
    double maxAudioSeconds,
    Duration requestTimeout,
    int workers,
    int queue,
    long maxQueuedBytes,
    Duration idleTimeout,
    long minRequestBytesPerSecond,
    int maxLiveSessions,
    Duration liveIdleTimeout,
    double liveWindowSeconds,
    double liveUpdateSeconds,
    double maxLiveSessionSeconds,
    Duration refusalPause) {

  public ServerLimits {
    if (maxUploadBytes < 1024) throw new IllegalArgumentException("max upload must be at least 1 KiB, got " + maxUploadBytes);
    if (!(maxAudioSeconds > 0)) throw new IllegalArgumentException("max audio seconds must be positive, got " + maxAudioSeconds);
    if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("request timeout must be positive");
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    if (queue < 0) throw new IllegalArgumentException("queue must be non-negative, got " + queue);
    if (maxQueuedBytes < maxUploadBytes) throw new IllegalArgumentException("queued bytes must hold at least one upload, got " + maxQueuedBytes);
    if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idle timeout must be positive");
    if (minRequestBytesPerSecond < 0) throw new IllegalArgumentException("min request rate must be non-negative, got " + minRequestBytesPerSecond);
    if (maxLiveSessions < 0) throw new IllegalArgumentException("max live sessions must be non-negative, got " + maxLiveSessions);
    if (liveIdleTimeout.isNegative() || liveIdleTimeout.isZero()) throw new IllegalArgumentException("live idle timeout must be positive");
    if (!(liveWindowSeconds >= 0.5 && liveWindowSeconds <= 30)) throw new IllegalArgumentException("live window must be 0.5-30 s, got " + liveWindowSeconds);
    if (!(liveUpdateSeconds >= 0.1 && liveUpdateSeconds <= liveWindowSeconds)) throw new IllegalArgumentException("live update must be 0.1 s to the window, got " + liveUpdateSeconds);
    if (!(maxLiveSessionSeconds > 0)) throw new IllegalArgumentException("max live session must be positive, got " + maxLiveSessionSeconds);
    if (refusalPause.isNegative() || refusalPause.compareTo(requestTimeout) > 0) throw new IllegalArgumentException("refusal pause must be 0 to the request timeout, got " + refusalPause);
  }

  /**
   * Defaults: 20 MiB uploads, 60 s clips, 30 s timeout, one worker per core, at most 1000
   * waiting predictions holding at most 512 MiB of uploads, 30 s HTTP idle timeout, uploads
   * no slower than 4 KiB/s, 8 live connections idle at most 10 s, hearing the last 3 s every
   * 0.5 s for up to an hour; refusals answered 1 s after their request arrived.
   */
  public static ServerLimits defaults() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return new ServerLimits(20L << 20, 60, Duration.ofSeconds(30), cores, 1000, 512L << 20, Duration.ofSeconds(30), 4096,
        8, Duration.ofSeconds(10), 3.0, 0.5, 3600, Duration.ofSeconds(1));
  }

  private ServerLimits with(long up, double sec, Duration timeout, int w, int q, long qb, Duration idle, long rate, int live,
      Duration liveIdle, double liveSec) {
    return new ServerLimits(up, sec, timeout, w, q, qb, idle, rate, live, liveIdle, liveWindowSeconds, liveUpdateSeconds, liveSec,
        refusalPause.compareTo(timeout) > 0 ? timeout : refusalPause);
  }

  public ServerLimits withMaxUploadBytes(long v) { return with(v, maxAudioSeconds, requestTimeout, workers, queue, Math.max(v, maxQueuedBytes), idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withMaxAudioSeconds(double v) { return with(maxUploadBytes, v, requestTimeout, workers, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withRequestTimeout(Duration v) { return with(maxUploadBytes, maxAudioSeconds, v, workers, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withWorkers(int v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, v, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withQueue(int v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, v, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withMaxQueuedBytes(long v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, v, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withIdleTimeout(Duration v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxQueuedBytes, v, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withMinRequestBytesPerSecond(long v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxQueuedBytes, idleTimeout, v, maxLiveSessions, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withMaxLiveSessions(int v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, v, liveIdleTimeout, maxLiveSessionSeconds); }
  public ServerLimits withLiveIdleTimeout(Duration v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, v, maxLiveSessionSeconds); }
  public ServerLimits withRefusalPause(Duration v) { return new ServerLimits(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds, v); }
  public ServerLimits withMaxLiveSessionSeconds(double v) { return with(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxQueuedBytes, idleTimeout, minRequestBytesPerSecond, maxLiveSessions, liveIdleTimeout, v); }
}
