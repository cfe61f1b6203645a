package art.empathic.app;

import art.empathic.app.server.EmotionServer;
import art.empathic.app.server.ServerLimits;

/**
 * Serves the page over the {@link ToneRecognizer} for looking at it by hand:
 * {@code java -cp target/test-classes:target/classes:... art.empathic.app.PageDemoServer 8080}.
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
