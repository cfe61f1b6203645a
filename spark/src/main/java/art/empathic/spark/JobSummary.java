package art.empathic.spark;

import java.util.Locale;

/**
 * The closing summary of a job: clips, errors, clips/s and wall time of the job itself, plus
 * Spark's start-up and the model's preparation, which a longer job pays once.
 *
 * @param clips rows written (scored or error rows)
 * @param errors error rows
 * @param jobSeconds from listing the inputs to the committed output
 * @param startSeconds starting the Spark session
 * @param modelSeconds reading, shipping and opening the model on the driver
 * @param modelLoads times a task loaded the model (at most once per executor JVM; 0 embedded,
 *     where the driver's copy serves)
 */
record JobSummary(String command, long clips, long errors, double jobSeconds, double startSeconds, double modelSeconds,
    long modelLoads, String master, int partitions, String out, OutputFormat format) {

  double clipsPerSecond() {
    return jobSeconds > 0 ? clips / jobSeconds : 0;
  }

  int exitCode() {
    if (errors == 0) {
      return 0;
    }
    return errors < clips ? SparkMain.EXIT_SOME_ERRORS : SparkMain.EXIT_BAD_INPUT;
  }

  String line() {
    String model = command.equals("score")
        ? String.format(Locale.ROOT, ", model %.2f s, model loads in tasks %d", modelSeconds, modelLoads) : "";
    return String.format(Locale.ROOT,
        "spark %s: %d clips, %d errors in %.2f s (%.1f clips/s) on %s, %d partitions; Spark start %.2f s%s; wrote %s (%s)",
        command, clips, errors, jobSeconds, clipsPerSecond(), master, partitions, startSeconds, model, out, format);
  }
}
