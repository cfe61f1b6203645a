package art.empathic.corpus;

import java.util.Objects;

/**
 * What a corpus reader learned about one file from its name, folder or manifest row, before the
 * label is mapped to a class.
 *
 * @param corpus corpus name, e.g. "ravdess"
 * @param speaker speaker id, or {@link Clip#UNKNOWN_SPEAKER}
 * @param gender the speaker's gender where the corpus documents it
 * @param label canonical emotion label (see {@link EmotionWords}), e.g. "surprise", "neutral"
 * @param ravdess the RAVDESS name fields, or null for other corpora
 */
public record ClipLabel(String corpus, String speaker, Gender gender, String label, RavdessCode ravdess) {
  public ClipLabel {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(gender, "gender");
    if (!EmotionWords.CANONICAL.contains(label)) {
      throw new IllegalArgumentException("not a canonical emotion label: " + label);
    }
  }

  public static ClipLabel of(String corpus, String speaker, Gender gender, String label) {
    return new ClipLabel(corpus, speaker, gender, label, null);
  }
}
