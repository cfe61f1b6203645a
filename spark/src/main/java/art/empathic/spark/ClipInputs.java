package art.empathic.spark;

import art.empathic.io.Csv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Turns the INPUT arguments into one row per clip: {@code path} (a qualified URI), {@code length}
 * (bytes, -1 when not listed), {@code problem} (why the input cannot be a clip, else null) and
 * the labels a manifest gave ({@code corpus}, {@code speaker}, {@code emotion}, else null).
 *
 * <p>Folders (searched recursively for .wav/.wave files) and globs are listed on the driver
 * through Hadoop's file systems (any URI Hadoop reads); a plain file is one clip whatever its
 * name; a .csv/.tsv file is a manifest whose {@code path} column lists
 * clips (relative paths are relative to the manifest's folder). An input that names nothing
 * becomes a row with a problem, so the job reports it rather than failing.
 */
final class ClipInputs {
  /** Field positions in a clip row. */
  static final int PATH = 0, LENGTH = 1, PROBLEM = 2, CORPUS = 3, SPEAKER = 4, EMOTION = 5;

  private ClipInputs() {}

  /** The clip rows and the number of partitions (tasks) they are spread over. */
  record Resolved(JavaRDD<Row> rows, int partitions) {}

  /** Partitions per task slot when the user gives no --partitions: enough to balance uneven clips. */
  static final int DEFAULT_PARTITIONS_PER_SLOT = 4;

  /**
   * The clips the inputs name, one row each, in {@code partitions} partitions (fewer for fewer
   * clips; null: {@link #DEFAULT_PARTITIONS_PER_SLOT} per task slot of the session).
   */
  static Resolved resolve(SparkSession spark, List<String> inputs, Integer requested) throws IOException {
    int partitions = requested != null ? requested : DEFAULT_PARTITIONS_PER_SLOT * spark.sparkContext().defaultParallelism();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<Row> rows = new ArrayList<>();
    for (String input : inputs) {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(conf);
      if (isGlob(input)) {
        FileStatus[] matches = fs.globStatus(p);
        if (matches == null || matches.length == 0) {
          rows.add(problem(fs.makeQualified(p).toString(), "no file matches this pattern"));
          continue;
        }
        for (FileStatus m : matches) {
          if (m.isDirectory()) {
            listFolder(fs, m.getPath(), rows);
          } else {
            rows.add(clip(m));
          }
        }
      } else if (!fs.exists(p)) {
        rows.add(problem(fs.makeQualified(p).toString(), "no such file or folder"));
      } else if (fs.getFileStatus(p).isDirectory()) {
        listFolder(fs, p, rows);
      } else if (isManifest(input)) {
        rows.addAll(manifest(fs, fs.makeQualified(p)));
      } else {
        rows.add(clip(fs.getFileStatus(p)));
      }
    }
    // Sliced on the driver: clips spread evenly over the tasks, with no shuffle stage; never
    // more tasks than clips.
    int slices = Math.max(1, Math.min(partitions, rows.size()));
    return new Resolved(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices), slices);
  }

  /**
   * Every .wav/.wave file below a folder, in name order, through Hadoop's listing (any file
   * system). Not Spark's binaryFile source: it silently leaves out zero-byte files, which must
   * become error rows. Not {@code listFiles}: its located statuses ask the local file system for
   * owners and permissions, which Hadoop without its native library gets by running {@code ls}
   * once per file.
   */
  private static void listFolder(FileSystem fs, Path dir, List<Row> rows) throws IOException {
    int before = rows.size();
    java.util.ArrayDeque<Path> folders = new java.util.ArrayDeque<>(List.of(dir));
    while (!folders.isEmpty()) {
      FileStatus[] entries = fs.listStatus(folders.pop());
      java.util.Arrays.sort(entries);
      for (FileStatus f : entries) {
        if (f.isDirectory()) {
          folders.push(f.getPath());
        } else if (isWav(f.getPath().getName())) {
          rows.add(clip(f));
        }
      }
    }
    if (rows.size() == before) {
      rows.add(problem(fs.makeQualified(dir).toString(), "no .wav files in this folder"));
    }
  }

  private static Row clip(FileStatus f) {
    return RowFactory.create(f.getPath().toString(), f.getLen(), null, null, null, null);
  }

  static boolean isWav(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".wave");
  }

  static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  static boolean isManifest(String s) {
    String n = s.toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".tsv");
  }

  private static Row problem(String path, String problem) {
    return RowFactory.create(path, -1L, problem, null, null, null);
  }

  /**
   * Reads a manifest's rows: a header naming a {@code path} column (and optionally corpus or
   * dataset, speaker, emotion or label). A row that cannot be read becomes a problem row.
   */
  static List<Row> manifest(FileSystem fs, Path manifest) throws IOException {
    String text;
    try (InputStream in = fs.open(manifest)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = text.split("\r?\n");
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new IllegalArgumentException(manifest + ": empty manifest (need a header with a path column)");
    }
    char delim = manifest.getName().toLowerCase(Locale.ROOT).endsWith(".tsv") || lines[0].indexOf('\t') >= 0 ? '\t' : ',';
    Map<String, Integer> col = new HashMap<>();
    List<String> header = Csv.parseLine(lines[0], delim);
    for (int i = 0; i < header.size(); i++) {
      col.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    Integer pathCol = col.get("path");
    if (pathCol == null) {
      throw new IllegalArgumentException(manifest + ": header must name a 'path' column, got: " + lines[0]);
    }
    Integer corpusCol = col.containsKey("corpus") ? col.get("corpus") : col.get("dataset");
    Integer speakerCol = col.get("speaker");
    Integer emotionCol = col.containsKey("emotion") ? col.get("emotion") : col.get("label");
    Path base = manifest.getParent();
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = Csv.parseLine(lines[i], delim);
      if (f.size() <= pathCol || f.get(pathCol).isBlank()) {
        rows.add(problem(manifest + "#line" + (i + 1), "manifest row has no path"));
        continue;
      }
      String raw = f.get(pathCol).trim();
      Path given = new Path(raw);
      String clip = given.toUri().getScheme() != null ? given.toString()
          : fs.makeQualified(given.isAbsolute() ? given : new Path(base, raw)).toString();
      rows.add(RowFactory.create(clip, -1L, null, field(f, corpusCol), field(f, speakerCol),
          field(f, emotionCol)));
    }
    return rows;
  }

  private static String field(List<String> f, Integer col) {
    return col == null || col >= f.size() || f.get(col).isBlank() ? null : f.get(col).trim();
  }
}
