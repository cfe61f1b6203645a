package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * CASIA (its public part): {@code SPEAKER/EMOTION/NNN.wav}, e.g. {@code wangzhe/angry/201.wav}.
 * Four speakers, named by their folders: liuchanhg and zhaoquanyin (women), wangzhe and
 * ZhaoZuoxiang (men); emotion folders angry, fear, happy, neutral, sad, surprise. Only these
 * speaker folders are read, so that no other speaker/emotion layout is taken for CASIA.
 */
public final class CasiaNames implements NameReader {
  public static final String CORPUS = "casia";
  private static final Map<String, Gender> SPEAKERS = Map.of(
      "liuchanhg", Gender.FEMALE, "zhaoquanyin", Gender.FEMALE, "wangzhe", Gender.MALE, "zhaozuoxiang", Gender.MALE);
  private static final Map<String, String> FOLDERS = Map.of(
      "angry", "angry", "fear", "fear", "happy", "happy", "neutral", EmotionWords.NEUTRAL, "sad", "sad",
      "surprise", "surprise");

  @Override
  public String scheme() {
    return "CASIA path SPEAKER/EMOTION/NNN.wav (speakers liuchanhg, wangzhe, zhaoquanyin, ZhaoZuoxiang)";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Path emotionFolder = file.getParent();
    Path speakerFolder = emotionFolder == null ? null : emotionFolder.getParent();
    if (speakerFolder == null || speakerFolder.getFileName() == null || !file.getFileName().toString()
        .toLowerCase(Locale.ROOT).matches("\\d+\\.wav")) {
      return NameReading.problem("not a " + scheme());
    }
    String speaker = speakerFolder.getFileName().toString();
    Gender gender = SPEAKERS.get(speaker.toLowerCase(Locale.ROOT));
    if (gender == null) {
      return NameReading.problem("not a " + scheme());
    }
    String folder = emotionFolder.getFileName().toString();
    String label = FOLDERS.get(folder.toLowerCase(Locale.ROOT));
    if (label == null) {
      return NameReading.problem("CASIA path: emotion folder must be one of angry, fear, happy, neutral, sad, surprise; "
          + "got '" + folder + "'");
    }
    return NameReading.ok(ClipLabel.of(CORPUS, speaker, gender, label));
  }
}
