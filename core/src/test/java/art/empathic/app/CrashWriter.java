package art.empathic.app;

import art.empathic.features.FeatureCache;
import art.empathic.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Run in a child JVM by {@link KillMidWriteTest}: writes, forever and as fast as it can, a large
 * file through {@link AtomicFiles} (every byte of version v is v) and feature-cache entries, so
 * that a SIGKILL lands in the middle of a write. Prints "writing" once it has begun.
 */
public final class CrashWriter {
  private CrashWriter() {}

  /** The cache key of entry i: 64 hex digits. */
  static String key(int i) {
    return String.format("%064x", i + 1);
  }

  /** The matrix stored under entry i. */
  static float[][] matrix(int i) {
    float[][] m = new float[40][200];
    for (float[] row : m) {
      Arrays.fill(row, i);
    }
    return m;
  }

  public static void main(String[] args) throws Exception {
    Path big = Path.of(args[0]);
    FeatureCache cache = FeatureCache.at(Path.of(args[1]));
    byte[] content = new byte[24 << 20];
    System.out.println("writing");
    System.out.flush();
    for (int v = 1; ; v++) {
      Arrays.fill(content, (byte) v);
      AtomicFiles.write(big, content);
      for (int i = 0; i < 50; i++) {
        cache.put(key((v * 50 + i) % 400), matrix((v * 50 + i) % 400));
      }
    }
  }
}
