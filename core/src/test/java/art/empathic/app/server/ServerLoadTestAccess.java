package art.empathic.app.server;

import art.empathic.recognize.EmotionRecognizer;

/** Test helpers of this package for tests elsewhere. */
public final class ServerLoadTestAccess {
  private ServerLoadTestAccess() {}

  /** The tone recognizer taking {@code millis} per prediction. */
  public static EmotionRecognizer slow(long millis) {
    return ServerLoadTest.slow(millis);
  }
}
