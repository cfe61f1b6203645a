package art.empathic.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * What the tasks count for the closing summary. Updated in the write job's tasks, whose
 * accumulator updates Spark applies once per successful task.
 */
record JobCounters(LongAccumulator clips, LongAccumulator errors, LongAccumulator modelLoads)
    implements java.io.Serializable {
  static JobCounters register(SparkSession spark) {
    var sc = spark.sparkContext();
    return new JobCounters(sc.longAccumulator("clips"), sc.longAccumulator("errors"), sc.longAccumulator("model loads"));
  }
}
