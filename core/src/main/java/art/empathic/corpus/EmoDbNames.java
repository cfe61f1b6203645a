package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Berlin EmoDB: {@code 03a01Fa.wav} = speaker (03, 08..16), text (a01..b10), emotion letter
 * (W anger, L boredom, E disgust, A fear, F happiness, T sadness, N neutral), version letter.
 * Speaker genders are those of the corpus documentation.
 */
public final class EmoDbNames implements NameReader {
  public static final String CORPUS = "emodb";
  private static final Pattern NAME = Pattern.compile("(\\d\\d)([ab]\\d\\d)([A-Z])([a-z])\\.wav");
  private static final Set<String> TEXTS = Set.of("a01", "a02", "a04", "a05", "a07", "b01", "b02", "b03", "b09", "b10");
  private static final Map<String, Gender> SPEAKERS = Map.of(
      "03", Gender.MALE, "08", Gender.FEMALE, "09", Gender.FEMALE, "10", Gender.MALE, "11", Gender.MALE,
      "12", Gender.MALE, "13", Gender.FEMALE, "14", Gender.FEMALE, "15", Gender.MALE, "16", Gender.FEMALE);
  private static final Map<String, String> CODES = Map.of(
      "W", "angry", "L", EmotionWords.BOREDOM, "E", "disgust", "A", "fear", "F", "happy", "T", "sad",
      "N", EmotionWords.NEUTRAL);

  @Override
  public String scheme() {
    return "EmoDB name SSTTTEV.wav (e.g. 03a01Fa.wav)";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return NameReading.problem("not an " + scheme());
    }
    Gender gender = SPEAKERS.get(m.group(1));
    if (gender == null) {
      return NameReading.problem("EmoDB name: speaker must be one of 03, 08..16, got " + m.group(1));
    }
    if (!TEXTS.contains(m.group(2))) {
      return NameReading.problem("EmoDB name: unknown text code " + m.group(2));
    }
    String label = CODES.get(m.group(3));
    if (label == null) {
      return NameReading.problem("EmoDB name: emotion letter must be one of W, L, E, A, F, T, N; got " + m.group(3));
    }
    return NameReading.ok(ClipLabel.of(CORPUS, m.group(1), gender, label));
  }
}
