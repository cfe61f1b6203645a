package art.empathic.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import art.empathic.app.cli.ArtCommand;
import art.empathic.app.cli.CacheCommand;
import art.empathic.app.cli.CliErrors;
import art.empathic.app.cli.CompareCommand;
import art.empathic.app.cli.CorpusCommand;
import art.empathic.app.cli.DemoCommand;
import art.empathic.app.cli.EvaluateCommand;
import art.empathic.app.cli.FeaturesCommand;
import art.empathic.app.cli.FuseCommand;
import art.empathic.app.cli.LabCommands;
import art.empathic.app.cli.MfccCommand;
import art.empathic.app.cli.PredictCommand;
import art.empathic.app.cli.ServeCommand;
import art.empathic.app.cli.TrainCommand;

/** Entry point of the {@code empathic-art} command line. Every product command hangs off this. */
@Command(
    name = "empathic-art",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Hears emotion in a human voice: MFCC features, corpora, models, reports, and art.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      art.empathic.app.datasets.DatasetsCommand.class,
      CorpusCommand.class,
      FeaturesCommand.class,
      CacheCommand.class,
      MfccCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      CompareCommand.class,
      FuseCommand.class,
      PredictCommand.class,
      ServeCommand.class,
      ArtCommand.class,
      LabCommands.Bench.class,
      LabCommands.Study.class,
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return newCommandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args);
  }

  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new CliErrors());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Reads the version Maven filtered into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/empathic-art-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "empathic-art " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
