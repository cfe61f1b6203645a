package art.empathic.recognize;

import art.empathic.audio.Audio;
import art.empathic.corpus.Emotion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;

/**
 * The result of hearing one clip: the clip-level prediction and, when windows were asked for,
 * a smoothed timeline. This is what {@code predict --json} prints and {@code POST /api/predict}
 * returns (see docs/API.md).
 *
 * @param file the clip's name as given (path or upload name)
 * @param durationSeconds the clip's length
 * @param prediction the clip-level prediction
 * @param timeline one point per window in time order; empty without windows
 */
public record ClipAnalysis(String file, double durationSeconds, EmotionPrediction prediction, List<TimelinePoint> timeline) {
  /** Copies the timeline (immutable). */
  public ClipAnalysis {
    timeline = List.copyOf(timeline);
  }

  /**
   * One analysis window.
   *
   * @param start window start in seconds
   * @param end window end in seconds
   * @param raw the recognizer's prediction for the window
   * @param smoothed after {@link EmotionSmoother}; its top is the steady label to show
   */
  public record TimelinePoint(double start, double end, EmotionPrediction raw, EmotionPrediction smoothed) {}

  /** How to cut a clip into windows; {@link #NONE} predicts the whole clip at once. */
  public record Windowing(double windowSeconds, double hopSeconds) {
    /** No windows: the whole clip is predicted at once. */
    public static final Windowing NONE = new Windowing(0, 0);
    /** Shortest window accepted, in seconds. */
    public static final double MIN_WINDOW = 0.5;
    /** Longest window accepted, in seconds. */
    public static final double MAX_WINDOW = 30;

    /**
     * Checks the values: both 0 ({@link #NONE}), or a window of {@link #MIN_WINDOW} to
     * {@link #MAX_WINDOW} seconds and a hop of 0.05 s up to the window.
     *
     * @throws IllegalArgumentException naming the value out of range
     */
    public Windowing {
      boolean none = windowSeconds == 0 && hopSeconds == 0;
      if (!none && !(windowSeconds >= MIN_WINDOW && windowSeconds <= MAX_WINDOW)) {
        throw new IllegalArgumentException("window must be " + MIN_WINDOW + " to " + MAX_WINDOW + " s, got " + windowSeconds);
      }
      if (!none && !(hopSeconds >= 0.05 && hopSeconds <= windowSeconds)) {
        throw new IllegalArgumentException("hop must be 0.05 s to the window (" + windowSeconds + " s), got " + hopSeconds);
      }
    }

    /** A windowing from optional options; the hop defaults to half the window. */
    public static Windowing of(Double windowSeconds, Double hopSeconds) {
      if (windowSeconds == null) {
        if (hopSeconds != null) {
          throw new IllegalArgumentException("a hop needs a window (--window S)");
        }
        return NONE;
      }
      return new Windowing(windowSeconds, hopSeconds != null ? hopSeconds : windowSeconds / 2);
    }

    /** Whether the clip is cut into windows at all. */
    public boolean enabled() {
      return windowSeconds > 0;
    }
  }

  /**
   * Hears a clip. Without windowing the recognizer sees the whole clip. With windowing it sees
   * each window (start 0, hop, 2 hop, ..., plus one window ending at the clip's end if the last
   * regular one stops short; a clip shorter than a window is one window); the timeline is
   * smoothed by a fresh {@link EmotionSmoother#withDefaults()}, and the clip-level prediction is
   * the mean of the raw probabilities of the windows where a voice was heard (no voice in any
   * window: no voice for the clip).
   */
  public static ClipAnalysis analyze(EmotionRecognizer recognizer, String file, Audio audio, Windowing windowing) {
    return analyze(recognizer::predict, file, audio, windowing);
  }

  /**
   * Hears a clip within a speaker's session: as {@link #analyze(EmotionRecognizer, String, Audio,
   * Windowing)}, with the session's statistics; the session learns from the whole clip once
   * (windows overlap, so they are not learned from one by one).
   */
  public static ClipAnalysis analyze(SpeakerSession session, String file, Audio audio, Windowing windowing) {
    if (!windowing.enabled()) {
      return analyze((x, sr) -> session.predict(x, sr, true), file, audio, windowing);
    }
    ClipAnalysis a = analyze((x, sr) -> session.predict(x, sr, false), file, audio, windowing);
    session.predict(audio.samples(), audio.sampleRate(), true);
    return a;
  }

  /** Predicts one stretch of audio. */
  @FunctionalInterface
  interface Predictor {
    EmotionPrediction predict(float[] samples, int sampleRate);
  }

  private static ClipAnalysis analyze(Predictor recognizer, String file, Audio audio, Windowing windowing) {
    float[] x = audio.samples();
    int sr = audio.sampleRate();
    if (x.length == 0) {
      throw new IllegalArgumentException(file + ": audio is empty");
    }
    if (!windowing.enabled()) {
      return new ClipAnalysis(file, audio.durationSeconds(), recognizer.predict(x, sr), List.of());
    }
    int win = (int) Math.round(windowing.windowSeconds() * sr);
    int hop = Math.max(1, (int) Math.round(windowing.hopSeconds() * sr));
    List<Integer> starts = new ArrayList<>();
    if (x.length <= win) {
      starts.add(0);
    } else {
      for (int s = 0; s + win <= x.length; s += hop) {
        starts.add(s);
      }
      if (starts.get(starts.size() - 1) + win < x.length) {
        starts.add(x.length - win);
      }
    }
    EmotionSmoother smoother = EmotionSmoother.withDefaults();
    List<TimelinePoint> points = new ArrayList<>();
    Map<Emotion, Double> sum = new LinkedHashMap<>();
    int previous = 0;
    int voiced = 0;
    for (int s : starts) {
      int e = Math.min(x.length, s + win);
      EmotionPrediction raw = recognizer.predict(Arrays.copyOfRange(x, s, e), sr);
      EmotionPrediction smooth = smoother.update(raw, (s - previous) / (double) sr);
      previous = s;
      points.add(new TimelinePoint(s / (double) sr, e / (double) sr, raw, smooth));
      if (raw.voiceHeard()) {
        raw.probabilities().forEach((k, v) -> sum.merge(k, v, Double::sum));
        voiced++;
      }
    }
    if (voiced == 0) {
      return new ClipAnalysis(file, audio.durationSeconds(), EmotionPrediction.noVoice(
          points.get(0).raw().noVoiceReason() + (points.size() > 1 ? " (in every window)" : "")), points);
    }
    int n = voiced;
    sum.replaceAll((k, v) -> v / n);
    return new ClipAnalysis(file, audio.durationSeconds(), EmotionPrediction.of(sum), points);
  }
}
