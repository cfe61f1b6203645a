package art.empathic.features;

import art.empathic.corpus.CorpusLoader;
import art.empathic.io.AtomicFiles;
import art.empathic.io.ByteSize;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A disk cache of per-clip feature matrices, one file per key, safe for concurrent threads and
 * processes and for crashes, and bounded in size.
 *
 * <p>Location: {@code EMPATHIC_ART_CACHE} if set, else {@code $XDG_CACHE_HOME/empathic-art/features},
 * else {@code ~/.cache/empathic-art/features}; or any folder given to {@link #at(Path)}.
 * Entries live at {@code <root>/v2/<k0k1>/<key>.f32}, where the key is the SHA-256 (hex) of a
 * text naming everything the matrix depends on (see {@link FeaturePipeline}); {@link CacheEntry}
 * has the file format. Entries are written to a temporary file and atomically renamed into place,
 * so a crash leaves either no entry or a whole one. An entry with a wrong magic, version, key,
 * length, payload or checksum is counted as corrupt and treated as a miss; the caller recomputes
 * and overwrites it. Entries of the older format 1 ({@code <root>/v1}) are never read (they miss)
 * and are the first to go when the cache is pruned or over its limit. A cache that cannot be
 * written (read-only, disk full) is reported once and then bypassed.
 *
 * <p>Size limit: {@link #LIMIT_PROPERTY}, else {@link #LIMIT_ENV}, else {@link #DEFAULT_LIMIT}
 * ({@code none} or 0 for no limit). A hit sets the entry's modification time to now, so the file
 * times order the entries by last use. Each instance counts the bytes it writes on top of one scan
 * of the folder; when that passes the limit it evicts the least recently used entries down to
 * 90% of the limit, under an exclusive lock on {@code <root>/.evict.lock}, so two processes never
 * evict at once (the one that finds the lock taken skips its turn). A process may therefore hold
 * the cache a little over its limit by what others wrote since its last scan. An entry deleted
 * while another process reads it is a miss there and is recomputed.
 */
public final class FeatureCache {
  public static final String ENV = "EMPATHIC_ART_CACHE";
  /** Environment variable holding the size limit, e.g. {@code 4G}, {@code 500M} or {@code none}. */
  public static final String LIMIT_ENV = "EMPATHIC_ART_CACHE_LIMIT";
  /** System property holding the size limit (wins over {@link #LIMIT_ENV}). */
  public static final String LIMIT_PROPERTY = "empathic.art.cache.limit";
  /**
   * 3 GiB: the default recipe over the seven corpora (11.5k clips, 8.2 h of audio, each clip with
   * three altered copies) needs about 1.1 GiB of functionals entries at the 9.9 KB per second of
   * audio measured on RAVDESS (2 GiB if nothing compressed), so it stays warm with room to spare.
   */
  public static final long DEFAULT_LIMIT = 3L << 30;
  static final String ENTRY_SUFFIX = ".f32";
  private static final String LOCK = ".evict.lock";
  /** Eviction goes down to this share of the limit, so it runs once per tenth of the limit written. */
  private static final double EVICT_TO = 0.9;

  private final Path root;
  private final long limit;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger misses = new AtomicInteger();
  private final AtomicInteger corrupt = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger evicted = new AtomicInteger();
  private final AtomicBoolean writeFailed = new AtomicBoolean();
  private volatile String writeProblem;
  /** Bytes on disk at the last scan (-1: not scanned yet) and written by this instance since. */
  private final AtomicLong scanned = new AtomicLong(-1);
  private final AtomicLong written = new AtomicLong();

  private FeatureCache(Path root, long limit) {
    this.root = root;
    this.limit = limit;
  }

  /** A cache in {@code root} (created on first write) with the configured size limit. */
  public static FeatureCache at(Path root) {
    return at(root, configuredLimit());
  }

  /** A cache in {@code root} holding at most {@code limitBytes} (0 or less: no limit). */
  public static FeatureCache at(Path root, long limitBytes) {
    return new FeatureCache(root.toAbsolutePath().normalize(), limitBytes);
  }

  /** A cache at the default location (see the class comment). */
  public static FeatureCache atDefaultLocation() {
    return at(defaultRoot());
  }

  /** A cache that stores nothing: every lookup misses. */
  public static FeatureCache disabled() {
    return new FeatureCache(null, 0);
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

  /**
   * The size limit in bytes from {@link #LIMIT_PROPERTY} or {@link #LIMIT_ENV}, else
   * {@link #DEFAULT_LIMIT}; 0 means none.
   *
   * @throws IllegalArgumentException naming the setting if it is not a size
   */
  public static long configuredLimit() {
    String text = System.getProperty(LIMIT_PROPERTY);
    String source = LIMIT_PROPERTY;
    if (text == null || text.isBlank()) {
      text = System.getenv(LIMIT_ENV);
      source = LIMIT_ENV;
    }
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    if (text.trim().equalsIgnoreCase("none")) {
      return 0;
    }
    try {
      return ByteSize.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage() + ", or none");
    }
  }

  /** The cache folder, or empty for a disabled cache. */
  public Optional<Path> root() {
    return Optional.ofNullable(root);
  }

  public boolean enabled() {
    return root != null;
  }

  /** The size limit in bytes (0: none). */
  public long limit() {
    return limit;
  }

  /** The file an entry with this key lives in. */
  public Path entryPath(String key) {
    if (root == null) {
      throw new IllegalStateException("the cache is disabled");
    }
    return root.resolve("v" + CacheEntry.FORMAT).resolve(key.substring(0, 2)).resolve(key + ENTRY_SUFFIX);
  }

  /** What a lookup found. */
  public enum Status { HIT, MISS, CORRUPT }

  /** A lookup's result: the matrix on a {@link Status#HIT}, else null. */
  public record Lookup(Status status, float[][] matrix) {}

  /** The matrix stored under {@code key} (64 hex digits), or empty on a miss or a corrupt entry. */
  public Optional<float[][]> get(String key) {
    return Optional.ofNullable(lookup(key).matrix());
  }

  /** Looks up {@code key} (64 hex digits), telling a miss from a damaged entry; a hit counts as a use. */
  public Lookup lookup(String key) {
    if (root == null) {
      misses.incrementAndGet();
      return new Lookup(Status.MISS, null);
    }
    Path path = entryPath(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      misses.incrementAndGet();
      return new Lookup(Status.MISS, null);
    } catch (IOException e) {
      corrupt.incrementAndGet();
      return new Lookup(Status.CORRUPT, null);
    }
    float[][] m = CacheEntry.decode(bytes, HexFormat.of().parseHex(key));
    if (m == null) {
      corrupt.incrementAndGet();
      return new Lookup(Status.CORRUPT, null);
    }
    hits.incrementAndGet();
    touch(path);
    return new Lookup(Status.HIT, m);
  }

  /** Marks an entry as used now (its modification time); an entry evicted meanwhile is left alone. */
  private static void touch(Path path) {
    try {
      Files.setLastModifiedTime(path, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException | UnsupportedOperationException e) {
      // Read-only cache or the entry just went: the order of eviction is all that is lost.
    }
  }

  /** Stores a matrix (all rows the same length) under {@code key} with no metadata (tests). */
  public void put(String key, float[][] matrix) {
    put(key, matrix, CacheEntry.Meta.UNKNOWN);
  }

  /** Stores a matrix (all rows the same length) under {@code key}; never throws for I/O trouble. */
  public void put(String key, float[][] matrix, CacheEntry.Meta meta) {
    if (root == null || writeFailed.get()) {
      return;
    }
    byte[] bytes = CacheEntry.encode(matrix, HexFormat.of().parseHex(key), meta);
    try {
      AtomicFiles.write(entryPath(key), bytes);
      writes.incrementAndGet();
    } catch (IOException e) {
      if (writeFailed.compareAndSet(false, true)) {
        writeProblem = "feature cache " + root + " cannot be written (" + CorpusLoader.ioReason(e)
            + "); going on without caching";
      }
      return;
    }
    if (limit > 0) {
      written.addAndGet(bytes.length);
      keepUnderLimit();
    }
  }

  private void keepUnderLimit() {
    long base = scanned.get();
    if (base < 0) {
      synchronized (this) {
        if (scanned.get() < 0) {
          scanned.set(entries(false).stream().mapToLong(Entry::bytes).sum() - written.get());
        }
      }
      base = scanned.get();
    }
    if (base + written.get() <= limit) {
      return;
    }
    synchronized (this) {
      if (scanned.get() + written.get() <= limit) {
        return; // another thread of this process just evicted
      }
      try {
        Files.createDirectories(root);
        try (FileChannel ch = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock()) {
          if (lock != null) {
            List<Entry> all = entries(false);
            long total = all.stream().mapToLong(Entry::bytes).sum();
            List<Entry> gone = leastRecentlyUsedOver(all, (long) (limit * EVICT_TO));
            long freed = remove(gone);
            evicted.addAndGet(gone.size());
            written.set(0);
            scanned.set(total - freed);
            return;
          }
        }
      } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
        // Fall through: try again after another tenth of the limit.
      }
      // Another process is evicting (or the lock failed): look again after another tenth of the limit.
      written.set(0);
      scanned.set((long) (limit * EVICT_TO));
    }
  }

  // ---- listing and removing entries (cache info, cache prune, eviction) -----------------------

  /**
   * One file of the cache: where it is, its size, when it was last used (written or read), its
   * format (1 or 2; 0 if the file has no valid header) and its metadata (unknown for format 1).
   */
  public record Entry(Path path, long bytes, FileTime lastUsed, int format, String base, String corpus,
      String group, String code, long writtenMillis) {
    /** True if the entry was written by this build's feature code (a lookup can hit it). */
    public boolean current() {
      return format == CacheEntry.FORMAT && code.equals(FeatureCodeVersion.get());
    }
  }

  /** Every entry in the cache (any format) with its metadata, in no particular order; unreadable files are left out. */
  public List<Entry> entries() {
    return entries(true);
  }

  /**
   * The entries; {@code withMeta} false reads no file, only the folder (for eviction): the format
   * comes from the {@code v<N>} folder and the metadata is unknown.
   */
  private List<Entry> entries(boolean withMeta) {
    List<Entry> out = new ArrayList<>();
    if (root == null || !Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (!name.endsWith(ENTRY_SUFFIX) || name.startsWith(".")) {
          continue;
        }
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          if (!a.isRegularFile()) {
            continue;
          }
          CacheEntry.Header h = withMeta ? CacheEntry.readHeader(p) : new CacheEntry.Header(folderFormat(p), CacheEntry.Meta.UNKNOWN);
          CacheEntry.Meta m = h.meta();
          out.add(new Entry(p, a.size(), a.lastModifiedTime(), h.format(), m.base(), m.corpus(), m.group(), m.code(),
              m.written()));
        } catch (IOException e) {
          // Deleted while listing (another process evicting) or unreadable: not counted.
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // A folder removed while walking: list what was found.
    }
    return out;
  }

  /** The N of the {@code v<N>} folder two levels above an entry (0 if there is none). */
  private int folderFormat(Path entry) {
    Path rel = root.relativize(entry);
    String top = rel.getNameCount() == 3 ? rel.getName(0).toString() : "";
    return top.equals("v" + CacheEntry.FORMAT) ? CacheEntry.FORMAT : top.equals("v1") ? 1 : 0;
  }

  /**
   * The entries to remove so that the rest hold at most {@code maxBytes}: entries of other
   * formats first, then the least recently used.
   */
  public static List<Entry> leastRecentlyUsedOver(List<Entry> entries, long maxBytes) {
    List<Entry> order = new ArrayList<>(entries);
    order.sort(Comparator.comparing((Entry e) -> e.format() == CacheEntry.FORMAT).thenComparing(Entry::lastUsed));
    long total = order.stream().mapToLong(Entry::bytes).sum();
    List<Entry> gone = new ArrayList<>();
    for (Entry e : order) {
      if (total <= maxBytes) {
        break;
      }
      gone.add(e);
      total -= e.bytes();
    }
    return gone;
  }

  /** Deletes entries; returns the bytes freed (an entry already gone frees nothing). */
  public long remove(List<Entry> entries) {
    long freed = 0;
    for (Entry e : entries) {
      try {
        if (Files.deleteIfExists(e.path())) {
          freed += e.bytes();
        }
      } catch (IOException ex) {
        // Not ours to delete (permissions) or a folder: left in place, not counted as freed.
      }
    }
    return freed;
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

  /** Entries this instance removed to stay under its limit. */
  public int evicted() {
    return evicted.get();
  }

  /** Why the cache stopped writing, if it did. */
  public Optional<String> writeProblem() {
    return Optional.ofNullable(writeProblem);
  }
}
