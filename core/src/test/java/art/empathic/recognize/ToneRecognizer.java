package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake recognizer for tests: it "hears" the pitch of the signal. Each of the seven classes
 * owns a pitch, {@code 200 + 100 * i} Hz in {@link Emotion#SEVEN} order (Angry 200 Hz ... Surprise
 * 800 Hz); the probabilities fall off with the distance of the signal's zero-crossing frequency
 * from each class's pitch. A tone of {@link #pitchOf(Emotion)} is therefore heard as that
 * emotion, and silence as an even mix. Stateless and thread-safe.
 */
public final class ToneRecognizer implements EmotionRecognizer {
  public final AtomicInteger calls = new AtomicInteger();
  public volatile boolean closed;

  static double pitchOf(Emotion e) {
    return 200 + 100 * Emotion.SEVEN.indexOf(e);
  }

  /** A sine of the emotion's pitch. */
  static float[] tone(Emotion e, double seconds, int sampleRate, double amplitude) {
    return sine(pitchOf(e), seconds, sampleRate, amplitude);
  }

  static float[] sine(double hz, double seconds, int sampleRate, double amplitude) {
    float[] x = new float[(int) Math.round(seconds * sampleRate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
    }
    return x;
  }

  /** Zero-crossing frequency estimate in Hz; 0 for silence. */
  static double frequency(float[] x, int sampleRate) {
    int crossings = 0;
    for (int i = 1; i < x.length; i++) {
      if ((x[i - 1] < 0) != (x[i] < 0)) {
        crossings++;
      }
    }
    return crossings * sampleRate / (2.0 * Math.max(1, x.length));
  }

  @Override
  public List<Emotion> classes() {
    return Emotion.SEVEN;
  }

  @Override
  public EmotionPrediction predict(float[] samples, int sampleRate) {
    calls.incrementAndGet();
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    double f = frequency(samples, sampleRate);
    Map<Emotion, Double> p = new LinkedHashMap<>();
    double sum = 0;
    for (Emotion e : Emotion.SEVEN) {
      double d = (f - pitchOf(e)) / 70.0;
      double v = f == 0 ? 1 : Math.exp(-d * d) + 1e-3;
      p.put(e, v);
      sum += v;
    }
    for (Emotion e : Emotion.SEVEN) {
      p.put(e, p.get(e) / sum);
    }
    return EmotionPrediction.of(p);
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("tone-test-model", classes(), Map.of("sampleRate", 16000, "nMfcc", 40),
        Map.of("accuracy", 0.5, "macroF1", 0.42));
  }

  @Override
  public void close() {
    closed = true;
  }
}
