package art.empathic.app.server;

import art.empathic.recognize.EmotionRecognizer;
import java.util.ArrayList;
import java.util.List;

/** Servers (and their recognizers) a test started on ephemeral loopback ports; closes them all. */
final class RunningServers implements AutoCloseable {
  private final List<AutoCloseable> open = new ArrayList<>();

  EmotionServer start(EmotionRecognizer recognizer, ServerLimits limits) {
    open.add(recognizer);
    EmotionServer s = new EmotionServer(recognizer, limits).start("127.0.0.1", 0);
    open.add(s);
    return s;
  }

  @Override
  public void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
  }
}
