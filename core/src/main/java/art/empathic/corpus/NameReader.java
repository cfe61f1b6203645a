package art.empathic.corpus;

import java.nio.file.Path;

/** Reads the labels of a corpus from its files' names and folders. Implementations are stateless. */
public interface NameReader {

  /**
   * Reads one WAV file's labels.
   *
   * @param root the corpus directory the user gave
   * @param file a WAV file under {@code root}
   */
  NameReading read(Path root, Path file);

  /** The naming scheme in a few words, for "not a ... name" reasons. */
  String scheme();
}
