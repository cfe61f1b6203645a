package art.empathic.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code study} and {@code bench} in the core's command list. They live in the lab module
 * ({@code lab/}, {@code art.empathic.lab.LabMain}), which the core does not depend on: the launcher
 * builds it on first use and runs these two commands there. Reached here (the core jar run by
 * hand), they say so and exit 2.
 */
public final class LabCommands {
  private LabCommands() {}

  /** {@code study}: its summary in the core's list; the commands themselves are the lab's. */
  @Command(name = "study", mixinStandardHelpOptions = true,
      description = {"Run a research study over many trainings (in the lab module).",
        "The study commands live in the lab module (lab/): the launcher builds it on the first `./empathic-art study` "
            + "and runs them there; `./empathic-art study --help` lists them."})
  public static final class Study extends Redirect {
    public Study() {
      super("study");
    }
  }

  /** {@code bench}: its summary in the core's list; the benchmarks themselves are the lab's. */
  @Command(name = "bench", mixinStandardHelpOptions = true,
      description = {"Benchmark this machine's speed (in the lab module).",
        "The benchmarks live in the lab module (lab/): the launcher builds it on the first `./empathic-art bench` "
            + "and runs them there; `./empathic-art bench --help` lists them."})
  public static final class Bench extends Redirect {
    public Bench() {
      super("bench");
    }
  }

  /** Says where the command runs instead of running it. */
  abstract static class Redirect implements Callable<Integer> {
    private final String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched List<String> args = new ArrayList<>();

    Redirect(String name) {
      this.name = name;
    }

    @Override
    public Integer call() {
      spec.commandLine().getErr().println("empathic-art: error: `" + name + "` is in the lab module: run it through the "
          + "launcher, `./empathic-art " + String.join(" ", prepend(name, args)) + "` (it builds lab/ on first use)");
      return CliErrors.EXIT_BAD_INPUT;
    }

    private static List<String> prepend(String first, List<String> rest) {
      List<String> all = new ArrayList<>(List.of(first));
      all.addAll(rest);
      return all;
    }
  }
}
