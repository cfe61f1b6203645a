package art.empathic.corpus;

/**
 * The outcome of reading one file's name: a {@link ClipLabel}, or the reason the name could not
 * be read (the file is then reported as skipped; readers never guess).
 */
public record NameReading(ClipLabel label, String problem) {
  public NameReading {
    if ((label == null) == (problem == null)) {
      throw new IllegalArgumentException("exactly one of label and problem");
    }
  }

  public static NameReading ok(ClipLabel label) {
    return new NameReading(label, null);
  }

  public static NameReading problem(String problem) {
    return new NameReading(null, problem);
  }

  public boolean isOk() {
    return label != null;
  }
}
