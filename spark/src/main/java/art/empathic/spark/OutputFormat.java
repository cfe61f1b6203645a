package art.empathic.spark;

import java.util.Locale;

/** The formats {@code --format} writes: Parquet (default), JSON Lines, CSV. */
enum OutputFormat {
  PARQUET("parquet"),
  JSONL("json"),
  CSV("csv");

  private final String sparkName;

  OutputFormat(String sparkName) {
    this.sparkName = sparkName;
  }

  /** The name of Spark's data source. */
  String sparkName() {
    return sparkName;
  }

  static OutputFormat parse(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "parquet" -> PARQUET;
      case "jsonl", "json" -> JSONL;
      case "csv" -> CSV;
      default -> throw new IllegalArgumentException("unknown format '" + s + "' (use parquet, jsonl or csv)");
    };
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
