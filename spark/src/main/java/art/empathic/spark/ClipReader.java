package art.empathic.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a clip's bytes inside a task, through Hadoop's file systems (so {@code file:},
 * {@code hdfs:}, {@code s3a:} ... all work), refusing files over a size limit before reading
 * them. Carries the driver's Hadoop settings that differ from the defaults (credentials and
 * endpoints the user set with {@code spark.hadoop.*}).
 */
final class ClipReader implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A file too large to read, or one that could not be read: the one-line reason. */
  static final class ClipUnreadable extends Exception {
    private static final long serialVersionUID = 1L;

    ClipUnreadable(String problem) {
      super(problem);
    }
  }

  private final Map<String, String> settings;
  private final long maxBytes;
  private transient Configuration conf;

  private ClipReader(Map<String, String> settings, long maxBytes) {
    this.settings = settings;
    this.maxBytes = maxBytes;
  }

  /** A reader with the driver's Hadoop configuration and a size limit in bytes. */
  static ClipReader of(Configuration driverConf, long maxBytes) {
    Configuration defaults = new Configuration();
    Map<String, String> changed = new HashMap<>();
    for (Map.Entry<String, String> e : driverConf) {
      if (!e.getValue().equals(defaults.get(e.getKey()))) {
        changed.put(e.getKey(), e.getValue());
      }
    }
    return new ClipReader(changed, maxBytes);
  }

  long maxBytes() {
    return maxBytes;
  }

  /** The file's bytes; {@code knownLength} is its listed size or -1. */
  byte[] read(String uri, long knownLength) throws ClipUnreadable {
    try {
      Path p = new Path(uri);
      java.nio.file.Path local = localFile(p);
      if (local != null) {
        return readLocal(local, knownLength);
      }
      FileSystem fs = p.getFileSystem(conf());
      long length = knownLength;
      if (length < 0) { // a manifest's path: not listed yet
        org.apache.hadoop.fs.FileStatus status = fs.getFileStatus(p);
        if (status.isDirectory()) {
          throw new ClipUnreadable("is a folder, not a WAV file");
        }
        length = status.getLen();
      }
      checkSize(length);
      try (InputStream in = fs.open(p)) {
        return readAtMostLimit(in);
      }
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new ClipUnreadable("no such file");
    } catch (IOException e) {
      throw new ClipUnreadable("cannot read: " + OneLine.of(e));
    }
  }

  /**
   * A {@code file:} URI as a local path, else null. Local files are read with java.nio rather
   * than through Hadoop's local file system, which wraps every open in a checksum reader (it
   * looks for a {@code .crc} file beside each clip first) and a 4 KiB buffered stream; a WAV
   * clip has no Hadoop checksum file to check anyway.
   */
  static java.nio.file.Path localFile(Path p) {
    java.net.URI u = p.toUri();
    return "file".equals(u.getScheme()) ? java.nio.file.Path.of(u.getPath()) : null;
  }

  private byte[] readLocal(java.nio.file.Path file, long knownLength) throws IOException, ClipUnreadable {
    if (knownLength < 0 && java.nio.file.Files.isDirectory(file)) {
      throw new ClipUnreadable("is a folder, not a WAV file");
    }
    checkSize(knownLength >= 0 ? knownLength : java.nio.file.Files.size(file));
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return readAtMostLimit(in);
    }
  }

  private void checkSize(long length) throws ClipUnreadable {
    if (length > maxBytes) {
      throw new ClipUnreadable("file is " + size(length) + ", over the size limit of " + size(maxBytes) + " (--max-file-mb)");
    }
  }

  /** Reads at most one byte past the limit: a file that grew since listing is refused too. */
  private byte[] readAtMostLimit(InputStream in) throws IOException, ClipUnreadable {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new ClipUnreadable("file grew over the size limit while being read");
    }
    return bytes;
  }

  /** A size for people: KiB below a MiB, else MiB. */
  static String size(long bytes) {
    return bytes < 1048576 ? String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0)
        : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  /** The configuration a reader reads through (tests). */
  static Configuration configurationOf(ClipReader reader) {
    return reader.conf();
  }

  private Configuration conf() {
    if (conf == null) {
      conf = CONFIGURATIONS.computeIfAbsent(settings, s -> {
        Configuration c = new Configuration();
        s.forEach(c::set);
        c.size(); // parses the default resources now, once, not in a task that reads through it
        return c;
      });
    }
    return conf;
  }

  /**
   * One Hadoop configuration per JVM and settings: a new Configuration parses Hadoop's default
   * XML resources again, which cost every task tens of milliseconds of CPU. Only read from.
   */
  private static final Map<Map<String, String>, Configuration> CONFIGURATIONS = new java.util.concurrent.ConcurrentHashMap<>();
}
