package art.empathic.app.server;

import java.time.Duration;

/**
 * The server's protective limits. Every limit breach is answered with a JSON error (see
 * docs/API.md), never by a crash.
 *
 * @param maxUploadBytes largest accepted request body for {@code POST /api/predict} (413 above)
 * @param maxAudioSeconds longest accepted clip (413 above)
 * @param requestTimeout how long a prediction may take, queueing included (503 after)
 * @param workers predictions running at once (the recognizer is shared by this many threads)
 * @param queue predictions that may wait for a worker; more are refused with 429
 * @param maxLiveSessions live WebSocket connections at once; more are refused
 * @param liveWindowSeconds how much recent audio each live prediction hears
 * @param liveUpdateSeconds audio time between live predictions
 * @param maxLiveSessionSeconds audio a live connection may stream before it is closed
 */
public record ServerLimits(
    long maxUploadBytes,
    double maxAudioSeconds,
    Duration requestTimeout,
    int workers,
    int queue,
    int maxLiveSessions,
    double liveWindowSeconds,
    double liveUpdateSeconds,
    double maxLiveSessionSeconds) {

  public ServerLimits {
    if (maxUploadBytes < 1024) throw new IllegalArgumentException("max upload must be at least 1 KiB, got " + maxUploadBytes);
    if (!(maxAudioSeconds > 0)) throw new IllegalArgumentException("max audio seconds must be positive, got " + maxAudioSeconds);
    if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("request timeout must be positive");
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    if (queue < 0) throw new IllegalArgumentException("queue must be non-negative, got " + queue);
    if (maxLiveSessions < 0) throw new IllegalArgumentException("max live sessions must be non-negative, got " + maxLiveSessions);
    if (!(liveWindowSeconds >= 0.5 && liveWindowSeconds <= 30)) throw new IllegalArgumentException("live window must be 0.5-30 s, got " + liveWindowSeconds);
    if (!(liveUpdateSeconds >= 0.1 && liveUpdateSeconds <= liveWindowSeconds)) throw new IllegalArgumentException("live update must be 0.1 s to the window, got " + liveUpdateSeconds);
    if (!(maxLiveSessionSeconds > 0)) throw new IllegalArgumentException("max live session must be positive, got " + maxLiveSessionSeconds);
  }

  /**
   * Defaults: 20 MiB uploads, 60 s clips, 30 s timeout, one worker per core, a queue of four
   * per worker, 8 live connections hearing the last 3 s every 0.5 s for up to an hour.
   */
  public static ServerLimits defaults() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return new ServerLimits(20L << 20, 60, Duration.ofSeconds(30), cores, 4 * cores, 8, 3.0, 0.5, 3600);
  }

  public ServerLimits withMaxUploadBytes(long v) { return new ServerLimits(v, maxAudioSeconds, requestTimeout, workers, queue, maxLiveSessions, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds); }
  public ServerLimits withMaxAudioSeconds(double v) { return new ServerLimits(maxUploadBytes, v, requestTimeout, workers, queue, maxLiveSessions, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds); }
  public ServerLimits withRequestTimeout(Duration v) { return new ServerLimits(maxUploadBytes, maxAudioSeconds, v, workers, queue, maxLiveSessions, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds); }
  public ServerLimits withWorkers(int v) { return new ServerLimits(maxUploadBytes, maxAudioSeconds, requestTimeout, v, queue, maxLiveSessions, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds); }
  public ServerLimits withQueue(int v) { return new ServerLimits(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, v, maxLiveSessions, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds); }
  public ServerLimits withMaxLiveSessions(int v) { return new ServerLimits(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, v, liveWindowSeconds, liveUpdateSeconds, maxLiveSessionSeconds); }
  public ServerLimits withMaxLiveSessionSeconds(double v) { return new ServerLimits(maxUploadBytes, maxAudioSeconds, requestTimeout, workers, queue, maxLiveSessions, liveWindowSeconds, liveUpdateSeconds, v); }
}
