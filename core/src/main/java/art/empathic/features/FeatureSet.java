package art.empathic.features;

import java.util.List;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Emotion;

/**
 * Features of a list of clips, one row per item in the order asked for (failed items left out
 * and named in the report). An item is a clip or an augmented copy of one.
 *
 * @param spec how the features were made
 * @param clips the clip of each row (repeated for augmented copies)
 * @param variants "original", or the augmentation applied (see {@link AugmentSpec.Draw#describe()})
 * @param rows each item's values, flattened in C order with shape {@link #shape()}
 * @param report what the extraction did
 */
public record FeatureSet(FeatureSpec spec, List<Clip> clips, List<String> variants, List<float[]> rows,
    ExtractionReport report) {

  public static final String ORIGINAL = "original";

  public FeatureSet {
    clips = List.copyOf(clips);
    variants = List.copyOf(variants);
    rows = List.copyOf(rows);
    if (clips.size() != rows.size() || variants.size() != rows.size()) {
      throw new IllegalArgumentException("clips, variants and rows differ in length");
    }
  }

  public int size() {
    return rows.size();
  }

  /** Shape of one item, e.g. [40] or [40, 128]. */
  public int[] shape() {
    return spec.shape();
  }

  /** All rows in one C-order array of shape [size(), shape()...], e.g. for an NDArray. */
  public float[] flat() {
    int n = spec.size();
    float[] out = new float[rows.size() * n];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * n, n);
    }
    return out;
  }

  /** Each row's class as an index into {@code classes} (e.g. {@link Emotion#SEVEN}). */
  public int[] labels(List<Emotion> classes) {
    int[] y = new int[clips.size()];
    for (int i = 0; i < y.length; i++) {
      Emotion e = clips.get(i).emotion();
      y[i] = classes.indexOf(e);
      if (y[i] < 0) {
        throw new IllegalArgumentException(clips.get(i).path() + ": class " + e.label() + " is not among " + classes);
      }
    }
    return y;
  }

  /** Each row's class. */
  public List<Emotion> emotions() {
    return clips.stream().map(Clip::emotion).toList();
  }

  /** Each row's speaker id. */
  public List<String> speakers() {
    return clips.stream().map(Clip::speaker).toList();
  }

  /**
   * The speaker of each row for per-speaker statistics: the clip's speaker, except that a
   * channel-augmented copy k counts as speaker "s#k" (each speaker's copy k went through one
   * simulated microphone, and a speaker is normalised with statistics from their own channel).
   */
  public List<String> microphoneSpeakers() {
    List<String> out = new java.util.ArrayList<>(clips.size());
    for (int i = 0; i < clips.size(); i++) {
      out.add(isChannelCopy(i) ? clips.get(i).speaker() + "#" + variants.get(i).substring(5, variants.get(i).indexOf(':'))
          : clips.get(i).speaker());
    }
    return out;
  }

  /** Whether row {@code i} is a copy that went through a simulated channel. */
  public boolean isChannelCopy(int i) {
    String v = variants.get(i);
    return v.startsWith("copy ") && v.contains(": ") && v.contains("channel ");
  }
}
