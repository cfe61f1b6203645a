package art.empathic.features;

import art.empathic.audio.Audio;
import art.empathic.audio.Augment;
import java.util.List;
import java.util.Random;

/**
 * Applies an {@link AugmentSpec.Draw} with {@link Augment}, in the order time shift (zero-filled,
 * capped at {@link Augment#MAX_SHIFT_FRACTION} of the clip), speed, pitch, then noise (so the SNR
 * holds for the final signal; the noise comes from {@code Random(draw.noiseSeed())}), then the
 * drawn recording channel. Public in its two steps so that a profiler times the very code the
 * pipeline runs.
 */
public final class AudioAugmenter {
  private AudioAugmenter() {}

  static Audio apply(Audio audio, AugmentSpec.Draw draw, Augment.Noise colour) {
    return apply(audio, draw, colour, List.of());
  }

  static Audio apply(Audio audio, AugmentSpec.Draw draw, Augment.Noise colour, List<float[]> babble) {
    return throughChannel(new Audio(alter(audio.samples(), audio.sampleRate(), draw, colour), audio.sampleRate()),
        draw, babble);
  }

  /** The draw's time shift, speed, pitch and noise applied to samples {@code y} at {@code rate}. */
  public static float[] alter(float[] y, int rate, AugmentSpec.Draw draw, Augment.Noise colour) {
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
    return y;
  }

  /** {@code audio} through the draw's recording channel (itself when the draw has none). */
  public static Audio throughChannel(Audio audio, AugmentSpec.Draw draw, List<float[]> babble) {
    if (draw.channel() == null) {
      return audio;
    }
    Random r = new Random(~draw.noiseSeed());
    // With a drawn number of talkers the babble is exactly the given voices, each once
    // (applyVoices is apply for every other kind of channel).
    return draw.talkers() != null ? draw.channel().applyVoices(audio, babble, r) : draw.channel().apply(audio, babble, r);
  }
}
