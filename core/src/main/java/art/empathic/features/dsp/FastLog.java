package art.empathic.features.dsp;

/**
 * log10 of a float, several times faster than {@link Math#log10}, absolute error below 1e-10:
 * the exponent from the bits, the mantissa reduced to [sqrt(1/2), sqrt(2)) and
 * {@code ln m = 2 atanh(s)}, {@code s = (m - 1) / (m + 1)}, {@code |s| <= 0.172}, summed to s^11.
 * The log-mel step calls it nMels times per frame, where Math.log10 was a fifth of the time.
 */
final class FastLog {
  private static final double LN2 = Math.log(2);
  private static final double INV_LN10 = 1 / Math.log(10);
  private static final float SQRT2 = (float) Math.sqrt(2);

  private FastLog() {}

  /** log10(x) for positive finite x; other inputs fall back to {@link Math#log10}. */
  static double log10(float x) {
    int bits = Float.floatToRawIntBits(x);
    int exponent = (bits >>> 23) - 127;
    if (exponent <= -127 || exponent >= 128) { // zero, subnormal, negative, infinite or NaN
      return Math.log10(x);
    }
    float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000); // [1, 2)
    if (m > SQRT2) {
      m *= 0.5f;
      exponent++;
    }
    double s = (m - 1.0) / (m + 1.0);
    double s2 = s * s;
    double ln = 2 * s * (1 + s2 * (1 / 3.0 + s2 * (1 / 5.0 + s2 * (1 / 7.0 + s2 * (1 / 9.0 + s2 * (1 / 11.0))))));
    return (exponent * LN2 + ln) * INV_LN10;
  }
}
