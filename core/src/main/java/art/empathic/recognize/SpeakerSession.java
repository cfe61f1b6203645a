package art.empathic.recognize;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import java.nio.file.Path;

/**
 * One speaker talking to a recognizer over time: a person at the live page, or a batch of clips
 * known to come from one voice ({@code predict --same-speaker}). Get one from
 * {@link EmotionRecognizer#newSession()}.
 *
 * <p>A model trained with per-speaker normalisation hears a new voice best once it knows that
 * voice's own feature statistics. The session accumulates them, without labels, from every clip
 * in which a voice was heard, and once there is enough speech it normalises with them, blended
 * with the training population's statistics so that a speaker who stays in one emotion is not
 * normalised into "average" (docs/research/ADAPTATION.md has the rule and the measurements). Models
 * trained with global normalisation do not adapt; their sessions only count the speech heard.
 *
 * <p>Safe to call from several threads (calls are serialised), but meant for one stream.
 */
public interface SpeakerSession {

  /** Predicts a clip with what the session knows so far, then learns from it. */
  default EmotionPrediction predict(float[] samples, int sampleRate) {
    return predict(samples, sampleRate, true);
  }

  /**
   * Predicts a clip with what the session knows so far; learns from it only if {@code learn}
   * (pass false for audio already learned from, such as overlapping live windows). Clips with no
   * voice are never learned from.
   */
  EmotionPrediction predict(float[] samples, int sampleRate, boolean learn);

  /** Reads a WAV file and {@linkplain #predict(float[], int) predicts and learns} from it. */
  default EmotionPrediction predict(Path wav) throws AudioFormatException {
    Audio a = WavReader.read(wav);
    return predict(a.samples(), a.sampleRate());
  }

  /** Where the adaptation stands. */
  Adaptation adaptation();

  /**
   * The state of a session's adaptation to its speaker.
   *
   * @param supported whether the model adapts to speakers at all (per-speaker normalisation)
   * @param secondsHeard seconds of audio with a voice in it learned from so far
   * @param startsAfterSeconds speech needed before the speaker's own statistics are used
   * @param weight the share of the speaker's own statistics in the normalisation now, 0 to 1
   */
  record Adaptation(boolean supported, double secondsHeard, double startsAfterSeconds, double weight) {
    /** True once the speaker's own statistics are in use. */
    public boolean adapting() {
      return supported && weight > 0;
    }
  }
}
