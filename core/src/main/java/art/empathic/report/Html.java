package art.empathic.report;

import java.util.Base64;

/** Small HTML helpers shared by the reports. */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** An inline PNG image, so the page needs no other file. */
  static String pngImage(byte[] png, String alt, String cssClass) {
    return "<img class=\"" + cssClass + "\" alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(png) + "\">";
  }

  /** A whole page with the reports' stylesheet. */
  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n"
        + body + "</main>\n</body>\n</html>\n";
  }

  private static final String CSS = """
      :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2f6fb0; --warn-bg: #fff6e0; --warn-line: #e0a800; }
      * { box-sizing: border-box; }
      body { margin: 0; background: #f5f7fa; color: var(--ink);
             font: 15px/1.5 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
      main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; min-height: 100vh; }
      h1 { font-size: 26px; margin: 8px 0 4px; }
      h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
      h3 { font-size: 17px; margin: 24px 0 8px; }
      h4 { font-size: 15px; margin: 18px 0 6px; color: var(--muted); }
      p.lead { color: var(--muted); margin-top: 0; }
      table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
      /* A wide table scrolls inside the page instead of running over its edge. */
      table:not(.facts) { display: block; max-width: 100%; overflow-x: auto; }
      th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
      thead th { background: #eef2f7; border-bottom: 2px solid #bcccdc; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.num { white-space: nowrap; }
      table:not(.facts) td:first-child { white-space: nowrap; }
      tbody tr:nth-child(even) { background: #fafbfc; }
      table.facts { width: 100%; max-width: 820px; }
      table.facts td:first-child { width: 17em; font-weight: 600; }
      pre { background: #f0f4f8; border: 1px solid var(--line); border-radius: 4px; padding: 10px 12px;
            font: 13px/1.35 "DejaVu Sans Mono", Menlo, Consolas, monospace; overflow-x: auto; }
      .note { background: var(--warn-bg); border-left: 4px solid var(--warn-line); padding: 8px 12px; margin: 10px 0; }
      .info { background: #eaf2fb; border-left: 4px solid var(--accent); padding: 8px 12px; margin: 10px 0; }
      img.figure { display: block; max-width: 100%; height: auto; margin: 8px 0 16px; border: 1px solid var(--line); }
      .figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
      .figures > div { flex: 1 1 420px; min-width: 0; }
      details.run { border: 1px solid var(--line); border-radius: 6px; margin: 10px 0; padding: 0 14px; }
      details.run > summary { cursor: pointer; padding: 10px 0; font-weight: 600; }
      details.run[open] > summary { border-bottom: 1px solid var(--line); margin-bottom: 6px; }
      nav.toc { font-size: 14px; color: var(--muted); }
      nav.toc a { color: var(--accent); margin-right: 14px; text-decoration: none; }
      .muted { color: var(--muted); }
      footer { margin-top: 40px; font-size: 13px; color: var(--muted); }
      """;
}
