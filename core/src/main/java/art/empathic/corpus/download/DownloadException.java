package art.empathic.corpus.download;

import java.io.IOException;

/**
 * A download, verification or unpacking failure, with a one-line message that names the file or
 * address and the problem (the CLI prints it as is).
 */
public final class DownloadException extends IOException {
  public DownloadException(String message) {
    super(message);
  }

  public DownloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
