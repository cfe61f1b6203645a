package art.empathic.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

public class MainTest {
  public record Result(int code, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void versionNamesTheProduct() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("empathic-art ");
  }

  @Test
  void everySubcommandHasHelp() {
    var cl = Main.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertThat(cl.getSubcommands()).isNotEmpty();
    cl.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        assertThat(sub.getCommandSpec().mixinStandardHelpOptions())
            .as("command %s offers --help", name).isTrue();
        assertThat(run(name, "--help").code()).as("%s --help exits 0", name).isZero();
      }
    });
  }

  @Test
  void unknownCommandIsAUsageError() {
    Result r = run("no-such-command");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no-such-command");
  }
}
