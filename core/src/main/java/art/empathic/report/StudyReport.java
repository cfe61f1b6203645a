package art.empathic.report;

import art.empathic.run.RunFiles;
import art.empathic.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunDirectory;

/**
 * One report for a whole study (the {@code demo}): {@code report.md} and a self-contained
 * {@code report.html} in an output directory, with
 *
 * <ol>
 *   <li>the free-text notes of the study (data, seed, which folds ran, ...);
 *   <li>a comparison table per protocol with the original study's columns and figures;
 *   <li>a progress table per model family;
 *   <li>the random split beside the speaker-independent protocol, with why they differ;
 *   <li>a section per run (facts, metrics, classification report, confusion matrix table and
 *       heatmap, training curves, architecture summary).
 * </ol>
 *
 * Each finished run also gets its own {@link RunReport}. Run directories that cannot be read
 * are skipped and named in the report and in {@link Written#skipped()}.
 */
public final class StudyReport {
  public static final String MARKDOWN = RunFiles.REPORT_MARKDOWN;
  public static final String HTML = RunFiles.REPORT_HTML;

  private StudyReport() {}

  /**
   * Runs reported under one protocol.
   *
   * @param protocol the protocol these runs followed
   * @param runDirs their run directories (finished or not)
   * @param notes free text shown with the protocol's table, e.g. "folds 1-2 of 6 ran"
   */
  public record Section(Protocol protocol, List<Path> runDirs, List<String> notes) {
    public Section {
      runDirs = List.copyOf(runDirs);
      notes = List.copyOf(notes);
    }
  }

  /**
   * A study.
   *
   * @param title the report's title
   * @param notes free text shown at the top (data found, seed, command, machine, ...)
   * @param sections the runs, one section per protocol
   */
  public record Study(String title, List<String> notes, List<Section> sections, List<Extra> extras) {
    public Study {
      notes = List.copyOf(notes);
      sections = List.copyOf(sections);
      extras = List.copyOf(extras);
    }

    /** A study without extra sections. */
    public Study(String title, List<String> notes, List<Section> sections) {
      this(title, notes, sections, List.of());
    }
  }

  /**
   * A section of figures computed outside the runs' own metrics (for example "new voices" or
   * "another corpus"), shown after the protocol tables.
   *
   * @param title heading
   * @param id anchor for the table of contents
   * @param paragraphs text before the table
   * @param headers table headers (empty: no table)
   * @param rows table rows
   */
  public record Extra(String title, String id, List<String> paragraphs, List<String> headers, List<List<String>> rows) {
    public Extra {
      paragraphs = List.copyOf(paragraphs);
      headers = List.copyOf(headers);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /**
   * The files written and the run directories skipped.
   *
   * @param skipped one line per run directory that could not be read: path and problem
   */
  public record Written(Path markdown, Path html, List<String> skipped) {}

  /** Loads the runs of a study; unreadable ones go to {@code skipped}. */
  public record Loaded(List<LabelledRun> runs, List<String> skipped) {}

  /** Loads every run directory of {@code study}, skipping (and naming) unreadable ones. */
  public static Loaded load(Study study) {
    List<LabelledRun> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Section s : study.sections()) {
      for (Path dir : s.runDirs()) {
        try {
          runs.add(new LabelledRun(RunDirectory.load(dir), s.protocol()));
        } catch (IOException | RuntimeException e) {
          skipped.add(dir + ": " + describe(dir, e));
        }
      }
    }
    return new Loaded(runs, skipped);
  }

  /** Writes {@code outDir/report.md} and {@code outDir/report.html}. */
  public static Written write(Path outDir, Study study) throws IOException {
    Files.createDirectories(outDir);
    Loaded loaded = load(study);
    List<LabelledRun> runs = loaded.runs();
    List<String> skipped = new ArrayList<>(loaded.skipped());

    Doc doc = new Doc().heading(1, study.title());
    for (String n : study.notes()) {
      doc.para(n);
    }
    doc.add(tableOfContents(study));
    doc.addAll(tables(study, runs));
    for (Extra e : study.extras()) {
      doc.heading(2, e.title(), e.id());
      e.paragraphs().forEach(doc::para);
      if (!e.headers().isEmpty()) {
        List<Boolean> numeric = new ArrayList<>();
        for (int c = 0; c < e.headers().size(); c++) {
          numeric.add(c > 0);
        }
        doc.table(new Table(e.headers(), numeric, e.rows()));
      }
    }

    doc.heading(2, "Runs", "runs");
    int i = 0;
    for (LabelledRun lr : runs) {
      RunDirectory run = lr.run();
      i++;
      String id = "run-" + i;
      Doc body = new Doc();
      String heading = run.displayName() + " · " + lr.protocol().key()
          + run.fold().map(f -> " fold " + f).orElse("");
      body.heading(3, heading);
      body.muted("Run directory `" + run.dir().toAbsolutePath().normalize() + "`");
      if (!run.finished()) {
        body.note("Unfinished: " + run.epochsRun() + run.plannedEpochs().map(p -> " of " + p).orElse("")
            + " epochs, no metrics.json.");
        doc.add(new Doc.Details(heading + " — unfinished", id, false, body));
        continue;
      }
      try {
        body.addAll(RunReport.write(run, lr.protocol()).section().doc().shifted(2));
      } catch (IOException | RuntimeException e) {
        skipped.add(run.dir() + ": " + describe(run.dir(), e));
        continue;
      }
      String summary = heading + " — accuracy " + Fmt.percent(run.metrics().accuracy())
          + ", macro F1 " + Fmt.decimal(run.metrics().f1Macro());
      doc.add(new Doc.Details(summary, id, false, body));
    }
    if (!skipped.isEmpty()) {
      doc.heading(2, "Run directories that could not be read");
      skipped.forEach(doc::note);
    }
    Path md = outDir.resolve(MARKDOWN);
    Path html = outDir.resolve(HTML);
    AtomicFiles.writeString(md, doc.toMarkdown(outDir));
    AtomicFiles.writeString(html, Html.page(study.title(), doc.toHtml()));
    return new Written(md, html, skipped);
  }

  /**
   * The comparison, progress and side-by-side tables with their explanations (what the demo
   * prints on the terminal via {@link #summaryText}).
   */
  static Doc tables(Study study, List<LabelledRun> runs) {
    Doc doc = new Doc();
    List<Protocol> protocols = new ArrayList<>();
    study.sections().stream().map(Section::protocol).distinct().forEach(protocols::add);
    for (Protocol p : protocols) {
      doc.heading(2, p.title(), "protocol-" + p.key());
      doc.para("Under this protocol " + p.meaning());
      for (Section s : study.sections()) {
        if (s.protocol() == p) {
          s.notes().forEach(doc::info);
        }
      }
      Table t = ComparisonTable.comparison(runs, p);
      if (t.rows().isEmpty()) {
        doc.muted("No finished runs.");
      } else {
        doc.table(t);
        if (p == Protocol.RANDOM) {
          doc.muted(OriginalStudy.CAVEAT);
        } else {
          doc.muted("Rows over several folds show the mean ± sample standard deviation; training time is the mean per fold.");
        }
      }
    }
    doc.heading(2, "Progress", "progress");
    doc.table(ComparisonTable.progress(runs));
    if (protocols.contains(Protocol.RANDOM) && protocols.contains(Protocol.SPEAKER)) {
      doc.heading(2, "Random split vs speaker-independent", "protocols");
      doc.table(ComparisonTable.sideBySide(runs));
      doc.para(WHY_THEY_DIFFER);
    }
    return doc;
  }

  /** Why the two protocols give different numbers. */
  public static final String WHY_THEY_DIFFER = "The two protocols answer different questions. The"
      + " random split shuffles clips, so the test set holds other recordings of the same actors the"
      + " model was trained on: it measures how well the model recognises emotions in **known voices**,"
      + " and it can profit from learning each speaker's voice rather than the emotion. The"
      + " speaker-independent protocol holds whole speakers out, so every test voice is new: it"
      + " measures what a user of the product meets, **new voices**, and is the honest figure. The gap"
      + " between the two (negative numbers above) is how much of the random-split score comes from"
      + " knowing the speakers.";

  /** The comparison and progress tables as aligned text, for the terminal. */
  public static String summaryText(Study study) {
    Loaded loaded = load(study);
    StringBuilder sb = new StringBuilder(tables(study, loaded.runs()).toText());
    loaded.skipped().forEach(s -> sb.append("skipped ").append(s).append('\n'));
    return sb.toString();
  }

  private static Doc.Block tableOfContents(Study study) {
    return new Doc.Block() {
      @Override
      public String markdown(Path mdDir) {
        return "";
      }

      @Override
      public String html() {
        StringBuilder sb = new StringBuilder("<nav class=\"toc\">");
        study.sections().stream().map(Section::protocol).distinct().forEach(p ->
            sb.append("<a href=\"#protocol-").append(p.key()).append("\">").append(Html.escape(p.title())).append("</a>"));
        sb.append("<a href=\"#progress\">Progress</a>");
        if (study.sections().stream().map(Section::protocol).distinct().count() > 1) {
          sb.append("<a href=\"#protocols\">Random vs speaker-independent</a>");
        }
        study.extras().forEach(e -> sb.append("<a href=\"#").append(e.id()).append("\">").append(Html.escape(e.title()))
            .append("</a>"));
        sb.append("<a href=\"#runs\">Runs</a></nav>\n");
        return sb.toString();
      }

      @Override
      public String plain() {
        return "";
      }
    };
  }

  /** One line on why {@code path} could not be read, without repeating the path. */
  static String describe(Path path, Throwable e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return path.toString().equals(m) ? "no such file or directory" : m + ": no such file or directory";
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replace('\n', ' ');
  }
}
