package art.empathic.train;

import art.empathic.model.ModelFamily;

/**
 * The model family used when none is named: by {@code train} without {@code --model}, and for
 * the release model that {@code demo}, {@code predict}, {@code serve} and {@code art} train when
 * there is no model yet. It is the family best on new voices (speaker-independent folds); its
 * recipe is {@link Recipe#defaults}. Change {@link #FAMILY} alone to change the product's model.
 */
public final class DefaultFamily {
  /** The family chosen for new voices in docs/research/GENERALIZATION.md: {@link ModelFamily#DEFAULT}. */
  public static final ModelFamily FAMILY = ModelFamily.DEFAULT;

  private DefaultFamily() {}
}
