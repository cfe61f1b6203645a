package art.empathic.app.server;

import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;
import art.empathic.recognize.ToneRecognizer;

/**
 * Serves the page over the {@link ToneRecognizer} for looking at it by hand:
 * {@code java -cp target/test-classes:target/classes:... art.empathic.app.server.PageDemoServer 8080}.
 */
final class PageDemoServer {
  private PageDemoServer() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    EmotionServer server = new EmotionServer(new ToneRecognizer(), ServerLimits.defaults()).start("127.0.0.1", port);
    System.out.println("http://127.0.0.1:" + server.port() + "/");
    Thread.currentThread().join();
  }
}
