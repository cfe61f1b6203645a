package art.empathic.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the commands that turn corpora into features. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "Extract cached MFCC / log-mel features from corpora and export them for other tools.",
    subcommands = {FeaturesExportCommand.class})
public final class FeaturesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
