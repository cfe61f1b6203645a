package art.empathic.spark;

import art.empathic.recognize.ClipAnalysis;
import art.empathic.corpus.Emotion;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spark score INPUT... --model RUN --out OUT}: {@code predict} for many clips, on Spark. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {
      "Hear the emotion in every clip of the inputs on Spark and write one row per clip.",
      "The columns: path, duration_s, "
          + "sample_rate, emotion, p_<class> for each class, arousal, valence, confident (top class >= 50%%), "
          + "voice and no_voice_reason (silence or noise: no emotion), timeline (with --window) and error.",
      "A bad file (unreadable, empty, not WAV, over --max-file-mb) is a row with a one-line error, never a failed job.",
      "Exit code 0 if every clip was scored, 1 if some are error rows, 2 if none could be scored or the request was bad."
    })
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobOptions job;

  @Option(names = "--model", required = true, paramLabel = "RUN", description = "Run directory of the model (any Hadoop URI).")
  String model;

  @Option(names = "--window", paramLabel = "S", description = "Timeline window length in seconds (0.5-30), as predict --window.")
  Double window;

  @Option(names = "--hop", paramLabel = "S", description = "Timeline hop in seconds (default: half the window).")
  Double hop;

  @Option(names = "--model-shared", description = "Executors open --model at its path (which they must all see) "
      + "instead of receiving its files with the job. Fused models are always opened this way.")
  boolean modelShared;

  @Override
  public Integer call() throws Exception {
    ClipAnalysis.Windowing windowing = ClipAnalysis.Windowing.of(window, hop);
    ClipJob.Request request = job.request();
    try {
      return ClipJob.run("score", request, new ClipJob.Steps() {
        ModelShipment shipment;
        List<Emotion> classes;

        @Override
        public void prepare(SparkSession spark) throws Exception {
          shipment = ModelShipment.prepare(spark, model, !modelShared);
          // Opened on the driver too: a bad model is refused before any task runs, and the
          // classes fix the schema. Embedded, the tasks share this very instance (one JVM).
          classes = ExecutorRecognizers.get(shipment).recognizer().classes();
        }

        @Override
        public ClipScorer task(ClipReader reader, JobCounters counters) {
          return new ClipScorer(shipment, reader, classes, windowing, counters);
        }

        @Override
        public StructType schema() {
          return ScoreRows.schema(classes, windowing.enabled());
        }
      }, spec.commandLine().getOut()).exitCode();
    } finally {
      ExecutorRecognizers.closeAll();
    }
  }
}
