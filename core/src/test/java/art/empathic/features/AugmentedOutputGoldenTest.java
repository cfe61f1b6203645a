package art.empathic.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import art.empathic.audio.Audio;
import art.empathic.audio.Augment;
import art.empathic.audio.Channel;
import art.empathic.corpus.ContentHash;
import art.empathic.features.dsp.Functionals;
import art.empathic.features.dsp.MfccExtractor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The altered copies must not change when the augmentation code is made faster: for synthetic
 * clips and fixed draws (every channel kind, speeds whose resampling ratios are co-prime or not,
 * babble of picked and of counted voices, shift + pitch + noise, and the release recipe's own
 * draws) the SHA-256 of the augmented samples' float bits, and of the voice matrix and functionals
 * of some, equal the values main's code (commit 55d6961) gave. A change of even one bit of one
 * sample fails here; regenerate the values only for a change meant to alter the augmentation.
 */
class AugmentedOutputGoldenTest {
  private static final int RATE = 16000;

  /** A voiced-ish test signal: a gliding harmonic tone with an envelope, noise bursts, silence. */
  static float[] clip(double seconds, double f0, long seed) {
    Random r = new Random(seed);
    int n = (int) Math.round(seconds * RATE);
    float[] x = new float[n];
    double phase = 0;
    for (int i = 0; i < n; i++) {
      double t = i / (double) RATE;
      double f = f0 * (1 + 0.3 * Math.sin(2 * Math.PI * 0.7 * t));
      phase += 2 * Math.PI * f / RATE;
      double env = Math.max(0, Math.sin(Math.PI * t / seconds * 3)); // three syllables with gaps
      double v = 0;
      for (int h = 1; h <= 6; h++) {
        v += Math.sin(h * phase) / h;
      }
      x[i] = (float) (0.3 * env * v + (i % 4000 < 400 ? 0.05 * r.nextGaussian() : 0.002 * r.nextGaussian()));
    }
    return x;
  }

  static String hash(float[] x) {
    ByteBuffer b = ByteBuffer.allocate(4 * x.length);
    for (float v : x) {
      b.putInt(Float.floatToRawIntBits(v));
    }
    return ContentHash.of(b.array()).substring(0, 16);
  }

  static String hash(float[][] m) {
    int n = 0;
    for (float[] row : m) {
      n += row.length;
    }
    float[] flat = new float[n];
    int k = 0;
    for (float[] row : m) {
      System.arraycopy(row, 0, flat, k, row.length);
      k += row.length;
    }
    return hash(flat);
  }

  /** Every case's hashes, in order: name -> samples hash (and matrix and functionals hashes for some). */
  static Map<String, String> actual() {
    List<float[]> clips = List.of(clip(1.3, 140, 1), clip(2.71, 210, 2), clip(3.5, 110, 3));
    List<float[]> voices = List.of(clip(2.2, 180, 4), clip(1.7, 250, 5), clip(3.1, 120, 6));
    Map<String, String> out = new LinkedHashMap<>();
    double[] speeds = {0.8, 0.837, 0.9, 1.0, 1.037, 1.137, 1.2};
    Channel[] channels = {new Channel(Channel.Kind.CLEAN, 0), new Channel(Channel.Kind.WHITE, 12.5),
        new Channel(Channel.Kind.BABBLE, 8.25), new Channel(Channel.Kind.TELEPHONE, 0),
        new Channel(Channel.Kind.REVERB, 0.2), new Channel(Channel.Kind.REVERB, 0.77),
        new Channel(Channel.Kind.GAIN, -17.5), new Channel(Channel.Kind.CLIP, 6.5)};
    MfccExtractor extractor = new MfccExtractor(FeatureSpec.functionals(RATE).mfcc());
    int c = 0;
    for (Channel ch : channels) {
      for (int s = 0; s < speeds.length; s += 2 + (c % 2)) {
        float[] x = clips.get(c % clips.size());
        AugmentSpec.Draw d = new AugmentSpec.Draw(1, null, speeds[s], null, null, 1000L + c, ch);
        Audio y = AudioAugmenter.apply(new Audio(x, RATE), d, Augment.Noise.WHITE, voices);
        out.put(ch.describeExact() + " speed " + speeds[s] + " clip " + (c % clips.size()), hash(y.samples()));
        c++;
      }
    }
    AugmentSpec.Draw two = new AugmentSpec.Draw(2, null, 1.137, null, null, 77L, new Channel(Channel.Kind.BABBLE, 15), 2);
    out.put("babble of 2 counted voices", hash(AudioAugmenter.apply(new Audio(clips.get(1), RATE), two,
        Augment.Noise.WHITE, voices.subList(0, 2)).samples()));
    AugmentSpec.Draw all = new AugmentSpec.Draw(3, 0.1, 0.93, 1.5, 20.0, 5L, new Channel(Channel.Kind.REVERB, 0.5));
    out.put("shift, speed, pitch, pink noise, reverb", hash(AudioAugmenter.apply(new Audio(clips.get(2), RATE), all,
        Augment.Noise.PINK, voices).samples()));
    // The release recipe's own draws, through to the features the model sees.
    // train.Recipe.FUNCTIONALS_AUGMENT
    AugmentSpec recipe = AugmentSpec.parse("copies=3,channel=on,speed=0.8:1.2", 42);
    for (int k = 0; k < 6; k++) {
      for (int copy = 1; copy <= recipe.totalCopies(); copy++) {
        AugmentSpec.Draw d = recipe.draw("clip-" + k, "speaker-" + (k % 4), copy);
        Audio y = AudioAugmenter.apply(new Audio(clips.get(k % clips.size()), RATE), d, recipe.noiseColour(), voices);
        float[][] frames = BaseFeature.VOICE.compute(extractor, y.samples());
        out.put("recipe clip-" + k + " copy " + copy + " (" + d.describe() + ")", hash(y.samples()) + " voice "
            + hash(frames) + " functionals " + hash(Functionals.of(frames, extractor.config())));
      }
    }
    return out;
  }

  private static final String[] EXPECTED = {
    "clean speed 0.8 clip 0 = 72dd7d32f8e39ea6",
    "clean speed 1.0 clip 1 = 50c59b98cb787479",
    "clean speed 1.137 clip 2 = cf1e6bf12b3cba9b",
    "white noise SNR 12.50 dB speed 0.8 clip 0 = b092f31a8576cf5e",
    "white noise SNR 12.50 dB speed 0.9 clip 1 = 33bbd5f60ab58896",
    "white noise SNR 12.50 dB speed 1.137 clip 2 = 252d17e33b664d82",
    "babble noise SNR 8.25 dB speed 0.8 clip 0 = af4a433b30ce394c",
    "babble noise SNR 8.25 dB speed 1.0 clip 1 = 01e46e6c1f966d53",
    "babble noise SNR 8.25 dB speed 1.137 clip 2 = 390d9481403ebbf8",
    "telephone 8 kHz, 300-3400 Hz speed 0.8 clip 0 = 3746a06b503f1b2d",
    "telephone 8 kHz, 300-3400 Hz speed 0.9 clip 1 = b5de9d7593f456d8",
    "telephone 8 kHz, 300-3400 Hz speed 1.137 clip 2 = 19417a567f1ad216",
    "reverb RT60 0.20 s speed 0.8 clip 0 = f96e9c7f5aa53abd",
    "reverb RT60 0.20 s speed 1.0 clip 1 = d370a925a9071a65",
    "reverb RT60 0.20 s speed 1.137 clip 2 = 8cb1cef251a34d36",
    "reverb RT60 0.77 s speed 0.8 clip 0 = 986b8fda67c75dae",
    "reverb RT60 0.77 s speed 0.9 clip 1 = ca9ebda092da3e69",
    "reverb RT60 0.77 s speed 1.137 clip 2 = a7555c89a09477d2",
    "gain -17.50 dB speed 0.8 clip 0 = 80df9b1f8b62b792",
    "gain -17.50 dB speed 1.0 clip 1 = adc921dae5ca7aca",
    "gain -17.50 dB speed 1.137 clip 2 = a24abbd466436295",
    "clipping (peak +6.50 dB over full scale) speed 0.8 clip 0 = 0d4fb1d0ffb46c3a",
    "clipping (peak +6.50 dB over full scale) speed 0.9 clip 1 = 2ea2f6755fdf7a02",
    "clipping (peak +6.50 dB over full scale) speed 1.137 clip 2 = 1b222976e7cf5192",
    "babble of 2 counted voices = f318f48ed14daf68",
    "shift, speed, pitch, pink noise, reverb = 19273ab95dda3d6a",
    "recipe clip-0 copy 1 (copy 1: speed x1.176, channel babble noise SNR 7.68 dB) = b44a9e25f9ac13f8 voice ab528be88fa92aa4 functionals 691aef554b4c4907",
    "recipe clip-0 copy 2 (copy 2: speed x0.958, channel clipping (peak +5.93 dB over full scale)) = 595d872b13c5278a voice 43ee81d8718acd2d functionals 33ee13a7b3484db4",
    "recipe clip-0 copy 3 (copy 3: speed x1.091, channel reverb RT60 0.49 s) = bc1497b48467fedf voice 7559fcb75a331b1a functionals a5485b382bd49ad9",
    "recipe clip-1 copy 1 (copy 1: speed x0.991, channel gain -8.05 dB) = d95e36d1cecef3bf voice 78eba4962b6c966f functionals c443ca58c399d718",
    "recipe clip-1 copy 2 (copy 2: speed x1.106, channel white noise SNR 29.17 dB) = e04964d7eb1c73f5 voice d8bb64cb988d31b7 functionals e854485ed6792a7d",
    "recipe clip-1 copy 3 (copy 3: speed x0.836, channel clipping (peak +4.24 dB over full scale)) = d7cf6962b853b5ea voice d270618058e045fb functionals c4ae71da7ca511ee",
    "recipe clip-2 copy 1 (copy 1: speed x0.873, channel reverb RT60 0.71 s) = d9c40b99c59f73f4 voice 1a295a6942c456a5 functionals d4e048f334c8796d",
    "recipe clip-2 copy 2 (copy 2: speed x0.976, channel reverb RT60 0.36 s) = 86607d45a8301786 voice 69abb48c42718649 functionals f6b9a5e1ad5d0774",
    "recipe clip-2 copy 3 (copy 3: speed x1.077, channel clipping (peak +8.97 dB over full scale)) = 66ec67daa9306b88 voice 98082e8cbeeb40dd functionals 3494f3f7cf153728",
    "recipe clip-3 copy 1 (copy 1: speed x0.847, channel reverb RT60 0.20 s) = 48bc4e0c6c3ccec1 voice ac56588519a6fc48 functionals e933f09bc1bf61e4",
    "recipe clip-3 copy 2 (copy 2: speed x1.054, channel reverb RT60 0.72 s) = c54a8bf31473d8d9 voice 046d0d682571d4cc functionals 275e82047017d5ff",
    "recipe clip-3 copy 3 (copy 3: speed x1.188, channel babble noise SNR 13.85 dB) = bd55d2c4701258fc voice dd9c3b6c4188712b functionals ecd02ff26f9ba80f",
    "recipe clip-4 copy 1 (copy 1: speed x1.148, channel babble noise SNR 7.68 dB) = 943627e27ca5c7a8 voice fa042360b3f692bf functionals b1a42226d30a2540",
    "recipe clip-4 copy 2 (copy 2: speed x1.165, channel clipping (peak +5.93 dB over full scale)) = 889cf68482d53a28 voice 470056f516be3650 functionals 606ef35c563d9de1",
    "recipe clip-4 copy 3 (copy 3: speed x0.808, channel reverb RT60 0.49 s) = 4ef4e19cf31a6876 voice 8d4de158f3785b32 functionals a32767378c406edc",
    "recipe clip-5 copy 1 (copy 1: speed x1.171, channel gain -8.05 dB) = 41472f9cf273014c voice e54463683db9a0fd functionals 8fc859b300f467e2",
    "recipe clip-5 copy 2 (copy 2: speed x1.188, channel white noise SNR 29.17 dB) = 97e49d7002a37427 voice ffa79f5ac0411347 functionals 09f2a83ebff7ae6f",
    "recipe clip-5 copy 3 (copy 3: speed x0.951, channel clipping (peak +4.24 dB over full scale)) = b081013d2096a21a voice 8c763625c236a0af functionals 9faf687d4ca4f49d",
  };

  @Test
  void alteredCopiesAreTheOnesMainMade() {
    StringBuilder b = new StringBuilder();
    actual().forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
    assertEquals(String.join("\n", EXPECTED) + "\n", b.toString());
  }
}
