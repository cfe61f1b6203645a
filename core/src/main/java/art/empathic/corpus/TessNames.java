package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TESS: {@code OAF_back_angry.wav}, {@code YAF_dog_ps.wav} in any folder layout. Speakers OAF
 * (older) and YAF (younger), both women; {@code ps} is pleasant surprise.
 */
public final class TessNames implements NameReader {
  public static final String CORPUS = "tess";
  private static final Pattern NAME = Pattern.compile("(OAF|YAF)_([A-Za-z]+)_([A-Za-z]+)\\.wav", Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> CODES = Map.of(
      "angry", "angry", "disgust", "disgust", "fear", "fear", "happy", "happy",
      "neutral", EmotionWords.NEUTRAL, "ps", "surprise", "sad", "sad");

  @Override
  public String scheme() {
    return "TESS name OAF|YAF_word_emotion.wav";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return NameReading.problem("not a " + scheme());
    }
    String label = CODES.get(m.group(3).toLowerCase(Locale.ROOT));
    if (label == null) {
      return NameReading.problem("TESS name: emotion must be one of angry, disgust, fear, happy, neutral, ps, sad; got '"
          + m.group(3) + "'");
    }
    return NameReading.ok(ClipLabel.of(CORPUS, m.group(1).toUpperCase(Locale.ROOT), Gender.FEMALE, label));
  }
}
