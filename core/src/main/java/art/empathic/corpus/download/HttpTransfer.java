package art.empathic.corpus.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP GETs over Java's {@link HttpClient} (redirects followed): small documents, and large files
 * fetched into a {@code .part} file that survives interruptions and is resumed with a
 * {@code Range} request. A server that ignores {@code Range} gets a clean restart.
 */
public final class HttpTransfer {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");
  private static final String USER_AGENT = "empathic-art (Java HttpClient; dataset downloader)";

  /**
   * How hard to try: {@code attempts} transfers before giving up (each resumes the last),
   * {@code retryDelay} between them, {@code stallTimeout} without a byte before a transfer counts
   * as interrupted, {@code connectTimeout} for opening a connection and receiving headers.
   */
  public record Settings(int attempts, Duration retryDelay, Duration stallTimeout, Duration connectTimeout) {
    public static final Settings DEFAULT = new Settings(4, Duration.ofSeconds(3), Duration.ofSeconds(60), Duration.ofSeconds(30));

    public Settings {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
    }
  }

  /** A transfer that failed in a way worth retrying (connection lost, stalled, 5xx). */
  private static final class Interrupted extends IOException {
    Interrupted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HttpClient client;
  private final Settings settings;
  private final DownloadListener listener;

  public HttpTransfer(Settings settings, DownloadListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(settings.connectTimeout())
        // One long download gains nothing from HTTP/2, and 1.1 avoids h2c upgrade games on http://.
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** Fetches a small text document (at most {@code maxBytes}), e.g. a JSON record. */
  public String getText(URI url, int maxBytes) throws IOException {
    try {
      HttpResponse<InputStream> response = send(url, request(url).header("Accept", "application/json").build());
      try (InputStream in = response.body()) {
        failOnHttpError(url, response.statusCode());
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
          throw new DownloadException(url + " answered with more than " + maxBytes + " bytes; expected a small record");
        }
        return new String(body, StandardCharsets.UTF_8);
      }
    } catch (Interrupted e) {
      // Small documents are not retried: the caller has a fallback.
      throw new DownloadException(e.getMessage(), e.getCause());
    }
  }

  /**
   * Downloads {@code url} into {@code part}, resuming from what {@code part} already holds.
   * Retries interrupted transfers up to {@link Settings#attempts()} times; on final failure the
   * {@code part} file keeps everything received so far.
   *
   * @param expectedSize the size the publisher lists, or -1 if unknown
   * @return the size of the complete file
   */
  public long download(URI url, Path part, long expectedSize) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return transferOnce(url, part, expectedSize);
      } catch (Interrupted e) {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (attempt >= settings.attempts()) {
          String tries = attempt == 1 ? "1 attempt" : attempt + " attempts";
          if (have == 0) {
            throw new DownloadException("could not download " + url + " (" + e.getMessage() + "; " + tries + ")", e.getCause());
          }
          throw new DownloadException("download of " + url + " interrupted at " + megabytes(have)
              + (expectedSize > 0 ? " of " + megabytes(expectedSize) : "") + " after " + tries + " ("
              + e.getMessage() + "); " + part + " keeps what arrived: run the same command again to resume", e.getCause());
        }
        listener.info("Transfer interrupted at " + megabytes(have) + " (" + e.getMessage() + "); retrying ("
            + (attempt + 1) + " of " + settings.attempts() + ")...");
        sleep(settings.retryDelay());
      }
    }
  }

  private long transferOnce(URI url, Path part, long expectedSize) throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    if (expectedSize >= 0 && have == expectedSize && have > 0) {
      return have; // complete from an earlier run; the caller verifies it
    }
    if (expectedSize >= 0 && have > expectedSize) {
      listener.info(part + " is larger than the expected " + expectedSize + " bytes; starting over");
      have = 0;
      Files.write(part, new byte[0]);
    }
    HttpRequest.Builder request = request(url);
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response = send(url, request.build());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      long total;
      boolean append;
      if (status == 206 && have > 0) {
        String range = response.headers().firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(range);
        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
          // A resume at the wrong offset would corrupt the file: throw it away and start over.
          Files.write(part, new byte[0]);
          throw new Interrupted("server resumed at the wrong place (Content-Range \"" + range + "\"), restarting from zero", null);
        }
        total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
        append = true;
      } else if (status == 200) {
        if (have > 0) {
          listener.info("The server does not resume downloads; starting " + part.getFileName() + " over");
          have = 0;
        }
        total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        append = false;
      } else if (status == 416 && have > 0) {
        Optional<String> range = response.headers().firstValue("Content-Range");
        Matcher m = UNSATISFIED_RANGE.matcher(range.orElse(""));
        if (m.matches() && Long.parseLong(m.group(1)) == have) {
          return have; // the part file already holds the whole file
        }
        Files.write(part, new byte[0]);
        throw new Interrupted("server refused to resume at byte " + have + ", restarting from zero", null);
      } else {
        failOnHttpError(url, status);
        throw new DownloadException("unexpected HTTP " + status + " from " + url);
      }
      if (expectedSize >= 0 && total >= 0 && total != expectedSize) {
        throw new DownloadException(url + " serves " + total + " bytes but the record lists " + expectedSize
            + "; not downloading a different file (" + part + " is kept)");
      }
      long size = total >= 0 ? total : expectedSize;
      return receive(body, part, append, have, size, expectedSize);
    }
  }

  /** Streams the body into the part file, closing the stream if it stalls. */
  private long receive(InputStream body, Path part, boolean append, long have, long size, long expectedSize)
      throws IOException {
    AtomicLong lastByteAt = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "download-stall-watchdog");
      t.setDaemon(true);
      return t;
    });
    long stallNanos = settings.stallTimeout().toNanos();
    long period = Math.max(10, Math.min(5000, settings.stallTimeout().toMillis() / 4));
    watchdog.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastByteAt.get() > stallNanos && stalled.compareAndSet(false, true)) {
        try {
          body.close(); // unblocks the reading thread with an IOException
        } catch (IOException ignored) {
          // closing is best effort; the reader reports the stall
        }
      }
    }, period, period, TimeUnit.MILLISECONDS);

    long position = have;
    listener.progressStarted("Downloading " + part.getFileName().toString().replaceFirst("\\.part$", ""),
        size, have, DownloadListener.Unit.BYTES);
    StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      byte[] buf = new byte[1 << 16];
      try {
        for (int n; (n = body.read(buf)) >= 0; ) {
          lastByteAt.set(System.nanoTime());
          if (expectedSize >= 0 && position + n > expectedSize) {
            throw new DownloadException("server sent more than the expected " + expectedSize + " bytes for "
                + part + "; not a file of the listed size");
          }
          ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
          while (bb.hasRemaining()) {
            out.write(bb);
          }
          position += n;
          listener.progressed(position);
        }
      } catch (DownloadException e) {
        throw e;
      } catch (IOException e) {
        out.force(false);
        throw new Interrupted(stalled.get()
            ? "no data for " + (stallNanos % 1_000_000_000L == 0 ? settings.stallTimeout().toSeconds() + " s"
                : settings.stallTimeout().toMillis() + " ms")
            : describeNetworkError(e), e);
      }
      out.force(false); // what we report as received is on disk before we rename or verify it
    } finally {
      watchdog.shutdownNow();
      listener.progressFinished();
    }
    if (size >= 0 && position < size) {
      throw new Interrupted("connection closed after " + position + " of " + size + " bytes", null);
    }
    return position;
  }

  private HttpRequest.Builder request(URI url) {
    return HttpRequest.newBuilder(url).GET().timeout(settings.connectTimeout()).header("User-Agent", USER_AGENT);
  }

  private HttpResponse<InputStream> send(URI url, HttpRequest request) throws IOException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while contacting " + url);
    } catch (IOException e) {
      String why = "cannot reach " + url.getHost() + ": " + describeNetworkError(e);
      if (hostNotFound(e)) {
        throw new DownloadException(why, e); // retrying will not help
      }
      throw new Interrupted(why, e);
    }
  }

  private static void failOnHttpError(URI url, int status) throws IOException {
    if (status >= 200 && status < 300) {
      return;
    }
    String what = "HTTP " + status + reason(status) + " from " + url;
    if (status >= 500 || status == 429 || status == 408) {
      throw new Interrupted(what, null);
    }
    throw new DownloadException(what);
  }

  private static String reason(int status) {
    return switch (status) {
      case 401 -> " Unauthorized";
      case 403 -> " Forbidden";
      case 404 -> " Not Found";
      case 408 -> " Request Timeout";
      case 410 -> " Gone";
      case 429 -> " Too Many Requests";
      case 500 -> " Internal Server Error";
      case 502 -> " Bad Gateway";
      case 503 -> " Service Unavailable";
      case 504 -> " Gateway Timeout";
      default -> "";
    };
  }

  /** A short human reason for a network failure (Java's messages are often null). */
  static String describeNetworkError(IOException e) {
    Throwable cause = e.getCause();
    if (hostNotFound(e)) {
      return "host name not found (offline?)";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    if (e instanceof ConnectException) {
      return "connection refused or unreachable";
    }
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getClass().getSimpleName();
    }
    return msg;
  }

  private static boolean hostNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** Bytes as megabytes with one decimal, for messages. */
  public static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
