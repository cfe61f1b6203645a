package art.empathic.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Starts the Spark session a command runs in. */
final class SparkSessions {
  private SparkSessions() {}

  /**
   * A session for {@code app}: on {@code master} when given, else on the master spark-submit
   * set, else embedded on every core ({@code local[*]}). The web UI is off unless asked for
   * (embedded runs are short, and on a shared machine its port may be taken).
   */
  static SparkSession start(String app, String master, boolean ui) {
    SparkConf fromSubmit = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("empathic-art " + app);
    if (master != null) {
      b.master(master);
    } else if (!fromSubmit.contains("spark.master")) {
      b.master("local[*]");
    }
    if (!fromSubmit.contains("spark.ui.enabled")) {
      b.config("spark.ui.enabled", ui);
    }
    return b.getOrCreate();
  }
}
