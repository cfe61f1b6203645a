package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nEMO: {@code SPEAKER_EMOTION_N.wav}, e.g. {@code EB0_anger_1.wav}, in any folder layout. Nine
 * speakers with codes of two capitals and a digit (EB0, IC0, ...; their genders are not in the
 * names); emotions anger, fear, happiness, neutral, sadness, surprised.
 */
public final class NemoNames implements NameReader {
  public static final String CORPUS = "nemo";
  private static final Pattern NAME = Pattern.compile("([A-Z]{2}\\d)_([a-z]+)_(\\d+)\\.wav");
  private static final Map<String, String> WORDS = Map.of(
      "anger", "angry", "fear", "fear", "happiness", "happy", "neutral", EmotionWords.NEUTRAL, "sadness", "sad",
      "surprised", "surprise");

  @Override
  public String scheme() {
    return "nEMO name SPEAKER_EMOTION_N.wav (e.g. EB0_anger_1.wav)";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return NameReading.problem("not a " + scheme());
    }
    String label = WORDS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (label == null) {
      return NameReading.problem("nEMO name: emotion must be one of anger, fear, happiness, neutral, sadness, "
          + "surprised; got '" + m.group(2) + "'");
    }
    return NameReading.ok(ClipLabel.of(CORPUS, m.group(1), Gender.UNKNOWN, label));
  }
}
