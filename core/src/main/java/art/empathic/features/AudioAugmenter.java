package art.empathic.features;

import art.empathic.audio.Audio;
import art.empathic.audio.Augment;
import java.util.List;
import java.util.Random;

/**
 * Applies an {@link AugmentSpec.Draw} with {@link Augment}, in the order time shift (zero-filled,
 * capped at {@link Augment#MAX_SHIFT_FRACTION} of the clip), speed, pitch, then noise (so the SNR
 * holds for the final signal; the noise comes from {@code Random(draw.noiseSeed())}).
 */
final class AudioAugmenter {
  private AudioAugmenter() {}

  static Audio apply(Audio audio, AugmentSpec.Draw draw, Augment.Noise colour) {
    return apply(audio, draw, colour, List.of());
  }

  static Audio apply(Audio audio, AugmentSpec.Draw draw, Augment.Noise colour, List<float[]> babble) {
    float[] y = audio.samples();
    int rate = audio.sampleRate();
    if (draw.shiftSeconds() != null) {
      long cap = (long) Math.floor(Augment.MAX_SHIFT_FRACTION * y.length);
      long samples = Math.max(-cap, Math.min(cap, Math.round(draw.shiftSeconds() * rate)));
      y = Augment.shift(y, (int) samples);
    }
    if (draw.speed() != null) {
      y = Augment.speed(y, draw.speed());
    }
    if (draw.pitchSemitones() != null) {
      y = Augment.pitchShift(y, draw.pitchSemitones(), rate);
    }
    if (draw.noiseSnrDb() != null) {
      y = Augment.addNoise(y, draw.noiseSnrDb(), colour, new Random(draw.noiseSeed()));
    }
    Audio out = new Audio(y, rate);
    if (draw.channel() == null) {
      return out;
    }
    Random r = new Random(~draw.noiseSeed());
    // With a drawn number of talkers the babble is exactly the given voices, each once
    // (applyVoices is apply for every other kind of channel).
    return draw.talkers() != null ? draw.channel().applyVoices(out, babble, r) : draw.channel().apply(out, babble, r);
  }
}
