package art.empathic.app.server;

import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionSmoother;
import art.empathic.recognize.SpeakerSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The state of one live-audio connection: its PCM format, a rolling buffer of the most recent
 * audio, when the next prediction is due, the smoother that steadies its answers, and the
 * recognizer session that adapts to the connection's speaker.
 * Thread-safe: frames arrive on Jetty's threads, predictions finish on worker threads.
 */
final class LiveSession {
  /** PCM sample encodings a client may stream, little-endian. */
  enum Encoding {
    F32LE(4), S16LE(2);

    final int bytes;

    Encoding(int bytes) {
      this.bytes = bytes;
    }

    static Encoding parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "f32le", "float32" -> F32LE;
        case "s16le", "int16" -> S16LE;
        default -> throw new IllegalArgumentException("unknown encoding '" + s + "' (use f32le or s16le)");
      };
    }
  }

  static final int MIN_RATE = 8000;
  static final int MAX_RATE = 48000;
  /** Audio quieter than this (RMS, dBFS) over the whole window is reported as quiet, not predicted. */
  static final double QUIET_DBFS = -55;
  /** Least audio heard before the first prediction. */
  static final double MIN_SECONDS = 1.0;

  private final int sampleRate;
  private final Encoding encoding;
  private final float[] ring;
  private final int updateSamples;
  private final long maxSamples;
  private final EmotionSmoother smoother = EmotionSmoother.withDefaults();
  private int writePos;
  private int filled;
  private long received;
  private long lastDueAt;
  private long lastPredictedAt = -1;
  private long lastAnsweredAt = -1;
  private boolean inFlight;

  private final SpeakerSession speaker;
  private long learnedUpTo;

  LiveSession(int sampleRate, Encoding encoding, ServerLimits limits) {
    this(sampleRate, encoding, limits, null);
  }

  /** A connection's state; {@code speaker} is the recognizer session that adapts to its voice (null: none). */
  LiveSession(int sampleRate, Encoding encoding, ServerLimits limits, SpeakerSession speaker) {
    this.speaker = speaker;
    if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
      throw new IllegalArgumentException("sample rate must be " + MIN_RATE + "-" + MAX_RATE + " Hz, got " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.encoding = encoding;
    this.ring = new float[(int) Math.round(limits.liveWindowSeconds() * sampleRate)];
    this.updateSamples = (int) Math.round(limits.liveUpdateSeconds() * sampleRate);
    this.maxSamples = (long) (limits.maxLiveSessionSeconds() * sampleRate);
  }

  /** The recognizer session of this connection's speaker, or null. */
  SpeakerSession speaker() {
    return speaker;
  }

  /**
   * Whether the session should learn from this snapshot: only when none of its audio was learned
   * from before, so overlapping live windows count each second of speech once.
   */
  synchronized boolean learnFrom(Snapshot snap) {
    if (snap.atSample() - learnedUpTo >= snap.samples().length) {
      learnedUpTo = snap.atSample();
      return true;
    }
    return false;
  }

  int sampleRate() {
    return sampleRate;
  }

  Encoding encoding() {
    return encoding;
  }

  /**
   * Appends one binary frame of PCM. Returns true when a prediction is due (enough new audio
   * since the last one and none running); the caller must then call {@link #snapshot} and,
   * when done, {@link #finished}.
   *
   * @throws IllegalArgumentException if the frame is not whole samples, holds non-finite
   *     values, or the connection has streamed more audio than allowed
   */
  synchronized boolean append(byte[] data, int offset, int length) {
    if (length % encoding.bytes != 0) {
      throw new IllegalArgumentException("frame of " + length + " bytes is not whole " + encoding.name().toLowerCase(Locale.ROOT) + " samples");
    }
    ByteBuffer b = ByteBuffer.wrap(data, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    int n = length / encoding.bytes;
    for (int i = 0; i < n; i++) {
      float v = encoding == Encoding.F32LE ? b.getFloat() : b.getShort() / 32768f;
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("frame holds a non-finite sample");
      }
      ring[writePos] = Math.max(-1f, Math.min(1f, v));
      writePos = (writePos + 1) % ring.length;
    }
    filled = Math.min(ring.length, filled + n);
    received += n;
    if (received > maxSamples) {
      throw new IllegalArgumentException("live session exceeded " + (maxSamples / sampleRate) + " s of audio; reconnect to go on");
    }
    if (inFlight || received < MIN_SECONDS * sampleRate || received - lastDueAt < updateSamples) {
      return false;
    }
    lastDueAt = received;
    inFlight = true;
    return true;
  }

  /** The buffered audio, oldest first, and the stream time (seconds) it ends at. */
  synchronized Snapshot snapshot() {
    float[] out = new float[filled];
    int start = (writePos - filled + ring.length) % ring.length;
    for (int i = 0; i < filled; i++) {
      out[i] = ring[(start + i) % ring.length];
    }
    return new Snapshot(out, received / (double) sampleRate, received);
  }

  /** Smooths a finished prediction for the snapshot taken at {@code atSample}; frees the slot. */
  synchronized EmotionPrediction smooth(EmotionPrediction raw, long atSample) {
    double dt = lastPredictedAt < 0 ? 0 : (atSample - lastPredictedAt) / (double) sampleRate;
    lastPredictedAt = atSample;
    return smoother.update(raw, dt);
  }

  /**
   * Frees the prediction slot. If enough audio arrived while the prediction ran, the slot is
   * taken again at once and true is returned: the caller predicts again on the newest audio.
   */
  synchronized boolean finished() {
    if (received - lastDueAt >= updateSamples) {
      lastDueAt = received;
      return true;
    }
    inFlight = false;
    return false;
  }

  /**
   * Claims the right to send the answer for the snapshot ending at {@code atSample}: false when an
   * answer for the same or newer audio was already sent. Two workers can finish predictions of
   * one connection close together (the slot is freed before answering, so audio the client sends
   * in reply is not missed); this keeps the answers' times strictly increasing.
   */
  synchronized boolean claimAnswer(long atSample) {
    if (atSample <= lastAnsweredAt) {
      return false;
    }
    lastAnsweredAt = atSample;
    return true;
  }

  record Snapshot(float[] samples, double time, long atSample) {
    /** RMS level in dBFS (-120 for silence). */
    double levelDbfs() {
      double s = 0;
      for (float v : samples) {
        s += v * (double) v;
      }
      double rms = Math.sqrt(s / Math.max(1, samples.length));
      return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }
  }
}
