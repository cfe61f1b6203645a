package art.empathic.lab;

import art.empathic.app.cli.CliErrors;
import art.empathic.lab.bench.BenchCommand;
import art.empathic.lab.study.StudyCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the lab: the research harness ({@code study}, {@code bench}) over the core's
 * toolkit. The launcher runs {@code ./empathic-art study|bench ...} here, with the same command
 * name, options, errors and exit codes as the core's CLI; every other command runs on the core.
 */
@Command(
    name = "empathic-art",
    description = "The research harness of Empathic Art: studies over many trainings and benchmarks.",
    subcommands = {CommandLine.HelpCommand.class, StudyCommand.class, BenchCommand.class})
public final class LabMain implements Runnable {
  @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the lab's CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
  }

  /** The lab's command line, configured as the core's ({@code app.Main.newCommandLine}) is. */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new LabMain());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new CliErrors());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
