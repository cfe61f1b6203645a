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
