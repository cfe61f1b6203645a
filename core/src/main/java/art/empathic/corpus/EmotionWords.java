package art.empathic.corpus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The emotion words corpora and users write, mapped to canonical labels: the seven classes'
 * lower-case names ({@code angry, calm, disgust, fear, happy, sad, surprise}), plus
 * {@code neutral} and {@code boredom}, which are known but are not among the seven classes
 * ({@link NeutralPolicy} decides about neutral; boredom is always dropped and counted).
 */
public final class EmotionWords {
  public static final String NEUTRAL = "neutral";
  public static final String BOREDOM = "boredom";

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("angry", "angry"), Map.entry("anger", "angry"), Map.entry("ang", "angry"),
      Map.entry("calm", "calm"),
      Map.entry("disgust", "disgust"), Map.entry("disgusted", "disgust"), Map.entry("dis", "disgust"),
      Map.entry("fear", "fear"), Map.entry("fearful", "fear"), Map.entry("fea", "fear"),
      Map.entry("happy", "happy"), Map.entry("happiness", "happy"), Map.entry("hap", "happy"),
      Map.entry("sad", "sad"), Map.entry("sadness", "sad"),
      Map.entry("surprise", "surprise"), Map.entry("surprised", "surprise"), Map.entry("sur", "surprise"),
      Map.entry("ps", "surprise"), Map.entry("pleasant_surprise", "surprise"),
      Map.entry("pleasant surprise", "surprise"), Map.entry("pleasant-surprise", "surprise"),
      Map.entry("neutral", NEUTRAL), Map.entry("neu", NEUTRAL),
      Map.entry("boredom", BOREDOM), Map.entry("bored", BOREDOM));

  /** Every canonical label, the seven classes first. */
  public static final Set<String> CANONICAL =
      Set.of("angry", "calm", "disgust", "fear", "happy", "sad", "surprise", NEUTRAL, BOREDOM);

  private EmotionWords() {}

  /** The canonical label for a word, case-insensitively; empty when the word is not an emotion. */
  public static Optional<String> canonical(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(WORDS.get(word.trim().toLowerCase(Locale.ROOT)));
  }

  /** The words {@link #canonical} understands, for error messages. */
  public static String known() {
    return "angry, calm, disgust, fear(ful), happy, sad, surprise(d)/ps, neutral, boredom";
  }
}
