package art.empathic.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How training over several corpora at once treats them, recorded in a run's {@code spec.json}
 * (under {@code training.multiCorpus}): each corpus's total weight ({@link CorpusBalance}) and
 * whether each example's loss is restricted to the classes its own corpus has (a masked softmax:
 * an EmoDB clip is never pushed away from calm or surprise, which EmoDB does not record;
 * {@link Fitter#restrictLoss}). One training corpus, or corpora with the same classes, change
 * nothing. {@code train} and {@code study generalize} both go through {@link #loss} and {@link Loss#applyTo}.
 *
 * @param balance how the corpora are weighted
 * @param restrictLoss restrict each example's softmax to its corpus's classes
 */
public record MultiCorpus(CorpusBalance.Mode balance, boolean restrictLoss) {
  /** The default of multi-corpus training (docs/research/GENERALIZATION.md, "Corpus balance"): corpora balanced, loss restricted. */
  public static final MultiCorpus DEFAULT = new MultiCorpus(CorpusBalance.DEFAULT, true);

  /**
   * What runs whose spec predates these settings did in {@code train}: every clip weighs 1 and the
   * softmax spans every class. A spec without the field reads as this, so resuming it trains as before.
   */
  public static final MultiCorpus LEGACY = new MultiCorpus(CorpusBalance.Mode.NONE, false);

  public MultiCorpus {
    balance = balance == null ? CorpusBalance.Mode.NONE : balance;
  }

  /** The default with another corpus weighting. */
  public static MultiCorpus balanced(CorpusBalance.Mode balance) {
    return new MultiCorpus(balance, DEFAULT.restrictLoss());
  }

  /** The loss restriction and weights these settings give one training set. */
  public record Loss(boolean[][] allowed, float[] weights) {
    /** True when the loss differs from plain cross-entropy over every class with every example weighing 1. */
    @JsonIgnore
    public boolean active() {
      return allowed != null || weights != null;
    }

    /** Sets this restriction and these weights on the fitter (both null lift them); the fitter only reads them. */
    public Fitter applyTo(Fitter fitter) {
      return fitter.restrictLoss(allowed).weightExamples(weights);
    }
  }

  /**
   * The loss restriction and example weights for training examples with these corpora and
   * labels (indices into {@code classes} output classes). A corpus's classes are the labels its
   * examples carry in this training set. Restriction is null when every corpus has every class.
   */
  public Loss loss(List<String> corpusOfExample, int[] labels, int classes) {
    if (corpusOfExample.size() != labels.length) {
      throw new IllegalArgumentException(corpusOfExample.size() + " corpus names for " + labels.length + " examples");
    }
    boolean[][] allowed = null;
    if (restrictLoss) {
      Map<String, boolean[]> corpusClasses = new HashMap<>();
      for (int i = 0; i < labels.length; i++) {
        corpusClasses.computeIfAbsent(corpusOfExample.get(i), k -> new boolean[classes])[labels[i]] = true;
      }
      boolean partial = corpusClasses.values().stream().anyMatch(a -> count(a) < classes);
      if (partial) {
        allowed = new boolean[labels.length][];
        for (int i = 0; i < labels.length; i++) {
          allowed[i] = corpusClasses.get(corpusOfExample.get(i)); // shared per corpus: read only
        }
      }
    }
    return new Loss(allowed, CorpusBalance.weights(balance, corpusOfExample));
  }

  /** A one-line description for logs: "corpora balanced, loss restricted to each corpus's classes". */
  public String describe() {
    return (balance == CorpusBalance.Mode.CORPUS ? "corpora weighed equally" : "every clip weighs 1")
        + (restrictLoss ? ", loss restricted to each clip's corpus classes" : ", loss over every class");
  }

  private static int count(boolean[] a) {
    int n = 0;
    for (boolean b : a) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
