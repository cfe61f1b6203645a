package art.empathic.spark;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The frame both commands run their job in: check the request, start the session, refuse an
 * existing output, let the command prepare (score: the model), then the job itself (list the
 * inputs, map each partition's clips to rows in a task, write them through Spark's committer)
 * and the closing summary with its timings.
 *
 * <p>The clips go through the RDD API, not a typed Dataset: a Dataset's {@code mapPartitions}
 * turns every input row back into a {@code Row} through a projection Spark always generates
 * and compiles with Janino in each JVM (about 0.1-0.3 s of the first task's time, cold), while
 * the clip rows are plain Java objects from the start. Only the output becomes a DataFrame.
 */
final class ClipJob {
  private ClipJob() {}

  /** What both commands are asked: the inputs, the output and the job's settings. */
  record Request(List<String> inputs, String out, String master, OutputFormat format, Integer partitions,
      boolean overwrite, double maxFileMb, boolean ui) {
    /** Checks the numbers before Spark starts. */
    Request {
      if (partitions != null && partitions < 1) {
        throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
      }
      if (!(maxFileMb > 0 && maxFileMb <= 2047)) {
        throw new IllegalArgumentException("--max-file-mb must be above 0 and at most 2047, got " + maxFileMb);
      }
    }

    long maxFileBytes() {
      return (long) (maxFileMb * 1048576);
    }
  }

  /** The command's own part of the job. */
  interface Steps {
    /**
     * Work once the session is up and before the job's clock starts (score: opening and shipping
     * the model); timed as the summary's model seconds.
     */
    default void prepare(SparkSession spark) throws Exception {}

    /** The task: a partition's clip rows to output rows (see {@link ClipRows}). */
    FlatMapFunction<Iterator<Row>, Row> task(ClipReader reader, JobCounters counters);

    /** The output rows' schema. */
    StructType schema();
  }

  /** Runs the job; prints the summary line to {@code out}. */
  static JobSummary run(String command, Request r, Steps steps, PrintWriter out) throws Exception {
    long t0 = System.nanoTime();
    SparkSession spark = SparkSessions.start(command, r.master(), r.ui());
    try {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      JobOutput.checkWritable(spark, r.out(), r.overwrite());
      long t1 = System.nanoTime();
      steps.prepare(spark);
      double prepareSeconds = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      ClipInputs.Resolved clips = ClipInputs.resolve(spark, r.inputs(), r.partitions());
      JobCounters counters = JobCounters.register(spark);
      ClipReader reader = ClipReader.of(spark.sparkContext().hadoopConfiguration(), r.maxFileBytes());
      JavaRDD<Row> rows = clips.rows().mapPartitions(steps.task(reader, counters));
      JobOutput.write(spark.createDataFrame(rows, steps.schema()), r.out(), r.format(), r.overwrite());
      double jobSeconds = (System.nanoTime() - t2) / 1e9;
      JobSummary s = new JobSummary(command, counters.clips().value(), counters.errors().value(), jobSeconds,
          startSeconds, prepareSeconds, counters.modelLoads().value(), spark.sparkContext().master(),
          clips.partitions(), r.out(), r.format());
      out.println(s.line());
      out.flush();
      return s;
    } finally {
      spark.stop();
    }
  }
}
