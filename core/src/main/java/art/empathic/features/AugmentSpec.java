package art.empathic.features;

import art.empathic.audio.Augment;
import art.empathic.audio.Channel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import art.empathic.corpus.ContentHash;
import art.empathic.corpus.Split;

/**
 * Training-only data augmentation: how many altered copies of each training clip to add, and
 * the range each alteration's strength is drawn from (a null range switches it off). Immutable
 * and JSON-serialisable, saved with the model like the feature spec.
 *
 * <p>Each copy applies every enabled alteration with {@link Augment}, in the order time shift
 * (zero-filled), speed, pitch, noise, with strengths drawn uniformly from the ranges by a
 * {@code Random} seeded from SHA-256("seed:contentHash:copy"), so a copy is the same in
 * every run and on every thread, and its cache key names exactly what was done.
 *
 * <p>Only {@link FeaturePipeline#extract(Split, AugmentSpec)} applies it, and only to the
 * training part of a split; it refuses splits whose training side shares audio with test or
 * validation clips.
 *
 * @param copies altered copies per training clip (the original is always kept too)
 * @param noiseSnrDb additive noise at a signal-to-noise ratio in dB, e.g. [10, 30]
 * @param noiseColour white or pink noise (null means white)
 * @param shiftSeconds time shift in seconds, zero-filled (positive = later), e.g. [-0.2, 0.2];
 *     capped at a quarter of the clip
 * @param speed playback-speed factor (changes duration and pitch), e.g. [0.9, 1.1]
 * @param pitchSemitones pitch change in semitones at constant duration, e.g. [-2, 2]
 * @param seed seed of every draw
 * @param channels whether each copy also passes through a simulated recording channel drawn by
 *     {@link #drawChannel}: one channel per speaker and copy (one speaker, one microphone), the
 *     noise realisation per clip; babble comes from other training speakers' clips (see
 *     {@link FeaturePipeline#extract(Split, AugmentSpec)})
 * @param babbleSnrDb with a range: one extra copy per clip with babble of other training speakers
 *     at an SNR drawn per speaker and copy from it ({@link #totalCopies}); null: none
 * @param babbleShare with channels: the probability that a channel copy's channel is babble, drawn
 *     per speaker and copy from a stream of its own before the usual draw (a copy that does not
 *     become babble keeps exactly today's channel); null: babble only as one kind of six
 *     ({@code babbleshare=P})
 * @param babbleChannelSnrDb with channels: the SNR range of every babble channel of the mix
 *     (redrawn from the babble stream); null: {@link #CHANNEL_SNR_DB} as before ({@code babblesnr=LO:HI})
 * @param babbleTalkers with channels or a babble copy: the number of voices in training babble,
 *     drawn per speaker and copy (each voice once, at unit power); null: {@link Channel#BABBLE_TALKERS}
 *     picks as before ({@code talkers=LO:HI})
 */
public record AugmentSpec(int copies, Range noiseSnrDb, Augment.Noise noiseColour, Range shiftSeconds, Range speed,
    Range pitchSemitones, long seed, boolean channels, Range babbleSnrDb,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    Double babbleShare,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    Range babbleChannelSnrDb,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    Range babbleTalkers) {

  /** SNR range of white and babble noise in channel augmentation, dB. */
  public static final Range CHANNEL_SNR_DB = new Range(5, 30);
  /** RT60 range of reverberation in channel augmentation, s. */
  public static final Range CHANNEL_RT60 = new Range(0.2, 0.8);
  /** Gain range in channel augmentation, dB. */
  public static final Range CHANNEL_GAIN_DB = new Range(-30, 0);
  /** Overdrive range (peak over full scale before hard clipping) in channel augmentation, dB. */
  public static final Range CHANNEL_CLIP_DB = new Range(3, 12);

  /** Without the babble settings (share, SNR range, talkers): babble as before. */
  public AugmentSpec(int copies, Range noiseSnrDb, Augment.Noise noiseColour, Range shiftSeconds, Range speed,
      Range pitchSemitones, long seed, boolean channels, Range babbleSnrDb) {
    this(copies, noiseSnrDb, noiseColour, shiftSeconds, speed, pitchSemitones, seed, channels, babbleSnrDb,
        null, null, null);
  }

  /** Without an extra babble copy (the form before {@code babble=} existed). */
  public AugmentSpec(int copies, Range noiseSnrDb, Augment.Noise noiseColour, Range shiftSeconds, Range speed,
      Range pitchSemitones, long seed, boolean channels) {
    this(copies, noiseSnrDb, noiseColour, shiftSeconds, speed, pitchSemitones, seed, channels, null);
  }

  /** Without channel augmentation (the form before channels existed). */
  public AugmentSpec(int copies, Range noiseSnrDb, Augment.Noise noiseColour, Range shiftSeconds, Range speed,
      Range pitchSemitones, long seed) {
    this(copies, noiseSnrDb, noiseColour, shiftSeconds, speed, pitchSemitones, seed, false);
  }

  /** A closed interval a strength is drawn from uniformly. */
  public record Range(double min, double max) {
    public Range {
      if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException("need finite min <= max, got [" + min + ", " + max + "]");
      }
    }

    double draw(Random rnd) {
      return min == max ? min : min + (max - min) * rnd.nextDouble();
    }
  }

  /**
   * The strengths drawn for one copy of one clip; null for alterations that are off.
   * {@code talkers}: for a babble channel with {@code talkers=}, the number of voices mixed (each
   * once); null: {@link Channel#BABBLE_TALKERS} picks among the given clips as before.
   */
  public record Draw(int copy, Double shiftSeconds, Double speed, Double pitchSemitones, Double noiseSnrDb, long noiseSeed,
      Channel channel, Integer talkers) {
    /** Babble (if any) as before: {@link Channel#BABBLE_TALKERS} picks. */
    public Draw(int copy, Double shiftSeconds, Double speed, Double pitchSemitones, Double noiseSnrDb, long noiseSeed,
        Channel channel) {
      this(copy, shiftSeconds, speed, pitchSemitones, noiseSnrDb, noiseSeed, channel, null);
    }

    /** Without a channel. */
    public Draw(int copy, Double shiftSeconds, Double speed, Double pitchSemitones, Double noiseSnrDb, long noiseSeed) {
      this(copy, shiftSeconds, speed, pitchSemitones, noiseSnrDb, noiseSeed, null);
    }

    /** Canonical text naming exactly this alteration, for cache keys (unchanged for draws without a channel). */
    public String key() {
      return "copy=" + copy + " shift=" + shiftSeconds + " speed=" + speed + " pitch=" + pitchSemitones
          + " snr=" + noiseSnrDb + " noise_seed=" + noiseSeed
          + (channel == null ? "" : " channel=" + channel.kind() + ":" + channel.value())
          + (talkers == null ? "" : " talkers=" + talkers);
    }

    /** Short human description, e.g. "copy 1: shift +0.12 s, noise 18.3 dB SNR". */
    public String describe() {
      List<String> parts = new ArrayList<>();
      if (shiftSeconds != null) parts.add(String.format(Locale.ROOT, "shift %+.3f s", shiftSeconds));
      if (speed != null) parts.add(String.format(Locale.ROOT, "speed x%.3f", speed));
      if (pitchSemitones != null) parts.add(String.format(Locale.ROOT, "pitch %+.2f st", pitchSemitones));
      if (noiseSnrDb != null) parts.add(String.format(Locale.ROOT, "noise %.1f dB SNR", noiseSnrDb));
      if (channel != null) parts.add("channel " + channel.describeExact());
      if (talkers != null) parts.add(talkers + (talkers == 1 ? " voice" : " voices"));
      return "copy " + copy + ": " + String.join(", ", parts);
    }
  }

  public AugmentSpec {
    noiseColour = noiseColour == null ? Augment.Noise.WHITE : noiseColour;
    if (copies < 0 || copies + (babbleSnrDb == null ? 0 : 1) < 1) {
      throw new IllegalArgumentException("augmentation needs at least 1 copy per clip, got " + copies);
    }
    if (copies > 0 && noiseSnrDb == null && shiftSeconds == null && speed == null && pitchSemitones == null
        && !channels) {
      throw new IllegalArgumentException("augmentation with no alteration switched on"
          + (babbleSnrDb == null ? "" : " (copies=0 for the babble copy alone)"));
    }
    if (speed != null && !(speed.min() >= 0.25 && speed.max() <= 4)) {
      throw new IllegalArgumentException("speed factors must lie in [0.25, 4], got [" + speed.min() + ", " + speed.max() + "]");
    }
    if (babbleShare != null && !(babbleShare >= 0 && babbleShare <= 1)) {
      throw new IllegalArgumentException("babble share must lie in [0, 1], got " + babbleShare);
    }
    if ((babbleShare != null || babbleChannelSnrDb != null) && !channels) {
      throw new IllegalArgumentException("babbleshare and babblesnr change the channel mix: they need channel=on");
    }
    if (babbleTalkers != null && !(babbleTalkers.min() >= 1 && babbleTalkers.max() <= 20
        && babbleTalkers.min() == Math.rint(babbleTalkers.min()) && babbleTalkers.max() == Math.rint(babbleTalkers.max()))) {
      throw new IllegalArgumentException("talkers must be whole numbers in [1, 20], got [" + babbleTalkers.min() + ", "
          + babbleTalkers.max() + "]");
    }
    if (pitchSemitones != null && !(pitchSemitones.min() >= -24 && pitchSemitones.max() <= 24)) {
      throw new IllegalArgumentException("pitch shifts must lie in [-24, 24] semitones, got [" + pitchSemitones.min()
          + ", " + pitchSemitones.max() + "]");
    }
  }

  /** Noise only: {@code copies} copies with noise at an SNR drawn from [minDb, maxDb]. */
  /**
   * Parses the CLI form, e.g. {@code "copies=2,noise=15:30,speed=0.9:1.1,pitch=-2:2,shift=0.2"}:
   * comma-separated {@code key=value}; a value is {@code min:max} or one number (for shift: the
   * largest shift either way in seconds); {@code colour=white|pink} picks the noise;
   * {@code channel=on} adds a simulated recording channel to every copy;
   * {@code babble=LO:HI} adds a babble copy; {@code babbleshare=P}, {@code babblesnr=LO:HI} and
   * {@code talkers=LO:HI} change the babble of the channel mix (see the record's parameters).
   */
  public static AugmentSpec parse(String text, long seed) {
    int copies = 1;
    Range noise = null;
    Range shift = null;
    Range speed = null;
    Range pitch = null;
    Augment.Noise colour = Augment.Noise.WHITE;
    boolean channel = false;
    Range babble = null;
    Double babbleShare = null;
    Range babbleSnr = null;
    Range talkers = null;
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2 || kv[1].isBlank()) {
        throw new IllegalArgumentException("augmentation: expected key=value, got '" + part.trim() + "'");
      }
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      String value = kv[1].trim();
      try {
        switch (key) {
          case "copies" -> copies = Integer.parseInt(value);
          case "noise" -> noise = range(value);
          case "speed" -> speed = range(value);
          case "pitch" -> pitch = range(value);
          case "shift" -> shift = value.contains(":") ? range(value)
              : new Range(-Double.parseDouble(value), Double.parseDouble(value));
          case "colour", "color" -> colour = Augment.Noise.valueOf(value.toUpperCase(Locale.ROOT));
          case "babble" -> babble = range(value);
          case "babbleshare" -> babbleShare = Double.parseDouble(value);
          case "babblesnr" -> babbleSnr = range(value);
          case "talkers" -> talkers = range(value);
          case "channel", "channels" -> channel = switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException("augmentation: channel must be on or off, got '" + value + "'");
          };
          default -> throw new IllegalArgumentException("augmentation: unknown key '" + key
              + "' (use copies, noise, speed, pitch, shift, colour, channel, babble, babbleshare, babblesnr, talkers)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("augmentation: '" + value + "' is not a number or min:max range for " + key);
      }
    }
    return new AugmentSpec(copies, noise, colour, shift, speed, pitch, seed, channel, babble, babbleShare, babbleSnr,
        talkers);
  }

  private static Range range(String value) {
    String[] mm = value.split(":", 2);
    double lo = Double.parseDouble(mm[0].trim());
    return new Range(lo, mm.length == 2 ? Double.parseDouble(mm[1].trim()) : lo);
  }

  /** The CLI form {@link #parse} reads. */
  public String toCli() {
    StringBuilder b = new StringBuilder("copies=").append(copies);
    if (noiseSnrDb != null) b.append(",noise=").append(noiseSnrDb.min()).append(':').append(noiseSnrDb.max());
    if (noiseSnrDb != null && noiseColour != Augment.Noise.WHITE) b.append(",colour=").append(noiseColour.name().toLowerCase(Locale.ROOT));
    if (speed != null) b.append(",speed=").append(speed.min()).append(':').append(speed.max());
    if (pitchSemitones != null) b.append(",pitch=").append(pitchSemitones.min()).append(':').append(pitchSemitones.max());
    if (shiftSeconds != null) b.append(",shift=").append(shiftSeconds.min()).append(':').append(shiftSeconds.max());
    if (channels) b.append(",channel=on");
    if (babbleSnrDb != null) b.append(",babble=").append(babbleSnrDb.min()).append(':').append(babbleSnrDb.max());
    if (babbleShare != null) b.append(",babbleshare=").append(babbleShare);
    if (babbleChannelSnrDb != null) {
      b.append(",babblesnr=").append(babbleChannelSnrDb.min()).append(':').append(babbleChannelSnrDb.max());
    }
    if (babbleTalkers != null) {
      b.append(",talkers=").append((int) babbleTalkers.min()).append(':').append((int) babbleTalkers.max());
    }
    return b.toString();
  }

  public static AugmentSpec noise(int copies, double minDb, double maxDb, long seed) {
    return new AugmentSpec(copies, new Range(minDb, maxDb), Augment.Noise.WHITE, null, null, null, seed);
  }

  /** The key text of the whole spec's settings that are not per-draw (noise colour). */
  String settingsKey() {
    return "colour=" + noiseColour;
  }

  /**
   * The strengths for copy {@code copy} (1-based) of a clip of {@code speaker}: as
   * {@link #draw(String, int)}, plus (with {@link #channels}) the channel of this speaker's copy,
   * the same for all of the speaker's clips in that copy.
   */
  public Draw draw(String contentHash, String speaker, int copy) {
    Draw d = draw(contentHash, copy);
    boolean babbleCopy = copy > copies;
    if (!channels && !babbleCopy) {
      return d;
    }
    byte[] h = ContentHash.sha256().digest((seed + (babbleCopy ? ":babble:" : ":channel:") + speaker + ":" + copy)
        .getBytes(StandardCharsets.UTF_8));
    Random rnd = new Random(ByteBuffer.wrap(h).getLong());
    Channel ch = babbleCopy ? new Channel(Channel.Kind.BABBLE, babbleSnrDb.draw(rnd)) : drawChannel(rnd);
    Integer talkers = null;
    if (babbleShare != null || babbleChannelSnrDb != null || babbleTalkers != null) {
      // The babble settings draw from a stream of their own, so that without them (and for
      // every copy they leave alone) the channel above is exactly the one drawn before.
      byte[] hb = ContentHash.sha256().digest((seed + ":babblemix:" + speaker + ":" + copy)
          .getBytes(StandardCharsets.UTF_8));
      Random b = new Random(ByteBuffer.wrap(hb).getLong());
      double u = b.nextDouble();
      double snrU = b.nextDouble();
      double talkersU = b.nextDouble();
      Range snr = babbleChannelSnrDb != null ? babbleChannelSnrDb : CHANNEL_SNR_DB;
      // A channel copy becomes babble with the share's probability; a babble channel (drawn or so
      // made) takes its SNR from babblesnr's range when given.
      boolean becomesBabble = babbleShare != null && u < babbleShare;
      boolean babbleSnrRedrawn = babbleChannelSnrDb != null && ch.kind() == Channel.Kind.BABBLE;
      if (!babbleCopy && (becomesBabble || babbleSnrRedrawn)) {
        ch = new Channel(Channel.Kind.BABBLE, snr.min() + (snr.max() - snr.min()) * snrU);
      }
      if (babbleTalkers != null && ch.kind() == Channel.Kind.BABBLE) {
        int lo = (int) babbleTalkers.min();
        int hi = (int) babbleTalkers.max();
        talkers = lo + (int) Math.min(hi - lo, Math.floor(talkersU * (hi - lo + 1)));
      }
    }
    return new Draw(d.copy(), d.shiftSeconds(), d.speed(), d.pitchSemitones(), d.noiseSnrDb(), d.noiseSeed(), ch, talkers);
  }

  /**
   * A random recording channel, each kind equally likely: white or babble noise at an SNR in
   * {@link #CHANNEL_SNR_DB}, the telephone band, reverberation with an RT60 in
   * {@link #CHANNEL_RT60}, a gain in {@link #CHANNEL_GAIN_DB}, or clipping with an overdrive in
   * {@link #CHANNEL_CLIP_DB}.
   */
  public static Channel drawChannel(Random rnd) {
    Channel.Kind[] kinds = {Channel.Kind.WHITE, Channel.Kind.BABBLE, Channel.Kind.TELEPHONE, Channel.Kind.REVERB,
        Channel.Kind.GAIN, Channel.Kind.CLIP};
    Channel.Kind k = kinds[rnd.nextInt(kinds.length)];
    double v = switch (k) {
      case WHITE, BABBLE -> CHANNEL_SNR_DB.draw(rnd);
      case REVERB -> CHANNEL_RT60.draw(rnd);
      case GAIN -> CHANNEL_GAIN_DB.draw(rnd);
      case CLIP -> CHANNEL_CLIP_DB.draw(rnd);
      default -> 0;
    };
    return new Channel(k, v);
  }

  /**
   * Copies of each training clip in all: {@link #copies}, plus one more with {@code babble=LO:HI}
   * (its speed, pitch, shift and noise drawn like the others', then mixed with babble of other
   * training speakers at an SNR drawn per speaker from that range: the other voices one hears at
   * a party or in an office, which the channel mix meets in only one copy of six).
   */
  public int totalCopies() {
    return copies + (babbleSnrDb == null ? 0 : 1);
  }

  /** The strengths for copy {@code copy} (1-based) of the clip with this content hash (no channel). */
  public Draw draw(String contentHash, int copy) {
    byte[] h = ContentHash.sha256().digest((seed + ":" + contentHash + ":" + copy).getBytes(StandardCharsets.UTF_8));
    Random rnd = new Random(ByteBuffer.wrap(h).getLong());
    Double shift = shiftSeconds == null ? null : shiftSeconds.draw(rnd);
    Double sp = speed == null ? null : speed.draw(rnd);
    Double pitch = pitchSemitones == null ? null : pitchSemitones.draw(rnd);
    Double snr = noiseSnrDb == null ? null : noiseSnrDb.draw(rnd);
    return new Draw(copy, shift, sp, pitch, snr, rnd.nextLong());
  }
}
