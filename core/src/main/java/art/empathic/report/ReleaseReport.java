package art.empathic.report;

import art.empathic.io.AtomicFiles;
import art.empathic.run.ReleaseInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The report of a release run: what it was trained on, and why there are no test figures. */
public final class ReleaseReport {
  private ReleaseReport() {}

  /** Writes {@code report.md} and {@code report.html} into the release run's directory. Invents no numbers. */
  public static RunReport.Written write(Path runDir, ReleaseInfo info) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Model", info.displayName() + " (" + info.model() + ")"));
    rows.add(List.of("Protocol", "none: release model, trained on every clip; no test part"));
    rows.add(List.of("Data", String.join(", ", info.data())));
    rows.add(List.of("Clips", info.nTrain() + " trained on" + (info.nValidation() > 0 ? ", " + info.nValidation()
        + " for validation" : "") + ", " + info.speakers() + " speakers"));
    List<String> perClass = new ArrayList<>();
    info.clipsPerClass().forEach((k, v) -> perClass.add(k + " " + v));
    rows.add(List.of("Clips per class", String.join(", ", perClass)));
    rows.add(List.of("Training", info.epochs() + " epochs, " + Fmt.duration(info.trainingSeconds())));
    rows.add(List.of("Finished", info.finished()));
    Doc doc = new Doc().heading(1, info.displayName() + " — release model");
    doc.muted("Run directory `" + runDir.toAbsolutePath().normalize() + "`");
    doc.table(new Table(List.of("", ""), List.of(false, false), rows), "facts");
    info.notes().forEach(doc::note);
    Path md = runDir.resolve(RunReport.MARKDOWN);
    Path html = runDir.resolve(RunReport.HTML);
    AtomicFiles.writeString(md, doc.toMarkdown(runDir));
    AtomicFiles.writeString(html, Html.page(info.displayName() + ": release model", doc.toHtml()));
    return new RunReport.Written(md, html, List.of());
  }
}
