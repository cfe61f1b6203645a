package art.empathic.spark;

import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs, output and job options both commands take (a picocli mixin). */
final class JobOptions {
  @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Folders (searched recursively for .wav), "
      + "globs, WAV files, CSV/TSV manifests with a path column, or any URI Hadoop reads (file:, hdfs:, s3a:).")
  List<String> inputs;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (Spark writes part files and _SUCCESS).")
  String out;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(names = "--format", paramLabel = "FMT", defaultValue = "parquet",
      description = "parquet (default), jsonl or csv (array columns, such as the timeline or the features, as JSON text).")
  String format;

  @Option(names = "--partitions", paramLabel = "N", description = "Partitions (tasks) to spread the clips over "
      + "(default: 4 per core of the cluster).")
  Integer partitions;

  @Option(names = "--overwrite", description = "Replace OUT if it exists (else an existing OUT is refused).")
  boolean overwrite;

  @Option(names = "--max-file-mb", paramLabel = "MB", defaultValue = "256",
      description = "Larger files are error rows, not read (default: ${DEFAULT-VALUE}).")
  double maxFileMb;

  @Option(names = "--ui", description = "Keep Spark's web UI on.")
  boolean ui;

  /** The request these options make (checked: see {@link ClipJob.Request}). */
  ClipJob.Request request() {
    return new ClipJob.Request(inputs, out, master, OutputFormat.parse(format), partitions, overwrite, maxFileMb, ui);
  }
}
