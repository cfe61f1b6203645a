package art.empathic.audio;

/**
 * The one error the audio readers throw: the input is not audio this toolkit can read. The
 * message is a single line that names the file and the problem, e.g.
 * {@code "clip.wav: not a RIFF/WAVE file"}.
 */
public final class AudioFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String file;
  private final String problem;

  public AudioFormatException(String file, String problem) {
    super(file + ": " + problem);
    this.file = file;
    this.problem = problem;
  }

  public AudioFormatException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.problem = problem;
  }

  /** The file (or stream name) that could not be read. */
  public String file() {
    return file;
  }

  /** What is wrong with it, without the file name. */
  public String problem() {
    return problem;
  }
}
