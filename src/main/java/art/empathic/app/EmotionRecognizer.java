package art.empathic.app;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import java.nio.file.Path;
import java.util.List;

/**
 * Hears emotion in speech. Implementations are thread-safe: one instance serves many threads.
 * (Interface fixed; the model-backed implementation behind {@code load} is pending.)
 */
public interface EmotionRecognizer extends AutoCloseable {

  /** The classes this recognizer can answer, in its probability order. */
  List<Emotion> classes();

  /** Predicts one clip given as mono samples in [-1, 1] at any sample rate. */
  EmotionPrediction predict(float[] samples, int sampleRate);

  /** Reads a WAV file (any common format, resampled and mixed down as needed) and predicts it. */
  default EmotionPrediction predict(Path wav) throws AudioFormatException {
    Audio a = WavReader.read(wav);
    return predict(a.samples(), a.sampleRate());
  }

  @Override
  void close();
}
