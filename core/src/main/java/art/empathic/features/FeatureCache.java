package art.empathic.features;

import art.empathic.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import art.empathic.corpus.CorpusLoader;

/**
 * A disk cache of per-clip feature matrices, one file per key, safe for concurrent threads and
 * processes and for crashes.
 *
 * <p>Location: {@code EMPATHIC_ART_CACHE} if set, else {@code $XDG_CACHE_HOME/empathic-art/features},
 * else {@code ~/.cache/empathic-art/features}; or any folder given to {@link #at(Path)}.
 * Entries live at {@code <root>/v1/<k0k1>/<key>.f32}, where the key is the SHA-256 (hex) of a
 * text naming everything the matrix depends on (see {@link FeaturePipeline}).
 *
 * <p>Entry format, little-endian: magic {@code "EAFC"}, format version (int 1), the key's 32
 * bytes, rows (int), columns (int), rows x columns float32 values, then the CRC-32 of everything
 * before it. Entries are written to a temporary file and atomically renamed into place, so a
 * crash leaves either no entry or a whole one. An entry with a wrong magic, version, key, length
 * or checksum is counted as corrupt and treated as a miss; the caller recomputes and overwrites it.
 * A cache that cannot be written (read-only, disk full) is reported once and then bypassed.
 */
public final class FeatureCache {
  public static final String ENV = "EMPATHIC_ART_CACHE";
  private static final byte[] MAGIC = "EAFC".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT = 1;
  private static final int HEADER = 4 + 4 + 32 + 4 + 4;

  private final Path root;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger corrupt = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicBoolean writeFailed = new AtomicBoolean();
  private volatile String writeProblem;

  private FeatureCache(Path root) {
    this.root = root;
  }

  /** A cache in {@code root} (created on first write). */
  public static FeatureCache at(Path root) {
    return new FeatureCache(root.toAbsolutePath().normalize());
  }

  /** A cache at the default location (see the class comment). */
  public static FeatureCache atDefaultLocation() {
    return at(defaultRoot());
  }

  /** A cache that stores nothing: every lookup misses. */
  public static FeatureCache disabled() {
    return new FeatureCache(null);
  }

  /** {@code EMPATHIC_ART_CACHE}, else {@code $XDG_CACHE_HOME/empathic-art/features}, else {@code ~/.cache/...}. */
  public static Path defaultRoot() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("empathic-art").resolve("features");
  }

  /** The cache folder, or empty for a disabled cache. */
  public Optional<Path> root() {
    return Optional.ofNullable(root);
  }

  public boolean enabled() {
    return root != null;
  }

  /** The file an entry with this key lives in. */
  public Path entryPath(String key) {
    if (root == null) {
      throw new IllegalStateException("the cache is disabled");
    }
    return root.resolve("v" + FORMAT).resolve(key.substring(0, 2)).resolve(key + ".f32");
  }

  /** What a lookup found. */
  public enum Status { HIT, MISS, CORRUPT }

  /** A lookup's result: the matrix on a {@link Status#HIT}, else null. */
  public record Lookup(Status status, float[][] matrix) {}

  /** The matrix stored under {@code key} (64 hex digits), or empty on a miss or a corrupt entry. */
  public Optional<float[][]> get(String key) {
    return Optional.ofNullable(lookup(key).matrix());
  }

  /** Looks up {@code key} (64 hex digits), telling a miss from a damaged entry. */
  public Lookup lookup(String key) {
    if (root == null) {
      misses.incrementAndGet();
      return new Lookup(Status.MISS, null);
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(entryPath(key));
    } catch (NoSuchFileException e) {
      misses.incrementAndGet();
      return new Lookup(Status.MISS, null);
    } catch (IOException e) {
      corrupt.incrementAndGet();
      return new Lookup(Status.CORRUPT, null);
    }
    float[][] m = decode(bytes, HexFormat.of().parseHex(key));
    if (m == null) {
      corrupt.incrementAndGet();
      return new Lookup(Status.CORRUPT, null);
    }
    hits.incrementAndGet();
    return new Lookup(Status.HIT, m);
  }

  /** Stores a matrix (all rows the same length) under {@code key}; never throws for I/O trouble. */
  public void put(String key, float[][] matrix) {
    if (root == null || writeFailed.get()) {
      return;
    }
    byte[] bytes = encode(matrix, HexFormat.of().parseHex(key));
    try {
      AtomicFiles.write(entryPath(key), bytes);
      writes.incrementAndGet();
    } catch (IOException e) {
      if (writeFailed.compareAndSet(false, true)) {
        writeProblem = "feature cache " + root + " cannot be written (" + CorpusLoader.ioReason(e)
            + "); going on without caching";
      }
    }
  }

  static byte[] encode(float[][] m, byte[] key) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    ByteBuffer b = ByteBuffer.allocate(HEADER + 4 * rows * cols + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(FORMAT).put(key).putInt(rows).putInt(cols);
    for (float[] row : m) {
      if (row.length != cols) {
        throw new IllegalArgumentException("ragged matrix");
      }
      for (float v : row) {
        b.putFloat(v);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** The matrix in an entry, or null if anything about it is wrong. */
  static float[][] decode(byte[] bytes, byte[] key) {
    if (bytes.length < HEADER + 4) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[4];
    b.get(magic);
    if (!Arrays.equals(magic, MAGIC) || b.getInt() != FORMAT) {
      return null;
    }
    byte[] storedKey = new byte[32];
    b.get(storedKey);
    if (!Arrays.equals(storedKey, key)) {
      return null;
    }
    int rows = b.getInt();
    int cols = b.getInt();
    if (rows < 0 || cols < 0 || (long) HEADER + 4L * rows * cols + 4 != bytes.length) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
      return null;
    }
    float[][] m = new float[rows][cols];
    java.nio.FloatBuffer data = b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (float[] row : m) {
      data.get(row);
    }
    return m;
  }

  /** Lookups answered from disk. */
  public int hits() {
    return hits.get();
  }

  /** Lookups with no entry. */
  public int misses() {
    return misses.get();
  }

  /** Lookups that found a damaged entry (then recomputed). */
  public int corrupt() {
    return corrupt.get();
  }

  /** Entries written. */
  public int writes() {
    return writes.get();
  }

  /** Why the cache stopped writing, if it did. */
  public Optional<String> writeProblem() {
    return Optional.ofNullable(writeProblem);
  }
}
