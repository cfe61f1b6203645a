package art.empathic.recognize;

/** Test recognizers for other packages' tests. */
public final class TestRecognizers {
  private TestRecognizers() {}

  /** The pitch-hearing fake: a tone of {@code 200 + 100 i} Hz is heard as {@code Emotion.SEVEN.get(i)}. */
  public static EmotionRecognizer tone() {
    return new ToneRecognizer();
  }

  public static double pitchOf(art.empathic.corpus.Emotion e) {
    return ToneRecognizer.pitchOf(e);
  }

  public static byte[] toneWav(art.empathic.corpus.Emotion e, double seconds) {
    return TestWavs.toneBytes(e, seconds);
  }

  public static float[] tone(art.empathic.corpus.Emotion e, double seconds, int sampleRate) {
    return ToneRecognizer.tone(e, seconds, sampleRate, 0.5);
  }

  /** A recognizer that throws from predict, as a broken model might. */
  public static EmotionRecognizer failing() {
    return new EmotionRecognizer() {
      @Override
      public java.util.List<art.empathic.corpus.Emotion> classes() {
        return art.empathic.corpus.Emotion.SEVEN;
      }

      @Override
      public EmotionPrediction predict(float[] samples, int sampleRate) {
        throw new IllegalStateException("tensor shape mismatch\n\tat ai.djl.Something(Foo.java:1)");
      }

      @Override
      public void close() {}
    };
  }
}
