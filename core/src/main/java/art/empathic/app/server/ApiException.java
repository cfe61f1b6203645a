package art.empathic.app.server;

/**
 * A request the server refuses: an HTTP status, a one-line message for the JSON error body and,
 * for refusals a client should retry (429, 503), the seconds for its {@code Retry-After} header.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final int retryAfterSeconds;

  ApiException(int status, String message) {
    this(status, message, 0);
  }

  ApiException(int status, String message, int retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  int status() {
    return status;
  }

  /** Seconds for {@code Retry-After}; 0 when the header is not sent. */
  int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
