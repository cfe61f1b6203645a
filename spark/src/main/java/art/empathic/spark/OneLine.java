package art.empathic.spark;

/** Error messages as one short line: no stack traces or multi-line causes reach an output row. */
final class OneLine {
  private OneLine() {}

  static String of(String message) {
    String m = message == null || message.isBlank() ? "unknown error" : message;
    m = m.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    return m.length() > 300 ? m.substring(0, 297) + "..." : m;
  }

  /** A throwable as "message", or its class name when it has none. */
  static String of(Throwable t) {
    String m = t.getMessage();
    return of(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
  }
}
