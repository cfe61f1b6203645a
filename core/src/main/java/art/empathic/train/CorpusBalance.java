package art.empathic.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss weights that give every corpus the same total weight in multi-corpus training: an example
 * of corpus c weighs {@code n / (C * n_c)} (n examples in all, C corpora, n_c of corpus c), so the
 * weights average 1 and each corpus sums to {@code n / C}. Without it RAVDESS, with 3.6 times
 * EmoDB's clips, dominates the fit (docs/research/GENERALIZATION.md, "Corpus balance").
 */
public final class CorpusBalance {
  private CorpusBalance() {}

  /** The weighting multi-corpus training uses unless told otherwise (chosen in docs/research/GENERALIZATION.md). */
  public static final Mode DEFAULT = Mode.CORPUS;

  /** How the corpora of a multi-corpus training set are weighted. */
  public enum Mode {
    /** Every example weighs 1: a corpus counts by its size. */
    NONE,
    /** Every corpus weighs the same in total. */
    CORPUS;

    /** Parses "none" or "corpus" (case-insensitive), naming the accepted values when it fails. */
    public static Mode parse(String text) {
      for (Mode m : values()) {
        if (m.name().equalsIgnoreCase(text.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException("balance: unknown '" + text + "' (use none or corpus)");
    }
  }

  /**
   * The weights of examples whose corpora are {@code corpusOfExample}, in the same order; null
   * for {@link Mode#NONE} or a single corpus (every weight would be 1).
   */
  public static float[] weights(Mode mode, List<String> corpusOfExample) {
    if (mode == Mode.NONE || corpusOfExample.isEmpty()) {
      return null;
    }
    Map<String, Integer> counts = new HashMap<>();
    corpusOfExample.forEach(c -> counts.merge(c, 1, Integer::sum));
    if (counts.size() < 2) {
      return null;
    }
    double n = corpusOfExample.size();
    float[] w = new float[corpusOfExample.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (n / (counts.size() * (double) counts.get(corpusOfExample.get(i))));
    }
    return w;
  }
}
