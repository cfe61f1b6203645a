package art.empathic.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table rendered three ways: aligned plain text (terminal), Markdown, HTML.
 *
 * @param headers column headings
 * @param numeric per column, whether it is right-aligned (numbers)
 * @param rows cells, one list per row, as many as there are headers
 */
public record Table(List<String> headers, List<Boolean> numeric, List<List<String>> rows) {

  public Table {
    headers = List.copyOf(headers);
    numeric = List.copyOf(numeric);
    if (numeric.size() != headers.size()) {
      throw new IllegalArgumentException("alignment for " + numeric.size() + " of " + headers.size() + " columns");
    }
    List<List<String>> copy = new ArrayList<>();
    for (List<String> r : rows) {
      if (r.size() != headers.size()) {
        throw new IllegalArgumentException("row has " + r.size() + " cells for " + headers.size() + " columns: " + r);
      }
      copy.add(List.copyOf(r));
    }
    rows = List.copyOf(copy);
  }

  /** Columns separated by two spaces, a dashed rule under the header, numbers right-aligned. */
  public String toText() {
    int[] w = new int[headers.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = width(headers.get(c));
      for (List<String> r : rows) {
        w[c] = Math.max(w[c], width(r.get(c)));
      }
    }
    StringBuilder sb = new StringBuilder();
    textRow(sb, headers, w);
    List<String> rule = new ArrayList<>();
    for (int c = 0; c < w.length; c++) {
      rule.add("-".repeat(w[c]));
    }
    textRow(sb, rule, w);
    for (List<String> r : rows) {
      textRow(sb, r, w);
    }
    return sb.toString();
  }

  private void textRow(StringBuilder sb, List<String> cells, int[] w) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append("  ");
      }
      String s = cells.get(c);
      String pad = " ".repeat(w[c] - width(s));
      line.append(numeric.get(c) ? pad + s : s + pad);
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }

  /** A GitHub-flavoured Markdown table. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder("|");
    for (String h : headers) {
      sb.append(' ').append(mdCell(h)).append(" |");
    }
    sb.append("\n|");
    for (boolean n : numeric) {
      sb.append(n ? "---:|" : "---|");
    }
    sb.append('\n');
    for (List<String> r : rows) {
      sb.append('|');
      for (String cell : r) {
        sb.append(' ').append(mdCell(cell)).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** An HTML table; {@code cssClass} may be null. Cells are escaped. */
  public String toHtml(String cssClass) {
    StringBuilder sb = new StringBuilder("<table");
    if (cssClass != null) {
      sb.append(" class=\"").append(Html.escape(cssClass)).append('"');
    }
    sb.append(">\n<thead><tr>");
    for (int c = 0; c < headers.size(); c++) {
      sb.append(numeric.get(c) ? "<th class=\"num\">" : "<th>").append(Html.escape(headers.get(c))).append("</th>");
    }
    sb.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : rows) {
      sb.append("<tr>");
      for (int c = 0; c < r.size(); c++) {
        sb.append(numeric.get(c) ? "<td class=\"num\">" : "<td>").append(Html.escape(r.get(c))).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</tbody>\n</table>\n");
    return sb.toString();
  }

  private static String mdCell(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
