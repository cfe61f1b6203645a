package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EMOVO: {@code EMO-SPEAKER-SENTENCE.wav}, e.g. {@code dis-f1-b1.wav}, in any folder layout. Six
 * speakers f1-f3 (women) and m1-m3 (men); emotion codes are Italian: dis disgust, gio (gioia)
 * happy, neu neutral, pau (paura) fear, rab (rabbia) angry, sor (sorpresa) surprise, tri
 * (tristezza) sad.
 */
public final class EmovoNames implements NameReader {
  public static final String CORPUS = "emovo";
  private static final Pattern NAME = Pattern.compile("([a-z]{3})-([fm][1-3])-([a-z]\\d{1,2})\\.wav",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> CODES = Map.of(
      "dis", "disgust", "gio", "happy", "neu", EmotionWords.NEUTRAL, "pau", "fear", "rab", "angry",
      "sor", "surprise", "tri", "sad");

  @Override
  public String scheme() {
    return "EMOVO name EMO-SPEAKER-SENTENCE.wav (e.g. dis-f1-b1.wav)";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return NameReading.problem("not a " + scheme());
    }
    String label = CODES.get(m.group(1).toLowerCase(Locale.ROOT));
    if (label == null) {
      return NameReading.problem("EMOVO name: emotion code must be one of dis, gio, neu, pau, rab, sor, tri; got '"
          + m.group(1) + "'");
    }
    String speaker = m.group(2).toLowerCase(Locale.ROOT);
    return NameReading.ok(ClipLabel.of(CORPUS, speaker, speaker.startsWith("f") ? Gender.FEMALE : Gender.MALE, label));
  }
}
