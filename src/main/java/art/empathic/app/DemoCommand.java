package art.empathic.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The whole study in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the original study end to end on the data found (not implemented yet).")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("demo: not implemented yet");
    return 0;
  }
}
