package art.empathic.report;

import art.empathic.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import art.empathic.corpus.Protocol;
import art.empathic.run.ReleaseInfo;
import art.empathic.run.RunDirectory;
import java.util.Arrays;

/**
 * The tables of {@code compare}: the runs given, each under the protocol its metrics.json
 * records, as terminal text, Markdown or HTML.
 *
 * @param skipped one line per argument or run directory that could not be read
 */
public record ComparisonReport(List<LabelledRun> runs, List<String> skipped) {

  public ComparisonReport {
    runs = List.copyOf(runs);
    skipped = List.copyOf(skipped);
  }

  /**
   * Loads run directories; an argument that is a folder of run directories stands for each of
   * them. Unreadable ones are skipped and named; if none is readable, that is an error.
   */
  public static ComparisonReport load(List<Path> args) {
    List<LabelledRun> runs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Path arg : args) {
      List<Path> dirs;
      try {
        dirs = RunDirectory.expand(arg);
      } catch (IOException | RuntimeException e) {
        skipped.add(arg + ": " + StudyReport.describe(arg, e));
        continue;
      }
      for (Path d : dirs) {
        if (ReleaseInfo.isRelease(d)) {
          skipped.add(d + ": a release model (trained on every clip, no test part): no test metrics to compare");
          continue;
        }
        try {
          runs.add(LabelledRun.asRecorded(RunDirectory.load(d)));
        } catch (IOException | RuntimeException e) {
          skipped.add(d + ": " + StudyReport.describe(d, e));
        }
      }
    }
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no readable run directory among " + args
          + (skipped.isEmpty() ? "" : " (" + String.join("; ", skipped) + ")"));
    }
    return new ComparisonReport(runs, skipped);
  }

  private Doc doc() {
    // Each protocol present among the runs gets its table, in the enum's order.
    List<StudyReport.Section> sections = Arrays.stream(Protocol.values())
        .filter(p -> runs.stream().anyMatch(r -> r.protocol() == p))
        .map(p -> new StudyReport.Section(p, List.of(), List.of())).toList();
    Doc doc = new Doc().heading(1, "Comparison of " + runs.size() + (runs.size() == 1 ? " run" : " runs"));
    doc.addAll(StudyReport.tables(new StudyReport.Study("Comparison", List.of(), sections), runs));
    if (!skipped.isEmpty()) {
      doc.heading(2, "Skipped");
      skipped.forEach(doc::note);
    }
    return doc;
  }

  /** The tables as aligned text for a terminal. */
  public String toText() {
    return doc().toText();
  }

  /** Writes the tables as Markdown, atomically. */
  public void writeMarkdown(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    AtomicFiles.writeString(file, doc().toMarkdown(dir));
  }

  /** Writes the tables as a self-contained HTML page, atomically. */
  public void writeHtml(Path file) throws IOException {
    AtomicFiles.writeString(file, Html.page("Comparison", doc().toHtml()));
  }
}
