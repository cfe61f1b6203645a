package art.empathic.lab.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code empathic-art bench}: the parent of every benchmark; each is one subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that measure this machine's speed on the real work (results go in docs/BENCHMARKS.md).",
    subcommands = {BenchMfccCommand.class, BenchFeaturesCommand.class, BenchServeCommand.class, BenchPredictCommand.class,
        BenchAdaptCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
