package art.empathic.app.datasets;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code empathic-art datasets ...}: getting the public corpora the study runs on. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
    description = "Get the public corpora the study runs on (see 'datasets download --help').",
    subcommands = {DownloadCommand.class})
public final class DatasetsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
