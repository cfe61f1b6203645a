package art.empathic.train;

import java.util.SplittableRandom;
import java.util.Arrays;

/** Applies {@link FeatureAugmentation} to copies of training examples. */
final class FeatureAugmenter {
  private final FeatureAugmentation a;
  private final boolean sequence;
  private final int channels;
  private final int frames;

  FeatureAugmenter(FeatureAugmentation augmentation, long[] exampleShape) {
    this.a = augmentation;
    this.sequence = exampleShape.length == 2;
    this.channels = sequence ? (int) exampleShape[0] : 1;
    this.frames = sequence ? (int) exampleShape[1] : (int) exampleShape[0];
  }

  /** Writes an augmented copy of {@code x} into {@code out} at {@code offset}. */
  void augment(float[] x, float[] out, int offset, SplittableRandom r) {
    if (sequence && a.maxShift() > 0) {
      int shift = r.nextInt(-a.maxShift(), a.maxShift() + 1);
      for (int c = 0; c < channels; c++) {
        int row = c * frames;
        for (int t = 0; t < frames; t++) {
          out[offset + row + Math.floorMod(t + shift, frames)] = x[row + t];
        }
      }
    } else {
      System.arraycopy(x, 0, out, offset, x.length);
    }
    if (sequence) {
      for (int m = 0; m < a.timeMasks(); m++) {
        int w = r.nextInt(a.timeMaskWidth() + 1);
        int t0 = r.nextInt(Math.max(1, frames - w + 1));
        for (int c = 0; c < channels; c++) {
          Arrays.fill(out, offset + c * frames + t0, offset + c * frames + Math.min(frames, t0 + w), 0f);
        }
      }
      for (int m = 0; m < a.channelMasks(); m++) {
        int w = r.nextInt(a.channelMaskWidth() + 1);
        int c0 = r.nextInt(Math.max(1, channels - w + 1));
        Arrays.fill(out, offset + c0 * frames, offset + Math.min(channels, c0 + w) * frames, 0f);
      }
    }
    if (a.noiseStd() > 0) {
      for (int i = 0; i < x.length; i++) {
        out[offset + i] += (float) (gaussian(r) * a.noiseStd());
      }
    }
  }

  static double gaussian(SplittableRandom r) {
    // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** A Beta(alpha, alpha) draw for mixup, via two Gamma(alpha) draws. */
  static double beta(double alpha, SplittableRandom r) {
    double x = gamma(alpha, r);
    double y = gamma(alpha, r);
    return x / (x + y);
  }

  /** Marsaglia and Tsang's Gamma(shape, 1) sampler (boosted for shape < 1). */
  static double gamma(double shape, SplittableRandom r) {
    if (shape < 1) {
      return gamma(shape + 1, r) * Math.pow(r.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = gaussian(r);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
