package art.empathic.lab;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the lab's CLI in this JVM and keeps what it printed (the lab's {@code MainTest.run}). */
public final class LabRun {
  private LabRun() {}

  public record Result(int code, String out, String err) {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LabMain.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }
}
