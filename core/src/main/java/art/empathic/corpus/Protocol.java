package art.empathic.corpus;

import java.util.Locale;

/**
 * How test clips are chosen, the one protocol type of the project: splits ({@link SplitSpec}),
 * the {@code --protocol} option, {@code metrics.json}'s {@code split.protocol} and the reports'
 * tables all use it. In {@code spec.json} it is saved by name ({@code RANDOM}, {@code SPEAKER}).
 */
public enum Protocol {
  /** Clips shuffled into train and test: the same speakers are on both sides. */
  RANDOM("random", "Random 80/20 split (speakers shared)",
      "clips are shuffled into training and test parts, so every test speaker was also heard in"
          + " training: this measures recognising emotions in known voices."),
  /** Whole speakers held out: the test voices were never heard in training. */
  SPEAKER("speaker", "Speaker-independent folds",
      "whole speakers are held out, so every test voice is new to the model: this measures"
          + " recognising emotions in voices it has never heard."),
  /** No test part: every clip trains the release model ({@code train --split none}). */
  NONE("none", "No test part (release model)",
      "every clip trains the model and none is left to test it on: the release model has no test"
          + " figures; the speaker-independent folds measure its recipe on new voices.");

  private final String key;
  private final String title;
  private final String meaning;

  Protocol(String key, String title, String meaning) {
    this.key = key;
    this.title = title;
    this.meaning = meaning;
  }

  /** The value in {@code metrics.json}: {@code random}, {@code speaker} (or {@code none}, release runs). */
  public String key() {
    return key;
  }

  /** The lower-case name, {@code random} or {@code speaker}; the same as {@link #key()}. */
  public String label() {
    return key;
  }

  /** Heading for tables of this protocol. */
  public String title() {
    return title;
  }

  /** What a score under this protocol measures, as the end of a sentence. */
  public String meaning() {
    return meaning;
  }

  /** Parses {@code random}/{@code speaker} (also {@code speaker-independent}); null means random. */
  public static Protocol parse(String s) {
    if (s == null) {
      return RANDOM;
    }
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("random")) {
      return RANDOM;
    }
    if (t.startsWith("speaker")) {
      return SPEAKER;
    }
    if (t.equals("none")) {
      return NONE;
    }
    throw new IllegalArgumentException("unknown split protocol '" + s + "' (expected random or speaker)");
  }
}
