package art.empathic.audio;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How much voiced speech a clip holds, so that silence and noise are not given an emotion.
 *
 * <p>The clip is analysed at 8 kHz in 40 ms frames every 10 ms. A frame is <em>voiced</em> when
 * it is loud enough and periodic:
 *
 * <ul>
 *   <li>energy: its RMS level is at least {@link #ABOVE_FLOOR_DB} above the clip's floor (the
 *       10th percentile of the frame levels, but at most {@link #FLOOR_BELOW_LOUDEST_DB} under the
 *       loudest frame, so a clip with no pause still has a floor) and above
 *       {@link #SILENCE_DBFS} absolute;
 *   <li>periodicity: after pre-emphasis (which whitens rumble and other low-frequency noise), the
 *       normalised autocorrelation has a local peak of at least {@link #PERIODICITY} at a lag of
 *       2.5 to 16 ms (a pitch of 62.5 to 400 Hz, or a multiple of a higher one).
 * </ul>
 *
 * White or low-frequency noise has no such peak (its autocorrelation is about
 * 1/sqrt(frame length) off zero lag); voiced speech has one at the pitch period. A clip with
 * less than {@link #MIN_VOICED_SECONDS} of voiced frames has no voice to hear.
 *
 * @param durationSeconds the clip's length
 * @param voicedSeconds total length of the voiced frames (frames times the 10 ms hop)
 * @param loudestDbfs RMS level of the loudest frame, dBFS (-120 for digital silence)
 * @param floorDbfs the floor the energy rule measures against, dBFS
 */
public record VoiceActivity(double durationSeconds, double voicedSeconds, double loudestDbfs, double floorDbfs) {
  /** Least voiced speech that is heard as a voice: about one stressed syllable. */
  public static final double MIN_VOICED_SECONDS = 0.15;
  /** Frames quieter than this are never speech (a microphone's own hiss is about -70 dBFS). */
  public static final double SILENCE_DBFS = -65;
  /** A voiced frame is this much louder than the clip's floor. */
  public static final double ABOVE_FLOOR_DB = 10;
  /** The floor is never taken closer than this to the loudest frame. */
  public static final double FLOOR_BELOW_LOUDEST_DB = 25;
  /** Least normalised autocorrelation peak of a voiced frame. */
  public static final double PERIODICITY = 0.4;

  static final int RATE = 8000;
  static final int FRAME = 320;
  static final int HOP = 80;
  static final int MIN_LAG = 20;
  static final int MAX_LAG = 128;
  private static final double DIGITAL_SILENCE = -120;

  /** True when the clip holds at least {@link #MIN_VOICED_SECONDS} of voiced speech. */
  public boolean voiceHeard() {
    return voicedSeconds >= MIN_VOICED_SECONDS;
  }

  /** Why no voice was heard, in words for a person; empty when a voice was heard. */
  public Optional<String> noVoiceReason() {
    if (voiceHeard()) {
      return Optional.empty();
    }
    if (loudestDbfs <= DIGITAL_SILENCE) {
      return Optional.of("silence: the audio is digital silence");
    }
    if (loudestDbfs < SILENCE_DBFS) {
      return Optional.of(String.format(Locale.ROOT, "silence: the loudest moment is %.0f dBFS, below %.0f dBFS",
          loudestDbfs, SILENCE_DBFS));
    }
    if (voicedSeconds == 0) {
      return Optional.of("no voiced speech: only noise or unvoiced sound");
    }
    return Optional.of(String.format(Locale.ROOT, "too little voiced speech: %.2f s, need %.2f s", voicedSeconds,
        MIN_VOICED_SECONDS));
  }

  /** Measures a clip at any sample rate: every frame is looked at. */
  public static VoiceActivity measure(float[] samples, int sampleRate) {
    return measure(samples, sampleRate, false);
  }

  /**
   * Whether a clip holds a voice, as {@link #measure} decides it, but stopping as soon as
   * {@link #MIN_VOICED_SECONDS} of voiced frames were found: then {@link #voicedSeconds} is only
   * a lower bound. About ten times cheaper on speech; what the recognizers call before predicting.
   */
  public static VoiceActivity check(float[] samples, int sampleRate) {
    return measure(samples, sampleRate, true);
  }

  /** {@link #check} for an {@link Audio}. */
  public static VoiceActivity check(Audio audio) {
    return check(audio.samples(), audio.sampleRate());
  }

  private static VoiceActivity measure(float[] samples, int sampleRate, boolean stopWhenHeard) {
    double duration = samples.length / (double) sampleRate;
    float[] x = sampleRate == RATE ? samples : Resampler.resample(samples, sampleRate, RATE);
    int frames = x.length < FRAME ? (x.length > 0 ? 1 : 0) : 1 + (x.length - FRAME) / HOP;
    if (frames == 0) {
      return new VoiceActivity(duration, 0, DIGITAL_SILENCE, DIGITAL_SILENCE);
    }
    double[] level = new double[frames];
    for (int f = 0; f < frames; f++) {
      level[f] = levelDbfs(x, f * HOP, Math.min(x.length, f * HOP + FRAME));
    }
    double loudest = Arrays.stream(level).max().orElse(DIGITAL_SILENCE);
    double[] sorted = level.clone();
    Arrays.sort(sorted);
    double floor = Math.min(sorted[(int) Math.floor(0.1 * (frames - 1))], loudest - FLOOR_BELOW_LOUDEST_DB);
    double threshold = Math.max(SILENCE_DBFS, floor + ABOVE_FLOOR_DB);
    int voiced = 0;
    int enough = (int) Math.ceil(MIN_VOICED_SECONDS * RATE / HOP - 1e-9);
    for (int f = 0; f < frames && !(stopWhenHeard && voiced >= enough); f++) {
      if (level[f] >= threshold && periodicity(x, f * HOP, Math.min(x.length, f * HOP + FRAME)) >= PERIODICITY) {
        voiced++;
      }
    }
    double voicedSeconds = Math.min(duration, voiced * (double) HOP / RATE);
    return new VoiceActivity(duration, voicedSeconds, loudest, floor);
  }

  /** Measures a clip. */
  public static VoiceActivity measure(Audio audio) {
    return measure(audio.samples(), audio.sampleRate());
  }

  static double levelDbfs(float[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i] * (double) x[i];
    }
    double rms = Math.sqrt(s / Math.max(1, to - from));
    return rms <= 1e-6 ? DIGITAL_SILENCE : Math.max(DIGITAL_SILENCE, 20 * Math.log10(rms));
  }

  /**
   * The highest local peak of the normalised autocorrelation of the pre-emphasised frame at lags
   * {@link #MIN_LAG}..{@link #MAX_LAG}; 0 when there is none (or the frame is too short).
   */
  static double periodicity(float[] x, int from, int to) {
    int n = to - from - 1;
    if (n <= MAX_LAG + 32) {
      return 0;
    }
    double[] y = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      y[i] = x[from + i + 1] - 0.97 * x[from + i];
      mean += y[i];
    }
    mean /= n;
    for (int i = 0; i < n; i++) {
      y[i] -= mean;
    }
    double[] r = new double[MAX_LAG + 2];
    for (int lag = MIN_LAG - 1; lag <= MAX_LAG + 1 && lag < n; lag++) {
      double xy = 0;
      double xx = 0;
      double yy = 0;
      for (int i = 0; i + lag < n; i++) {
        xy += y[i] * y[i + lag];
        xx += y[i] * y[i];
        yy += y[i + lag] * y[i + lag];
      }
      r[lag] = xx <= 0 || yy <= 0 ? 0 : xy / Math.sqrt(xx * yy);
    }
    double best = 0;
    for (int lag = MIN_LAG; lag <= MAX_LAG; lag++) {
      if (r[lag] > best && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
        best = r[lag];
      }
    }
    return best;
  }
}
