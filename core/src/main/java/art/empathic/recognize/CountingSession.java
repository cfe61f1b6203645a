package art.empathic.recognize;

/** The session of a recognizer that does not adapt: it predicts clip by clip and counts the speech. */
final class CountingSession implements SpeakerSession {
  private final EmotionRecognizer recognizer;
  private double seconds;

  CountingSession(EmotionRecognizer recognizer) {
    this.recognizer = recognizer;
  }

  @Override
  public synchronized EmotionPrediction predict(float[] samples, int sampleRate, boolean learn) {
    EmotionPrediction p = recognizer.predict(samples, sampleRate);
    if (learn && p.voiceHeard()) {
      seconds += samples.length / (double) sampleRate;
    }
    return p;
  }

  @Override
  public synchronized Adaptation adaptation() {
    return new Adaptation(false, seconds, Double.POSITIVE_INFINITY, 0);
  }
}
