package art.empathic.app.cli;

import art.empathic.run.RunMetrics;
import art.empathic.report.RunReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import art.empathic.recognize.Fusion;

/** {@code fuse}: late fusion of finished runs into one run that reports and serves like any other. */
@Command(name = "fuse", mixinStandardHelpOptions = true,
    description = {
      "Fuse finished runs into one model that averages their class probabilities (late fusion).",
      "The runs must share the test clips. The fused run directory holds predictions, metrics.json and "
          + "report.html; its training time is the members' sum. predict, serve and art use a fused run like any "
          + "model.",
      "Choose weights on validation data, not on the test part (docs/research/MODELS.md gives the study's)."})
public final class FuseCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "RUNDIR", description = "Finished runs of the same corpus and split.")
  List<Path> runs;

  @Option(names = "--weights", paramLabel = "W,W", split = ",", description = "One weight per run (default: equal).")
  List<Double> weights;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The fused run directory.")
  Path out;

  @Option(names = "--name", paramLabel = "TEXT", description = "Display name in reports.")
  String name;

  @Override
  public Integer call() throws Exception {
    RunMetrics m = Fusion.fuse(runs, weights, out, name);
    spec.commandLine().getOut().printf(Locale.ROOT, "fused test: accuracy %.4f, macro F1 %.4f, loss %.4f; "
        + "training %.1f s (members' sum)%nreport: %s%n", m.accuracy(), m.f1Macro(), m.loss(),
        m.trainingSeconds(), out.resolve(RunReport.HTML));
    return 0;
  }
}
