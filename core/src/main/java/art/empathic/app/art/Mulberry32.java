package art.empathic.app.art;

/**
 * The mulberry32 generator: 32 bits of state, the same numbers as the page's JavaScript
 * {@code mulberry32} for the same seed, so both renderers can share seeds. Not thread-safe.
 */
final class Mulberry32 {
  private int state;

  Mulberry32(long seed) {
    this.state = (int) (seed ^ (seed >>> 32));
  }

  /** The next number in [0, 1). */
  double next() {
    state += 0x6D2B79F5;
    int t = state;
    t = (t ^ (t >>> 15)) * (1 | t);
    t = (t + ((t ^ (t >>> 7)) * (61 | t))) ^ t;
    return ((t ^ (t >>> 14)) & 0xFFFFFFFFL) / 4294967296.0;
  }
}
