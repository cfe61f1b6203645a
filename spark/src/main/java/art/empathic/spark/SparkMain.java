package art.empathic.spark;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code empathic-art spark score|features}: the toolkit's batch commands on Apache Spark. The
 * same main class runs embedded ({@code ./empathic-art spark ...}, Spark inside this JVM,
 * {@code --master local[*]} by default) and under {@code spark-submit --class
 * art.empathic.spark.SparkMain} on a cluster, where the master comes from spark-submit.
 */
@Command(name = "spark", mixinStandardHelpOptions = true, subcommands = {ScoreCommand.class, FeaturesCommand.class},
    description = {"Score speech clips or extract their features at scale on Apache Spark (embedded, or on a "
        + "cluster through spark-submit). See docs/SPARK.md."})
public final class SparkMain implements Runnable {
  /** Exit code when some clips became error rows (the job still finished and wrote them). */
  public static final int EXIT_SOME_ERRORS = 1;
  /** Exit code for a bad request, or when no clip at all could be processed. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: score or features");
  }

  public static void main(String[] args) {
    int code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    System.exit(code);
  }

  /** Runs a command line with the given streams; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new SparkMain());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (System.getenv("EMPATHIC_ART_DEBUG") != null) {
        e.printStackTrace(line.getErr());
      }
      line.getErr().println("empathic-art spark: error: " + OneLine.of(describe(e)));
      line.getErr().flush();
      return EXIT_BAD_INPUT;
    });
    return cl.execute(args);
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    // Spark wraps task failures; the innermost message says what went wrong.
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
