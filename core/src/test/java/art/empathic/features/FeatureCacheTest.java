package art.empathic.features;

import art.empathic.io.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.corpus.ContentHash;

/** The disk cache: hits, misses, damaged entries, atomic writes, unwritable locations. */
class FeatureCacheTest {
  @TempDir Path tmp;

  private static final String KEY = ContentHash.of("some key");

  private static float[][] matrix(float seed) {
    float[][] m = new float[3][5];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 5; c++) {
        m[r][c] = seed + r * 10 + c * 0.5f;
      }
    }
    return m;
  }

  @Test
  void missThenHitReturnsTheSameValues() {
    FeatureCache cache = FeatureCache.at(tmp);
    assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.MISS);
    cache.put(KEY, matrix(1));
    FeatureCache.Lookup l = cache.lookup(KEY);
    assertThat(l.status()).isEqualTo(FeatureCache.Status.HIT);
    assertThat(l.matrix()).isDeepEqualTo(matrix(1));
    assertThat(cache.entryPath(KEY)).startsWith(tmp.resolve("v2").resolve(KEY.substring(0, 2)));
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void damagedEntriesAreReportedNotTrusted() throws IOException {
    FeatureCache cache = FeatureCache.at(tmp);
    cache.put(KEY, matrix(2));
    Path entry = cache.entryPath(KEY);
    byte[] good = Files.readAllBytes(entry);

    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10; // a data bit: only the checksum can tell
    byte[] badMagic = good.clone();
    badMagic[0] = 'X';
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 7);
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 4);
    for (byte[] bad : List.of(flipped, badMagic, truncated, longer, new byte[0])) {
      Files.write(entry, bad);
      assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.CORRUPT);
    }
    // An intact entry stored under another key is not taken for this one.
    String other = ContentHash.of("other");
    cache.put(other, matrix(3));
    Files.copy(cache.entryPath(other), entry, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.CORRUPT);
    assertThat(cache.corrupt()).isEqualTo(6);
    cache.put(KEY, matrix(2));
    assertThat(cache.lookup(KEY).matrix()).isDeepEqualTo(matrix(2));
  }

  /** An entry whose checksum is made right again after {@code edit}, so only the other checks can refuse it. */
  private static byte[] resealed(byte[] good, java.util.function.Consumer<java.nio.ByteBuffer> edit) {
    byte[] b = good.clone();
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    edit.accept(buf);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b, 0, b.length - 4);
    buf.putInt(b.length - 4, (int) crc.getValue());
    return b;
  }

  @Test
  void entriesWithAResealedButWrongShapeOrPayloadAreRefused() throws IOException {
    FeatureCache cache = FeatureCache.at(tmp);
    cache.put(KEY, matrix(5));
    Path entry = cache.entryPath(KEY);
    byte[] good = Files.readAllBytes(entry);
    int metaLength = java.nio.ByteBuffer.wrap(good).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(40);
    int rowsAt = 44 + metaLength;
    List<byte[]> bad = List.of(
        resealed(good, b -> b.putInt(rowsAt, 4)), // more rows than the payload holds
        resealed(good, b -> b.putInt(rowsAt, 2)), // fewer: values left over
        resealed(good, b -> b.put(rowsAt + 12, (byte) (b.get(rowsAt + 12) ^ 0x7f))), // a broken deflate stream
        resealed(good, b -> b.putInt(4, 1))); // format 1 header on a format 2 body
    for (byte[] b : bad) {
      Files.write(entry, b);
      assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.CORRUPT);
    }
    Files.write(entry, good);
    assertThat(cache.lookup(KEY).matrix()).isDeepEqualTo(matrix(5));
  }

  @Test
  void writingPastTheLimitEvictsTheLeastRecentlyUsedEntries() throws IOException {
    long size = Files.size(writeOne(FeatureCache.at(tmp.resolve("probe")), "probe"));
    FeatureCache cache = FeatureCache.at(tmp.resolve("c"), 5 * size + size / 2); // room for five entries
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(ContentHash.of("k" + i));
      cache.put(keys.get(i), matrix(1));
      // Older use first: k0 an hour ago, k1 50 minutes ago, ...
      Files.setLastModifiedTime(cache.entryPath(keys.get(i)),
          java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - (60 - 10 * i) * 60_000L));
    }
    assertThat(cache.evicted()).isZero();
    assertThat(cache.lookup(keys.get(0)).status()).isEqualTo(FeatureCache.Status.HIT); // k0 is now the newest
    cache.put(ContentHash.of("k5"), matrix(1));
    // Over the limit: down to 90% of it, that is four entries; k1 and k2 were the least recently used.
    assertThat(cache.evicted()).isEqualTo(2);
    assertThat(Files.exists(cache.entryPath(keys.get(1)))).isFalse();
    assertThat(Files.exists(cache.entryPath(keys.get(2)))).isFalse();
    for (String k : List.of(keys.get(0), keys.get(3), keys.get(4), ContentHash.of("k5"))) {
      assertThat(cache.lookup(k).status()).isEqualTo(FeatureCache.Status.HIT);
    }
    assertThat(cache.entries().stream().mapToLong(FeatureCache.Entry::bytes).sum()).isLessThanOrEqualTo(cache.limit());
  }

  private static Path writeOne(FeatureCache cache, String name) {
    cache.put(ContentHash.of(name), matrix(1));
    return cache.entryPath(ContentHash.of(name));
  }

  @Test
  void olderFormatEntriesAreListedAsStaleAndGoFirst() throws IOException {
    FeatureCache cache = FeatureCache.at(tmp, 0);
    Path old = tmp.resolve("v1").resolve(KEY.substring(0, 2)).resolve(KEY + ".f32");
    Files.createDirectories(old.getParent());
    byte[] v1 = new byte[48 + 4 * 15 + 4];
    System.arraycopy("EAFC".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, v1, 0, 4);
    v1[4] = 1;
    Files.write(old, v1);
    assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.MISS); // never read, never trusted
    cache.put(KEY, matrix(1), new CacheEntry.Meta("mfcc", "emodb", "0123456789abcdef", FeatureCodeVersion.get(), 1));
    Files.setLastModifiedTime(cache.entryPath(KEY), java.nio.file.attribute.FileTime.fromMillis(1000));
    List<FeatureCache.Entry> all = cache.entries();
    assertThat(all).hasSize(2);
    FeatureCache.Entry v1Entry = all.stream().filter(e -> e.format() == 1).findFirst().orElseThrow();
    FeatureCache.Entry v2Entry = all.stream().filter(e -> e.format() == 2).findFirst().orElseThrow();
    assertThat(v1Entry.current()).isFalse();
    assertThat(v2Entry.current()).isTrue();
    assertThat(v2Entry.corpus()).isEqualTo("emodb");
    assertThat(v2Entry.group()).isEqualTo("0123456789abcdef");
    // The format-1 file goes first although the other was used longer ago.
    assertThat(FeatureCache.leastRecentlyUsedOver(all, v2Entry.bytes())).containsExactly(v1Entry);
  }

  @Test
  void theLimitComesFromThePropertyAndNamesItWhenWrong() {
    String before = System.getProperty(FeatureCache.LIMIT_PROPERTY);
    try {
      System.setProperty(FeatureCache.LIMIT_PROPERTY, "500M");
      assertThat(FeatureCache.configuredLimit()).isEqualTo(500L << 20);
      System.setProperty(FeatureCache.LIMIT_PROPERTY, "none");
      assertThat(FeatureCache.configuredLimit()).isZero();
      System.setProperty(FeatureCache.LIMIT_PROPERTY, "lots");
      org.assertj.core.api.Assertions.assertThatThrownBy(FeatureCache::configuredLimit)
          .hasMessageContaining(FeatureCache.LIMIT_PROPERTY).hasMessageContaining("'lots'");
    } finally {
      if (before == null) {
        System.clearProperty(FeatureCache.LIMIT_PROPERTY);
      } else {
        System.setProperty(FeatureCache.LIMIT_PROPERTY, before);
      }
    }
  }

  @Test
  void concurrentWritersNeverExposeATornEntryOrLeaveTemporaryFiles() throws Exception {
    FeatureCache cache = FeatureCache.at(tmp);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        fs.add(pool.submit(() -> {
          if (n % 2 == 0) {
            cache.put(KEY, matrix(7));
          } else {
            FeatureCache.Lookup l = cache.lookup(KEY);
            assertThat(l.status()).isNotEqualTo(FeatureCache.Status.CORRUPT);
            if (l.matrix() != null) {
              assertThat(l.matrix()).isDeepEqualTo(matrix(7));
            }
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(Files::isRegularFile)).containsExactly(cache.entryPath(KEY));
    }
  }

  @Test
  void aLeftoverTemporaryFileFromACrashDoesNotMatter() throws IOException {
    FeatureCache cache = FeatureCache.at(tmp);
    Path entry = cache.entryPath(KEY);
    Files.createDirectories(entry.getParent());
    byte[] full = CacheEntry.encode(matrix(4), java.util.HexFormat.of().parseHex(KEY), CacheEntry.Meta.UNKNOWN);
    // A writer died half-way: its temporary file is there, the entry is not.
    Files.write(entry.resolveSibling("." + entry.getFileName() + ".123" + AtomicFiles.TEMP_SUFFIX),
        java.util.Arrays.copyOf(full, full.length / 2));
    assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.MISS);
    cache.put(KEY, matrix(4));
    assertThat(cache.lookup(KEY).matrix()).isDeepEqualTo(matrix(4));
  }

  @Test
  void anUnwritableCacheIsReportedOnceAndBypassed() throws IOException {
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    FeatureCache cache = FeatureCache.at(notADir);
    cache.put(KEY, matrix(1));
    cache.put(ContentHash.of("k2"), matrix(1));
    assertThat(cache.writeProblem()).hasValueSatisfying(p -> assertThat(p).contains("cannot be written"));
    assertThat(cache.lookup(KEY).matrix()).isNull();
  }

  @Test
  void disabledCacheAlwaysMisses() {
    FeatureCache cache = FeatureCache.disabled();
    cache.put(KEY, matrix(1));
    assertThat(cache.lookup(KEY).status()).isEqualTo(FeatureCache.Status.MISS);
    assertThat(cache.enabled()).isFalse();
  }
}
