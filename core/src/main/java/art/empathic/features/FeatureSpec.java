package art.empathic.features;

import art.empathic.io.Json;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Objects;
import java.util.Locale;

/**
 * Everything that determines a feature tensor, immutable and saved (as JSON) with anything made
 * from it, so the same features can be computed again for prediction.
 *
 * <p>Pipeline per clip: decode; resample to {@code mfcc.sampleRate} if needed; compute the
 * {@link BaseFeature} matrix (MFCC or log-mel dB, [row][frame], full length); if
 * {@code deltaOrder} is 1 or 2, stack {@code librosa.feature.delta} of order 1 (and 2) with
 * {@code deltaWidth} under it (computed on the full-length matrix, before any cutting), giving
 * {@link #channels()} rows; then derive the kind: the time-mean, or the frames fitted to
 * {@code frames} by {@code align} (cut, or padded with zeros).
 *
 * @param version format version of this spec (currently 1)
 * @param kind the feature kind
 * @param mfcc every MFCC / mel parameter, including the sample rate the audio is brought to
 * @param frames frame count of sequence kinds (0 for pooled kinds)
 * @param align how sequences are cut or padded
 * @param deltaOrder 0 (none), 1 (stack delta) or 2 (stack delta and delta-delta)
 * @param deltaWidth the delta window (odd, &gt;= 3; librosa's default 9)
 */
public record FeatureSpec(int version, FeatureKind kind, MfccConfig mfcc, int frames, FrameAlign align, int deltaOrder,
    int deltaWidth, List<TimeStatistic> statistics) {

  public static final int VERSION = 1;
  /** Default frame count of sequence kinds: 128 frames (4.1 s at 16 kHz with hop 512). */
  public static final int DEFAULT_FRAMES = 128;
  public static final int DEFAULT_DELTA_WIDTH = 9;


  public FeatureSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mfcc, "mfcc");
    if (version != VERSION) {
      throw new IllegalArgumentException("feature spec version " + version + " is not supported (this program reads "
          + VERSION + ")");
    }
    align = align == null ? FrameAlign.CENTER : align;
    if (kind.isSequence() && frames <= 0) {
      throw new IllegalArgumentException(kind + " needs a positive frame count, got " + frames);
    }
    if (!kind.isSequence()) {
      frames = 0;
    }
    if (deltaOrder < 0 || deltaOrder > 2) {
      throw new IllegalArgumentException("delta order must be 0, 1 or 2, got " + deltaOrder);
    }
    if (kind == FeatureKind.MFCC_STATS) {
      statistics = List.copyOf(statistics == null || statistics.isEmpty() ? TimeStatistic.DEFAULT : statistics);
      if (statistics.stream().distinct().count() != statistics.size()) {
        throw new IllegalArgumentException("statistics must not repeat, got " + statistics);
      }
      // The statistics decide the deltas: exactly those the delta statistics need are stacked.
      deltaOrder = statistics.stream().mapToInt(TimeStatistic::deltaOrder).max().orElse(0);
    } else {
      statistics = null;
    }
    if (kind == FeatureKind.FUNCTIONALS || kind == FeatureKind.FUNCTIONALS_ROBUST) {
      deltaOrder = 0; // the functionals take their own deltas
    }
    if (deltaWidth < 3 || deltaWidth % 2 == 0) {
      throw new IllegalArgumentException("delta width must be odd and >= 3, got " + deltaWidth);
    }
  }

  /** Time-mean MFCC (the original study's input). */
  public static FeatureSpec mfccMean(MfccConfig mfcc) {
    return new FeatureSpec(VERSION, FeatureKind.MFCC_MEAN, mfcc, 0, FrameAlign.CENTER, 0, DEFAULT_DELTA_WIDTH, null);
  }

  /** MFCC sequences of {@code frames} frames, centred. */
  public static FeatureSpec mfccSeq(MfccConfig mfcc, int frames) {
    return new FeatureSpec(VERSION, FeatureKind.MFCC_SEQ, mfcc, frames, FrameAlign.CENTER, 0, DEFAULT_DELTA_WIDTH, null);
  }

  /** Log-mel spectrograms of {@code frames} frames, centred. */
  public static FeatureSpec melDb(MfccConfig mfcc, int frames) {
    return new FeatureSpec(VERSION, FeatureKind.MEL_DB, mfcc, frames, FrameAlign.CENTER, 0, DEFAULT_DELTA_WIDTH, null);
  }

  /** Any kind for an MFCC configuration, with the default frame count for sequences, centred, no deltas. */
  public static FeatureSpec of(FeatureKind kind, MfccConfig mfcc) {
    return new FeatureSpec(VERSION, kind, mfcc, kind.isSequence() ? DEFAULT_FRAMES : 0, FrameAlign.CENTER, 0,
        DEFAULT_DELTA_WIDTH, null);
  }

  /**
   * Utterance functionals at 16 kHz (or {@code sampleRate}): 64 mel bands and 20 MFCC from
   * n_fft 1024, hop 256 (64 ms / 16 ms), YIN pitch; 442 values.
   */
  public static FeatureSpec functionals(int sampleRate) {
    return functionals(sampleRate, FeatureKind.FUNCTIONALS);
  }

  /** As {@link #functionals(int)} with {@code kind} {@link FeatureKind#FUNCTIONALS} or {@link FeatureKind#FUNCTIONALS_ROBUST}. */
  public static FeatureSpec functionals(int sampleRate, FeatureKind kind) {
    if (kind != FeatureKind.FUNCTIONALS && kind != FeatureKind.FUNCTIONALS_ROBUST) {
      throw new IllegalArgumentException("not a functionals kind: " + kind);
    }
    MfccConfig c = MfccConfig.librosaDefaults(sampleRate).withNFft(1024).withHopLength(256).withNMels(64).withNMfcc(20);
    return new FeatureSpec(VERSION, kind, c, 0, FrameAlign.CENTER, 0, DEFAULT_DELTA_WIDTH, null);
  }

  public FeatureSpec withFrames(int n) {
    return new FeatureSpec(version, kind, mfcc, n, align, deltaOrder, deltaWidth, statistics);
  }

  public FeatureSpec withAlign(FrameAlign a) {
    return new FeatureSpec(version, kind, mfcc, frames, a, deltaOrder, deltaWidth, statistics);
  }

  public FeatureSpec withDeltas(int order) {
    return new FeatureSpec(version, kind, mfcc, frames, align, order, deltaWidth, statistics);
  }

  public FeatureSpec withDeltaWidth(int width) {
    return new FeatureSpec(version, kind, mfcc, frames, align, deltaOrder, width, statistics);
  }

  /** The statistics of an {@code mfcc-stats} spec (ignored by the other kinds). */
  public FeatureSpec withStatistics(List<TimeStatistic> s) {
    return new FeatureSpec(version, kind, mfcc, frames, align, deltaOrder, deltaWidth, s);
  }

  public FeatureSpec withMfcc(MfccConfig c) {
    return new FeatureSpec(version, kind, c, frames, align, deltaOrder, deltaWidth, statistics);
  }

  /** The sample rate audio is brought to before analysis. */
  @JsonIgnore
  public int sampleRate() {
    return mfcc.sampleRate();
  }

  /** Rows after stacking deltas: base rows x (1 + deltaOrder). */
  @JsonIgnore
  public int channels() {
    return kind.base().rows(mfcc) * (1 + deltaOrder);
  }

  /** The shape of one clip's features: [channels] or [channels, frames]. */
  @JsonIgnore
  public int[] shape() {
    return kind.shape(this);
  }

  /** Values per clip (the product of {@link #shape()}). */
  @JsonIgnore
  public int size() {
    int n = 1;
    for (int d : shape()) {
      n *= d;
    }
    return n;
  }

  /** The base matrix with its deltas stacked under it (order 1, then order 2), as documented. */
  public float[][] stack(float[][] base) {
    if (deltaOrder == 0) {
      return base;
    }
    float[][] out = new float[base.length * (1 + deltaOrder)][];
    System.arraycopy(base, 0, out, 0, base.length);
    for (int order = 1; order <= deltaOrder; order++) {
      float[][] d = MfccExtractor.delta(base, deltaWidth, order);
      System.arraycopy(d, 0, out, base.length * order, base.length);
    }
    return out;
  }

  /** One clip's features from its base matrix, flattened in C order with {@link #shape()}. */
  public float[] derive(float[][] base) {
    return kind.derive(stack(base), this);
  }

  /** A short human description, e.g. "mfcc-seq 120x128 (40 MFCC + delta + delta2, 16000 Hz)". */
  public String describe() {
    StringBuilder b = new StringBuilder(kind.cliName()).append(' ');
    int[] s = shape();
    for (int i = 0; i < s.length; i++) {
      b.append(i > 0 ? "x" : "").append(s[i]);
    }
    if (statistics != null) {
      b.append(' ').append(String.join("+", statistics.stream().map(TimeStatistic::key).toList()));
    }
    b.append(" (").append(kind.base() == BaseFeature.VOICE ? mfcc.nMels() + " mel bands + " + mfcc.nMfcc()
        + " MFCC + F0, voicing, energy, slope" : kind.base().rows(mfcc) + (kind.base() == BaseFeature.MFCC ? " MFCC" : " mel bands"));
    if (deltaOrder >= 1) b.append(" + delta");
    if (deltaOrder >= 2) b.append(" + delta2");
    b.append(", ").append(mfcc.sampleRate()).append(" Hz");
    if (kind.isSequence()) b.append(", ").append(align.name().toLowerCase(Locale.ROOT)).append("-aligned");
    return b.append(')').toString();
  }

  public String toJson() {
    try {
      return Json.MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write feature spec as JSON", e);
    }
  }

  /** Reads a spec written by {@link #toJson()}; throws IllegalArgumentException on bad Json.MAPPER. */
  public static FeatureSpec fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, FeatureSpec.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      throw new IllegalArgumentException("not a feature spec: " + cause.getMessage().replace('\n', ' '), e);
    }
  }
}
