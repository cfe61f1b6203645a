package art.empathic.corpus.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Zenodo on an ephemeral loopback port: a record API answer and one archive,
 * with switches for the failures a real download meets (dropped connection, ignored Range, stall,
 * HTTP errors). Records the Range header of every archive request.
 */
public final class FakeZenodo implements AutoCloseable {
  public static final String ARCHIVE_PATH = "/records/1188976/files/" + RavdessDownload.ARCHIVE_NAME;
  public static final String RECORD_PATH = "/api/records/1188976";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  public volatile byte[] archive = new byte[0];
  public volatile String recordJson = "{}";
  public volatile boolean honourRange = true;
  /** Bytes to send before dropping the connection, on the first archive request only (-1: never). */
  public volatile long dropFirstAfter = -1;
  /** Bytes to send before going silent, on the first archive request only (-1: never). */
  public volatile long stallFirstAfter = -1;
  public volatile int archiveStatus = 200;
  public final List<String> archiveRanges = Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger recordRequests = new AtomicInteger();

  private final AtomicBoolean firstServed = new AtomicBoolean();
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-zenodo");
    t.setDaemon(true);
    return t;
  });

  public FakeZenodo() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext(RECORD_PATH, this::record);
    server.createContext(ARCHIVE_PATH, this::archive);
    server.start();
  }

  /** A record answer shaped like Zenodo's current API, listing one other file and the archive. */
  public static String recordJson(long size, String checksum) {
    return "{\"id\": 1188976, \"doi\": \"10.5281/zenodo.1188976\", \"files\": ["
        + "{\"id\": \"a\", \"key\": \"Audio_Song_Actors_01-24.zip\", \"size\": 10, \"checksum\": \"md5:00000000000000000000000000000000\"},"
        + "{\"id\": \"b\", \"key\": \"" + RavdessDownload.ARCHIVE_NAME + "\", \"size\": " + size + ", \"checksum\": \"" + checksum
        + "\", \"links\": {\"self\": \"https://example.invalid/content\"}}]}";
  }

  public URI archiveUrl() {
    return url(ARCHIVE_PATH + "?download=1");
  }

  public URI recordApi() {
    return url(RECORD_PATH);
  }

  public URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  private void record(HttpExchange ex) throws IOException {
    recordRequests.incrementAndGet();
    if (!ex.getRequestURI().getPath().equals(RECORD_PATH)) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] body = recordJson.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private void archive(HttpExchange ex) throws IOException {
    String range = ex.getRequestHeaders().getFirst("Range");
    archiveRanges.add(range == null ? "" : range);
    byte[] data = archive;
    if (archiveStatus != 200) {
      ex.sendResponseHeaders(archiveStatus, -1);
      ex.close();
      return;
    }
    int start = 0;
    int status = 200;
    Matcher m = RANGE.matcher(range == null ? "" : range);
    if (honourRange && m.matches()) {
      start = Integer.parseInt(m.group(1));
      if (start >= data.length) {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + data.length);
        ex.sendResponseHeaders(416, -1);
        ex.close();
        return;
      }
      status = 206;
      ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (data.length - 1) + "/" + data.length);
    }
    int count = data.length - start;
    boolean first = firstServed.compareAndSet(false, true);
    ex.sendResponseHeaders(status, count);
    OutputStream os = ex.getResponseBody();
    if (first && dropFirstAfter >= 0) {
      os.write(data, start, (int) Math.min(dropFirstAfter, count));
      os.flush();
      // Fewer bytes than announced: closing throws "insufficient bytes written to stream", and
      // letting that escape the handler makes the server drop the connection.
      os.close();
      return;
    }
    if (first && stallFirstAfter >= 0) {
      os.write(data, start, (int) Math.min(stallFirstAfter, count));
      os.flush();
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      return;
    }
    os.write(data, start, count);
    os.close();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
