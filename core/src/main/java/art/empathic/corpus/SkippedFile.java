package art.empathic.corpus;

import java.nio.file.Path;

/** A file a batch did not use, and why (one line, without the path). */
public record SkippedFile(Path path, String reason) {
  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
