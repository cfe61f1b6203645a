package art.empathic.corpus;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to clips labelled neutral, which is not one of the study's seven classes:
 * {@link #DROP} them (the default, as in the original study), relabel them {@link #CALM}, or
 * {@link #KEEP} them as an eighth class {@link Emotion#NEUTRAL}.
 */
public enum NeutralPolicy {
  DROP,
  CALM,
  KEEP;

  /**
   * The class a canonical label (see {@link EmotionWords}) ends up in, or empty when the clip is
   * dropped: neutral under {@link #DROP}, and labels outside the classes (boredom) always.
   */
  public Optional<Emotion> classify(String canonicalLabel) {
    switch (canonicalLabel) {
      case EmotionWords.NEUTRAL:
        return switch (this) {
          case DROP -> Optional.empty();
          case CALM -> Optional.of(Emotion.CALM);
          case KEEP -> Optional.of(Emotion.NEUTRAL);
        };
      case EmotionWords.BOREDOM:
        return Optional.empty();
      default:
        return Optional.of(Emotion.fromLabel(canonicalLabel));
    }
  }

  /** Lower-case name as the CLI spells it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
