package art.empathic.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Groups the commands that read corpora. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = "Inspect speech-emotion corpora (RAVDESS, TESS, SAVEE, CREMA-D, EmoDB, EMOVO, CASIA, nEMO, folders, manifests).",
    subcommands = {CorpusInfoCommand.class, CorpusSplitCommand.class})
public final class CorpusCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
