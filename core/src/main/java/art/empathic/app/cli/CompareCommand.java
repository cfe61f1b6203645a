package art.empathic.app.cli;

import art.empathic.report.ComparisonReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compares trained runs in the original study's table. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {
        "Compare trained runs in the original study's table, one table per protocol.",
        "The table has the original study's columns (Model, Input Feature, Training Time, Epochs, Accuracy,"
            + " F1-score, Loss, and the original figure); a progress table per model family follows and, when both"
            + " protocols are present, random split vs speaker-independent. Runs of one configuration (folds, seeds)"
            + " are one row with mean ± standard deviation.",
        "A folder of run directories (e.g. runs/) stands for every run directory in it. Unreadable"
            + " run directories are skipped and named."})
public final class CompareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUNDIR", description = "Run directories, or folders of run directories.")
  List<Path> runDirs;

  @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the tables as Markdown to this file.")
  Path markdown;

  @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the tables as a self-contained HTML page.")
  Path html;

  @Override
  public Integer call() throws Exception {
    ComparisonReport report = ComparisonReport.load(runDirs);
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    out.print(report.toText());
    out.flush();
    for (String s : report.skipped()) {
      err.println("empathic-art: skipped " + s);
    }
    if (markdown != null) {
      report.writeMarkdown(markdown);
      out.println("Markdown written to " + markdown);
    }
    if (html != null) {
      report.writeHtml(html);
      out.println("HTML written to " + html);
    }
    out.flush();
    err.flush();
    return 0;
  }
}
