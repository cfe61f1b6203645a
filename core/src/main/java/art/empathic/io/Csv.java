package art.empathic.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The little CSV/TSV this project reads and writes: one record per line, fields separated by a
 * delimiter, optionally double-quoted with {@code ""} for a quote inside (RFC 4180, no line
 * breaks inside fields).
 */
public final class Csv {
  private Csv() {}

  /** Splits one line into fields; throws IllegalArgumentException on an unterminated quote. */
  public static List<String> parseLine(String line, char delimiter) {
    List<String> fields = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"' && f.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        fields.add(wasQuoted ? f.toString() : f.toString().trim());
        f.setLength(0);
        wasQuoted = false;
      } else {
        f.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    fields.add(wasQuoted ? f.toString() : f.toString().trim());
    return fields;
  }

  /** Formats one record with ',' delimiters, quoting fields that need it. */
  public static String formatLine(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(fields.get(i)));
    }
    return b.toString();
  }

  /**
   * One field as {@link #formatLine} writes it: quoted when it holds a delimiter, a quote, a line
   * break or whitespace at either end (which {@link #parseLine} would otherwise trim).
   */
  public static String field(String v) {
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
        || (!v.isEmpty() && (Character.isWhitespace(v.charAt(0)) || Character.isWhitespace(v.charAt(v.length() - 1))))) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
