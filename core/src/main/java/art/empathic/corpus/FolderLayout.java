package art.empathic.corpus;

import java.nio.file.Path;

/**
 * Any corpus laid out as {@code DIR/<emotion>/*.wav} or {@code DIR/<emotion>/<speaker>/*.wav}.
 * The emotion folder's name must be an emotion word ({@link EmotionWords}); the corpus is named
 * after {@code DIR}. Without a speaker folder the speaker is unknown.
 */
public final class FolderLayout implements NameReader {

  @Override
  public String scheme() {
    return "folder layout DIR/<emotion>/[<speaker>/]*.wav";
  }

  @Override
  public NameReading read(Path root, Path file) {
    Path rel = root.relativize(file);
    int depth = rel.getNameCount();
    if (depth < 2 || depth > 3) {
      return NameReading.problem("not in the " + scheme());
    }
    String folder = rel.getName(0).toString();
    return EmotionWords.canonical(folder)
        .map(label -> NameReading.ok(ClipLabel.of(corpusName(root),
            depth == 3 ? rel.getName(1).toString() : Clip.UNKNOWN_SPEAKER, Gender.UNKNOWN, label)))
        .orElseGet(() -> NameReading.problem("folder '" + folder + "' is not an emotion name (" + EmotionWords.known() + ")"));
  }

  static String corpusName(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name == null ? "folder" : name.toString();
  }
}
