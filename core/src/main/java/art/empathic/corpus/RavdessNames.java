package art.empathic.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RAVDESS: {@code MM-VV-EE-II-SS-RR-AA.wav} (see {@link RavdessCode}), speech and song, in
 * {@code Actor_NN/} folders or flat. A file in an {@code Actor_NN} folder whose name names
 * another actor is reported, not guessed.
 */
public final class RavdessNames implements NameReader {
  public static final String CORPUS = "ravdess";
  private static final Pattern NAME =
      Pattern.compile("(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)\\.wav", Pattern.CASE_INSENSITIVE);
  private static final Pattern ACTOR_FOLDER = Pattern.compile("Actor_(\\d\\d)", Pattern.CASE_INSENSITIVE);
  /** Emotion codes 01..08 in order. */
  private static final List<String> EMOTIONS =
      List.of("neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise");

  /** The speaker id of a RAVDESS actor, e.g. "Actor_07", as in the corpus's folders. */
  public static String speaker(int actor) {
    return String.format("Actor_%02d", actor);
  }

  @Override
  public String scheme() {
    return "RAVDESS name MM-VV-EE-II-SS-RR-AA.wav";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return NameReading.problem("not a " + scheme());
    }
    int[] f = new int[7];
    for (int i = 0; i < 7; i++) {
      f[i] = Integer.parseInt(m.group(i + 1));
    }
    RavdessCode code = new RavdessCode(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
    String bad = check(code);
    if (bad != null) {
      return NameReading.problem("RAVDESS name: " + bad);
    }
    Path parent = file.getParent();
    if (parent != null && !parent.equals(root)) {
      Matcher folder = ACTOR_FOLDER.matcher(parent.getFileName().toString());
      if (folder.matches() && Integer.parseInt(folder.group(1)) != code.actor()) {
        return NameReading.problem("RAVDESS name says actor " + m.group(7) + " but the file is in folder "
            + parent.getFileName());
      }
    }
    return NameReading.ok(new ClipLabel(CORPUS, speaker(code.actor()), code.gender(),
        EMOTIONS.get(code.emotion() - 1), code));
  }

  private static String check(RavdessCode c) {
    if (c.modality() == 2) return "modality 02 is video-only (no audio)";
    if (c.modality() != 1 && c.modality() != 3) return "modality must be 01 or 03, got " + two(c.modality());
    if (c.vocalChannel() < 1 || c.vocalChannel() > 2) return "vocal channel must be 01 (speech) or 02 (song), got " + two(c.vocalChannel());
    if (c.emotion() < 1 || c.emotion() > 8) return "emotion must be 01..08, got " + two(c.emotion());
    if (c.intensity() < 1 || c.intensity() > 2) return "intensity must be 01 or 02, got " + two(c.intensity());
    if (c.emotion() == 1 && c.intensity() == 2) return "neutral has no strong intensity (02)";
    if (c.statement() < 1 || c.statement() > 2) return "statement must be 01 or 02, got " + two(c.statement());
    if (c.repetition() < 1 || c.repetition() > 2) return "repetition must be 01 or 02, got " + two(c.repetition());
    if (c.actor() < 1 || c.actor() > 24) return "actor must be 01..24, got " + two(c.actor());
    return null;
  }

  private static String two(int v) {
    return String.format("%02d", v);
  }
}
