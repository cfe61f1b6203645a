package art.empathic.train;

/**
 * Derives independent seeds for each epoch, batch and example from the run seed, so that any
 * point of a run can be reproduced (and resumed) without replaying what came before.
 */
final class Seeds {
  private Seeds() {}

  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h ^= p + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
      h = splitmix(h);
    }
    return h;
  }

  /** SplitMix64's finaliser: a good bijective scrambler. */
  private static long splitmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
