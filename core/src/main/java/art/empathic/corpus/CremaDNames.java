package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CREMA-D: {@code 1001_DFA_ANG_XX.wav} = speaker (1001..1091), sentence (12 codes), emotion
 * (ANG, DIS, FEA, HAP, NEU, SAD), level (LO, MD, HI, XX). The names do not give gender.
 */
public final class CremaDNames implements NameReader {
  public static final String CORPUS = "crema-d";
  private static final Pattern NAME = Pattern.compile("(\\d{4})_([A-Z]{3})_([A-Z]{3})_([A-Z]{2})\\.wav");
  private static final Set<String> SENTENCES =
      Set.of("IEO", "TIE", "IOM", "IWW", "TAI", "MTI", "IWL", "ITH", "DFA", "ITS", "TSI", "WSI");
  private static final Set<String> LEVELS = Set.of("LO", "MD", "HI", "XX");
  private static final Map<String, String> CODES = Map.of(
      "ANG", "angry", "DIS", "disgust", "FEA", "fear", "HAP", "happy", "NEU", EmotionWords.NEUTRAL, "SAD", "sad");

  @Override
  public String scheme() {
    return "CREMA-D name NNNN_SSS_EEE_LL.wav";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return NameReading.problem("not a " + scheme());
    }
    int speaker = Integer.parseInt(m.group(1));
    if (speaker < 1001 || speaker > 1091) {
      return NameReading.problem("CREMA-D name: speaker must be 1001..1091, got " + m.group(1));
    }
    if (!SENTENCES.contains(m.group(2))) {
      return NameReading.problem("CREMA-D name: unknown sentence code " + m.group(2));
    }
    String label = CODES.get(m.group(3));
    if (label == null) {
      return NameReading.problem("CREMA-D name: emotion must be ANG, DIS, FEA, HAP, NEU or SAD, got " + m.group(3));
    }
    if (!LEVELS.contains(m.group(4))) {
      return NameReading.problem("CREMA-D name: level must be LO, MD, HI or XX, got " + m.group(4));
    }
    return NameReading.ok(ClipLabel.of(CORPUS, m.group(1), Gender.UNKNOWN, label));
  }
}
