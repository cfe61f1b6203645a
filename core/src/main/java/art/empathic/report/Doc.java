package art.empathic.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small document model the reports are built from, rendered as Markdown, self-contained
 * HTML (images inline) or terminal text, so every report says the same thing in each format.
 */
final class Doc {
  /** A part of the document, in each output format. */
  interface Block {
    /** Markdown; image links relative to {@code mdDir}. */
    String markdown(Path mdDir);

    String html();

    /** Terminal text; empty for figures. */
    String plain();
  }

  record Heading(int level, String text, String id) implements Block {
    @Override
    public String markdown(Path mdDir) {
      return "#".repeat(level) + " " + text + "\n\n";
    }

    @Override
    public String html() {
      return "<h" + level + (id == null ? "" : " id=\"" + Html.escape(id) + "\"") + ">"
          + Html.escape(text) + "</h" + level + ">\n";
    }

    @Override
    public String plain() {
      return text + "\n" + (level <= 1 ? "=" : "-").repeat(text.length()) + "\n\n";
    }
  }

  /**
   * A paragraph; {@code style} is null, "note" (a warning), "info" or "muted". Text may use
   * Markdown's **bold** and `code`.
   */
  record Para(String text, String style) implements Block {
    @Override
    public String markdown(Path mdDir) {
      if ("muted".equals(style)) {
        return "_" + text + "_\n\n";
      }
      return (style == null ? "" : "> ") + text + "\n\n";
    }

    @Override
    public String html() {
      return (style == null ? "<p>" : "<p class=\"" + style + "\">") + inlineHtml(text) + "</p>\n";
    }

    @Override
    public String plain() {
      return text.replace("**", "").replace("`", "") + "\n\n";
    }
  }

  record TableBlock(Table table, String cssClass) implements Block {
    @Override
    public String markdown(Path mdDir) {
      return table.toMarkdown() + "\n";
    }

    @Override
    public String html() {
      return table.toHtml(cssClass);
    }

    @Override
    public String plain() {
      return table.toText() + "\n";
    }
  }

  record Pre(String text) implements Block {
    @Override
    public String markdown(Path mdDir) {
      return "```text\n" + (text.endsWith("\n") ? text : text + "\n") + "```\n\n";
    }

    @Override
    public String html() {
      return "<pre>" + Html.escape(text) + "</pre>\n";
    }

    @Override
    public String plain() {
      return text + "\n";
    }
  }

  /** An image: {@code file} for Markdown links, {@code png} inlined in HTML. */
  record Figure(Path file, String alt, byte[] png) implements Block {
    @Override
    public String markdown(Path mdDir) {
      Path rel = mdDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
      return "![" + alt + "](" + rel.toString().replace('\\', '/').replace(" ", "%20") + ")\n\n";
    }

    @Override
    public String html() {
      return Html.pngImage(png, alt, "figure") + "\n";
    }

    @Override
    public String plain() {
      return "";
    }
  }

  /** Figures shown side by side in HTML. */
  record Figures(List<Figure> figures) implements Block {
    @Override
    public String markdown(Path mdDir) {
      StringBuilder sb = new StringBuilder();
      figures.forEach(f -> sb.append(f.markdown(mdDir)));
      return sb.toString();
    }

    @Override
    public String html() {
      StringBuilder sb = new StringBuilder("<div class=\"figures\">\n");
      figures.forEach(f -> sb.append("<div>").append(f.html()).append("</div>\n"));
      return sb.append("</div>\n").toString();
    }

    @Override
    public String plain() {
      return "";
    }
  }

  /** A collapsible part in HTML; plain content in Markdown and text. */
  record Details(String summary, String id, boolean open, Doc content) implements Block {
    @Override
    public String markdown(Path mdDir) {
      return content.toMarkdown(mdDir);
    }

    @Override
    public String html() {
      return "<details class=\"run\"" + (id == null ? "" : " id=\"" + Html.escape(id) + "\"")
          + (open ? " open" : "") + ">\n<summary>" + Html.escape(summary) + "</summary>\n"
          + content.toHtml() + "</details>\n";
    }

    @Override
    public String plain() {
      return content.toText();
    }
  }

  private final List<Block> blocks = new ArrayList<>();

  Doc heading(int level, String text) {
    return add(new Heading(level, text, null));
  }

  Doc heading(int level, String text, String id) {
    return add(new Heading(level, text, id));
  }

  Doc para(String text) {
    return add(new Para(text, null));
  }

  Doc note(String text) {
    return add(new Para(text, "note"));
  }

  Doc info(String text) {
    return add(new Para(text, "info"));
  }

  Doc muted(String text) {
    return add(new Para(text, "muted"));
  }

  Doc table(Table t) {
    return add(new TableBlock(t, null));
  }

  Doc table(Table t, String cssClass) {
    return add(new TableBlock(t, cssClass));
  }

  Doc pre(String text) {
    return add(new Pre(text));
  }

  Doc add(Block b) {
    blocks.add(b);
    return this;
  }

  /** A copy with every heading {@code delta} levels deeper (to nest a report in another). */
  Doc shifted(int delta) {
    Doc d = new Doc();
    for (Block b : blocks) {
      if (b instanceof Heading h) {
        d.add(new Heading(Math.min(6, h.level() + delta), h.text(), h.id()));
      } else if (b instanceof Details x) {
        d.add(new Details(x.summary(), x.id(), x.open(), x.content().shifted(delta)));
      } else {
        d.add(b);
      }
    }
    return d;
  }

  Doc addAll(Doc other) {
    blocks.addAll(other.blocks);
    return this;
  }

  String toMarkdown(Path mdDir) {
    StringBuilder sb = new StringBuilder();
    blocks.forEach(b -> sb.append(b.markdown(mdDir)));
    return sb.toString();
  }

  /** The body HTML (no page wrapper). */
  String toHtml() {
    StringBuilder sb = new StringBuilder();
    blocks.forEach(b -> sb.append(b.html()));
    return sb.toString();
  }

  String toText() {
    StringBuilder sb = new StringBuilder();
    blocks.forEach(b -> sb.append(b.plain()));
    return sb.toString();
  }

  /** Escapes text and turns Markdown's **bold** and `code` into HTML. */
  static String inlineHtml(String text) {
    String s = Html.escape(text);
    s = s.replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>");
    s = s.replaceAll("`(.+?)`", "<code>$1</code>");
    return s;
  }
}
