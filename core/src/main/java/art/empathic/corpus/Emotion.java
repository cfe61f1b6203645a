package art.empathic.corpus;

import java.util.List;
import java.util.Locale;

/**
 * The emotion classes. The study's seven are everything but {@link #NEUTRAL}, which corpora
 * map by the {@code --neutral drop|calm|keep} rule.
 */
public enum Emotion {
  ANGRY("Angry"),
  CALM("Calm"),
  DISGUST("Disgust"),
  FEAR("Fear"),
  HAPPY("Happy"),
  SAD("Sad"),
  SURPRISE("Surprise"),
  NEUTRAL("Neutral");

  /** The original study's seven classes, in the order every report uses. */
  public static final List<Emotion> SEVEN = List.of(ANGRY, CALM, DISGUST, FEAR, HAPPY, SAD, SURPRISE);

  private final String label;

  Emotion(String label) {
    this.label = label;
  }

  /** Display name, e.g. "Angry". */
  public String label() {
    return label;
  }

  /** Parses a display name or enum name, case-insensitively ("angry", "Angry", "ANGRY"). */
  public static Emotion fromLabel(String s) {
    String t = s.trim().toUpperCase(Locale.ROOT);
    for (Emotion e : values()) {
      if (e.name().equals(t)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown emotion '" + s + "'");
  }
}
