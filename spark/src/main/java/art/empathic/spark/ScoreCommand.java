package art.empathic.spark;

import art.empathic.recognize.ClipAnalysis;
import art.empathic.corpus.Emotion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spark score INPUT... --model RUN --out OUT}: {@code predict} for many clips, on Spark. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {
      "Hear the emotion in every clip of the inputs on Spark and write one row per clip: path, duration_s, "
          + "sample_rate, emotion, p_<class> for each class, arousal, valence, confident (top class >= 50%%), "
          + "voice and no_voice_reason (silence or noise: no emotion), timeline (with --window) and error.",
      "A bad file (unreadable, empty, not WAV, over --max-file-mb) is a row with a one-line error, never a failed job.",
      "Exit code 0 if every clip was scored, 1 if some are error rows, 2 if none could be scored or the request was bad."
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Folders (searched recursively for .wav), "
      + "globs, WAV files, CSV/TSV manifests with a path column, or any URI Hadoop reads (file:, hdfs:, s3a:).")
  List<String> inputs;

  @Option(names = "--model", required = true, paramLabel = "RUN", description = "Run directory of the model (any Hadoop URI).")
  String model;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (Spark writes part files and _SUCCESS).")
  String out;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--window", paramLabel = "S", description = "Timeline window length in seconds (0.5-30), as predict --window.")
  Double window;

  @Option(names = "--hop", paramLabel = "S", description = "Timeline hop in seconds (default: half the window).")
  Double hop;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "parquet",
      description = "parquet (default), jsonl or csv (the timeline as JSON text).")
  String format;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions (tasks) to spread the clips over "
      + "(default: 4 per core of the cluster).")
  Integer partitions;

  @Option(names = "--overwrite", description = "Replace OUT if it exists (else an existing OUT is refused).")
  boolean overwrite;

  @Option(names = "--max-file-mb", paramLabel = "MB", defaultValue = "256",
      description = "Larger files are error rows, not read (default: ${DEFAULT-VALUE}).")
  double maxFileMb;

  @Option(names = "--model-shared", description = "Executors open --model at its path (which they must all see) "
      + "instead of receiving its files with the job. Fused models are always opened this way.")
  boolean modelShared;

  @Option(names = "--ui", description = "Keep Spark's web UI on.")
  boolean ui;

  @Override
  public Integer call() throws Exception {
    ClipAnalysis.Windowing windowing = ClipAnalysis.Windowing.of(window, hop);
    OutputFormat fmt = OutputFormat.parse(format);
    JobSteps.checkPartitionsAndLimit(partitions, maxFileMb);
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    SparkSession spark = SparkSessions.start("score", master, ui);
    try {
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      JobOutput.checkWritable(spark, out, overwrite);
      long t1 = System.nanoTime();
      ModelShipment shipment = ModelShipment.prepare(spark, model, !modelShared);
      // Opened on the driver too: a bad model is refused before any task runs, and the classes
      // fix the schema. Embedded, the tasks share this very instance (one JVM).
      List<Emotion> classes = ExecutorRecognizers.get(shipment).recognizer().classes();
      double modelSeconds = (System.nanoTime() - t1) / 1e9;
      long t2 = System.nanoTime();
      ClipInputs.Resolved resolved = ClipInputs.resolve(spark, inputs, partitions);
      Dataset<Row> clips = resolved.rows();
      JobCounters counters = JobCounters.register(spark);
      ClipReader reader = ClipReader.of(spark.sparkContext().hadoopConfiguration(), (long) (maxFileMb * 1048576));
      Dataset<Row> scored = clips.mapPartitions(new ClipScorer(shipment, reader, classes, windowing, counters),
          Encoders.row(ScoreRows.schema(classes, windowing.enabled())));
      JobOutput.write(scored, out, fmt, overwrite);
      double jobSeconds = (System.nanoTime() - t2) / 1e9;
      JobSummary s = new JobSummary("score", counters.clips().value(), counters.errors().value(), jobSeconds,
          startSeconds, modelSeconds, counters.modelLoads().value(), spark.sparkContext().master(), resolved.partitions(), out, fmt);
      o.println(s.line());
      o.flush();
      return s.exitCode();
    } finally {
      spark.stop();
      ExecutorRecognizers.closeAll();
    }
  }
}
