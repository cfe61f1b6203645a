package art.empathic.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the Spark session a command runs in. */
final class SparkSessions {
  /** Settings that skip code generation (the user's or spark-submit's own settings win). */
  static final String[][] INTERPRETED = {
    {"spark.sql.codegen.wholeStage", "false"},
    {"spark.sql.codegen.factoryMode", "NO_CODEGEN"},
  };

  private SparkSessions() {}

  /** The master a session will run on: {@code master} when given, else spark-submit's, else {@code local[*]}. */
  static String masterFor(String master) {
    return master != null ? master : new SparkConf().get("spark.master", "local[*]");
  }

  /**
   * A session for {@code app}: on {@code master} when given, else on the master spark-submit
   * set, else embedded on every core ({@code local[*]}). The web UI is off unless asked for
   * (embedded runs are short, and on a shared machine its port may be taken).
   */
  static SparkSession start(String app, String master, boolean ui) {
    SparkConf fromSubmit = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("empathic-art " + app).master(masterFor(master));
    if (!fromSubmit.contains("spark.ui.enabled")) {
      b.config("spark.ui.enabled", ui);
    }
    // Interpreted row conversions instead of generated code: a job has a handful of small
    // projections (one row per clip, milliseconds of work each), and compiling them with Janino
    // cost about 0.5 CPU s per job (docs/BENCHMARKS.md, "Spark score at scale").
    for (String[] kv : INTERPRETED) {
      if (!fromSubmit.contains(kv[0])) {
        b.config(kv[0], kv[1]);
      }
    }
    return b.getOrCreate();
  }
}
