package art.empathic.train;

/**
 * Augmentation of training examples in feature space, applied per batch with a seeded
 * generator (never to validation or test examples).
 *
 * @param timeMasks SpecAugment time masks per example (sequences only)
 * @param timeMaskWidth maximum width of a time mask, in frames
 * @param channelMasks SpecAugment masks over MFCC coefficients (sequences only)
 * @param channelMaskWidth maximum width of a coefficient mask
 * @param maxShift maximum circular time shift, in frames (sequences only)
 * @param noiseStd standard deviation of Gaussian noise added to standardised features
 * @param mixupAlpha Beta(alpha, alpha) mixup of example pairs; 0 turns mixup off
 */
public record FeatureAugmentation(int timeMasks, int timeMaskWidth, int channelMasks, int channelMaskWidth,
    int maxShift, double noiseStd, double mixupAlpha) {

  public static final FeatureAugmentation NONE = new FeatureAugmentation(0, 0, 0, 0, 0, 0, 0);

  public FeatureAugmentation {
    if (timeMasks < 0 || timeMaskWidth < 0 || channelMasks < 0 || channelMaskWidth < 0 || maxShift < 0
        || !(noiseStd >= 0) || !(mixupAlpha >= 0)) {
      throw new IllegalArgumentException("augmentation settings must be non-negative");
    }
    // A mask width without masks changes nothing: `--time-masks 0` is then no augmentation at all.
    if (timeMasks == 0) timeMaskWidth = 0;
    if (channelMasks == 0) channelMaskWidth = 0;
  }

  public boolean isNone() {
    return equals(NONE);
  }
}
