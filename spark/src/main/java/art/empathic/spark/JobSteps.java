package art.empathic.spark;

/** Checks shared by the commands, made before Spark starts. */
final class JobSteps {
  private JobSteps() {}

  static void checkPartitionsAndLimit(Integer partitions, double maxFileMb) {
    if (partitions != null && partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
    }
    if (!(maxFileMb > 0 && maxFileMb <= 2047)) {
      throw new IllegalArgumentException("--max-file-mb must be above 0 and at most 2047, got " + maxFileMb);
    }
  }
}
