package art.empathic.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * How a model's run directory reaches the executors. Shipped (the default): the driver reads the
 * run's files (from any Hadoop file system) and hands them to the job as one Spark broadcast,
 * which each executor fetches once (BitTorrent-like, from the driver and its peers); each
 * executor JVM then rebuilds the directory once in its local temporary folder. Shared: the
 * executors open the path as given, which every one of them must see (a fused model always is
 * opened so, as it names its member runs by path).
 *
 * <p>A broadcast rather than {@code SparkContext.addFile}: on Spark 4.2's standalone cluster
 * the executors did not find the added files under {@code SparkFiles.get} (ClusterIT showed
 * it), while a broadcast reaches every deploy mode the same way.
 *
 * <p>The checksum (SHA-256 over the names and bytes of the files) identifies the model in the
 * executors' recognizer cache, so a model changed between two jobs in one JVM is reloaded.
 */
final class ModelShipment implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String checksum;
  private final List<String> files;
  private final Broadcast<ArrayList<byte[]>> contents;

  private ModelShipment(String source, String checksum, List<String> files, Broadcast<ArrayList<byte[]>> contents) {
    this.source = source;
    this.checksum = checksum;
    this.files = List.copyOf(files);
    this.contents = contents;
  }

  /** The run directory as given. */
  String source() {
    return source;
  }

  String checksum() {
    return checksum;
  }

  boolean shipped() {
    return contents != null;
  }

  /** What identifies the model in an executor's cache. */
  String key() {
    return source + "#" + checksum;
  }

  /**
   * Prepares {@code runDir} for the job: reads and checksums its files and, when {@code ship},
   * broadcasts them. Files not needed for prediction (checkpoints, charts, reports) stay.
   *
   * @throws IllegalArgumentException if it is not a run directory
   */
  static ModelShipment prepare(SparkSession spark, String runDir, boolean ship) throws IOException {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path dir = new Path(runDir);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
      throw new IllegalArgumentException(runDir + ": no such run directory");
    }
    List<FileStatus> needed = new ArrayList<>();
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.isFile() && needed(f.getPath().getName())) {
        needed.add(f);
      }
    }
    needed.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    if (needed.stream().noneMatch(f -> f.getPath().getName().equals("spec.json"))) {
      throw new IllegalArgumentException(runDir + ": not a run directory (no spec.json); train one with "
          + "./empathic-art train --model NAME --out DIR");
    }
    boolean fused = needed.stream().anyMatch(f -> f.getPath().getName().equals("fusion.json"));
    MessageDigest sha = sha256();
    List<String> names = new ArrayList<>();
    ArrayList<byte[]> bytes = new ArrayList<>();
    for (FileStatus f : needed) {
      String name = f.getPath().getName();
      byte[] b;
      try (InputStream in = fs.open(f.getPath())) {
        b = in.readAllBytes();
      }
      names.add(name);
      bytes.add(b);
      sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(b);
    }
    String checksum = HexFormat.of().formatHex(sha.digest());
    String source = fs.makeQualified(dir).toString();
    if (!ship || fused) {
      return new ModelShipment(source, checksum, names, null);
    }
    return new ModelShipment(source, checksum, names,
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes));
  }

  /** Whether a run directory's file is needed for prediction. */
  static boolean needed(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !(n.endsWith(".ckpt") || n.endsWith(".png") || n.endsWith(".html") || n.endsWith(".md")
        || n.endsWith(".tmp") || n.startsWith("."));
  }

  /**
   * The run directory on this (executor) JVM's disk: for a shipped model, rebuilt once from the
   * broadcast into {@code java.io.tmpdir/empathic-art-spark-models/CHECKSUM}; else the path as given.
   */
  java.nio.file.Path localDirectory() throws IOException {
    if (contents == null) {
      return java.nio.file.Path.of(source.startsWith("file:") ? java.net.URI.create(source).getPath() : source);
    }
    java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "empathic-art-spark-models");
    java.nio.file.Path dir = root.resolve(checksum);
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Files.createDirectories(root);
    java.nio.file.Path building = Files.createTempDirectory(root, checksum.substring(0, 16) + "-");
    List<byte[]> data = contents.value();
    for (int i = 0; i < files.size(); i++) {
      Files.write(building.resolve(files.get(i)), data.get(i));
    }
    try {
      Files.move(building, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      // Another JVM on this host built it first; ours is surplus.
      for (String name : files) {
        Files.deleteIfExists(building.resolve(name));
      }
      Files.deleteIfExists(building);
    }
    return dir;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
