package art.empathic.corpus;

import art.empathic.audio.Audio;

/** Applies an {@link AugmentSpec.Draw} with {@code art.empathic.audio.Augment}. */
final class AudioAugmenter {
  private AudioAugmenter() {}

  static Audio apply(Audio audio, AugmentSpec.Draw draw) {
    throw new UnsupportedOperationException("augmentation needs art.empathic.audio.Augment, not merged yet");
  }
}
