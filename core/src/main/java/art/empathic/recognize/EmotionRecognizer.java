package art.empathic.recognize;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Hears emotion in speech: the public entry point of the library. {@link #load} opens a
 * trained run directory (a single model: {@link ModelRecognizer}; a fused run:
 * {@link FusedRecognizer}); the prediction is computed exactly as the trainer's test-set
 * evaluation computes it (same resampling, features, normalisation and network).
 * Implementations are thread-safe: one instance serves many threads.
 *
 * <pre>{@code
 * try (EmotionRecognizer r = EmotionRecognizer.load(Path.of("runs/mlp"))) {
 *   EmotionPrediction p = r.predict(Path.of("clip.wav"));
 *   System.out.println(p.top() + " " + p.probabilities());
 * }
 * }</pre>
 */
public interface EmotionRecognizer extends AutoCloseable {

  /**
   * Loads the model saved in a run directory ({@code null}: the default model). The caller
   * closes it. Goes through {@link Recognizers#open}, the single place models are opened.
   *
   * @throws IOException if there is no usable model there; the message says what to do
   */
  static EmotionRecognizer load(Path runDir) throws IOException {
    return Recognizers.open(runDir);
  }

  /** The classes this recognizer can answer, in its probability order. */
  List<Emotion> classes();

  /** Predicts one clip given as mono samples in [-1, 1] at any sample rate. */
  EmotionPrediction predict(float[] samples, int sampleRate);

  /** Reads a WAV file (any common format, resampled and mixed down as needed) and predicts it. */
  default EmotionPrediction predict(Path wav) throws AudioFormatException {
    Audio a = WavReader.read(wav);
    return predict(a.samples(), a.sampleRate());
  }

  /**
   * A session for one speaker: predictions that adapt to the voice as it speaks (see
   * {@link SpeakerSession}). This default does not adapt; it counts the speech heard and
   * otherwise predicts as {@link #predict(float[], int)} does. Model-backed recognizers whose model
   * was trained with per-speaker normalisation return an adapting session.
   */
  default SpeakerSession newSession() {
    return new CountingSession(this);
  }

  /** Name, classes, feature specification and metrics of the model, as far as known. */
  default ModelInfo info() {
    return ModelInfo.of(getClass().getSimpleName(), classes());
  }

  /** Releases the model (native memory of the deep-learning engine); no exception. */
  @Override
  void close();
}
