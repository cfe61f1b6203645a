package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A fake recognizer that holds every prediction until the test opens the gate, so tests can
 * fill the server's workers and queue deterministically. Delegates to {@link ToneRecognizer}.
 */
public final class GatedRecognizer implements EmotionRecognizer {
  private final ToneRecognizer inner = new ToneRecognizer();
  private final CountDownLatch gate = new CountDownLatch(1);
  /** Released once per prediction that has started and is waiting at the gate. */
  public final Semaphore started = new Semaphore(0);

  public void open() {
    gate.countDown();
  }

  @Override
  public List<Emotion> classes() {
    return inner.classes();
  }

  @Override
  public EmotionPrediction predict(float[] samples, int sampleRate) {
    started.release();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    return inner.predict(samples, sampleRate);
  }

  @Override
  public void close() {
    open();
  }
}
