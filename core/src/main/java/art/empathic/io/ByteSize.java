package art.empathic.io;

import java.util.Locale;

/** Sizes in bytes as people write them: {@code 2G}, {@code 500M}, {@code 64k}, {@code 1024} (binary units). */
public final class ByteSize {
  private ByteSize() {}

  /**
   * The bytes a size names: a whole or decimal number with an optional unit K, M, G or T
   * (powers of 1024; a trailing B or iB is allowed), e.g. {@code 2G}, {@code 1.5GB}, {@code 500M}.
   *
   * @throws IllegalArgumentException naming the text if it is not a size
   */
  public static long parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("IB")) {
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    if (!t.isEmpty()) {
      int shift = "KMGT".indexOf(t.charAt(t.length() - 1));
      if (shift >= 0) {
        unit = 1L << (10 * (shift + 1));
        t = t.substring(0, t.length() - 1);
      }
    }
    double value;
    try {
      value = Double.parseDouble(t.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value >= 0) || Double.isInfinite(value) || t.isBlank() || !t.trim().matches("[0-9.]+")) {
      throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 2G, 500M, 64K or a number of bytes)");
    }
    return Math.round(value * unit);
  }

  /** A size for people: {@code 912 B}, {@code 37.4 KiB}, {@code 1.52 GiB}. */
  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
  }
}
