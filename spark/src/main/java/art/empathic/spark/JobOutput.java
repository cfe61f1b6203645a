package art.empathic.spark;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a job's rows through Spark's file committer: task outputs stay in a temporary folder
 * until the job commits, so a failed job leaves no half-written result, and {@code _SUCCESS}
 * marks a complete one. An existing output is refused unless overwriting was asked for.
 */
final class JobOutput {
  private JobOutput() {}

  /** Refuses an existing {@code out} unless {@code overwrite}; call before doing any work. */
  static void checkWritable(SparkSession spark, String out, boolean overwrite) throws IOException {
    Path p = new Path(out);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(p) && !overwrite) {
      throw new IllegalArgumentException(out + ": already exists; pass --overwrite to replace it");
    }
  }

  static void write(Dataset<Row> rows, String out, OutputFormat format, boolean overwrite) {
    Dataset<Row> d = format == OutputFormat.CSV ? flattenForCsv(rows) : rows;
    var w = d.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(format.sparkName());
    if (format == OutputFormat.CSV) {
      w = w.option("header", "true");
    }
    w.save(out);
  }

  /** CSV holds no arrays: array columns (the timeline, feature arrays) become JSON text. */
  private static Dataset<Row> flattenForCsv(Dataset<Row> rows) {
    StructType s = rows.schema();
    Column[] cols = Arrays.stream(s.fields()).map(f -> asCsv(f)).toArray(Column[]::new);
    return rows.select(cols);
  }

  private static Column asCsv(StructField f) {
    Column c = functions.col(f.name());
    return f.dataType() instanceof ArrayType ? functions.to_json(c).as(f.name()) : c;
  }
}
