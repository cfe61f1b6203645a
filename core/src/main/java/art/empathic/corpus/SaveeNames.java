package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAVEE: {@code DC_a01.wav} or {@code DC/a01.wav}; four male speakers DC, JE, JK, KL; emotion
 * codes a angry, d disgust, f fear, h happy, n neutral, sa sad, su surprise.
 */
public final class SaveeNames implements NameReader {
  public static final String CORPUS = "savee";
  private static final String SPEAKERS = "DC|JE|JK|KL";
  private static final Pattern FLAT = Pattern.compile("(" + SPEAKERS + ")_([a-z]{1,2})(\\d\\d)\\.wav", Pattern.CASE_INSENSITIVE);
  private static final Pattern IN_FOLDER = Pattern.compile("([a-z]{1,2})(\\d\\d)\\.wav", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPEAKER_FOLDER = Pattern.compile(SPEAKERS, Pattern.CASE_INSENSITIVE);
  private static final Map<String, String> CODES = Map.of(
      "a", "angry", "d", "disgust", "f", "fear", "h", "happy", "n", EmotionWords.NEUTRAL, "sa", "sad", "su", "surprise");

  @Override
  public String scheme() {
    return "SAVEE name DC|JE|JK|KL_<code>NN.wav or <speaker>/<code>NN.wav";
  }

  @Override
  public NameReading read(Path root, Path file) {
    String name = file.getFileName().toString();
    String speaker;
    String code;
    Matcher flat = FLAT.matcher(name);
    Matcher inFolder = IN_FOLDER.matcher(name);
    Path parent = file.getParent();
    if (flat.matches()) {
      speaker = flat.group(1);
      code = flat.group(2);
    } else if (inFolder.matches() && parent != null && !parent.equals(root)
        && SPEAKER_FOLDER.matcher(parent.getFileName().toString()).matches()) {
      speaker = parent.getFileName().toString();
      code = inFolder.group(1);
    } else {
      return NameReading.problem("not a " + scheme());
    }
    String label = CODES.get(code.toLowerCase(Locale.ROOT));
    if (label == null) {
      return NameReading.problem("SAVEE name: emotion code must be one of a, d, f, h, n, sa, su; got '" + code + "'");
    }
    return NameReading.ok(ClipLabel.of(CORPUS, speaker.toUpperCase(Locale.ROOT), Gender.MALE, label));
  }
}
