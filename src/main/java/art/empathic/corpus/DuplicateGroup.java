package art.empathic.corpus;

import java.nio.file.Path;
import java.util.List;

/** Clips whose files are byte-identical (same SHA-256), in path order. */
public record DuplicateGroup(String contentHash, List<Path> paths) {
  public DuplicateGroup {
    paths = List.copyOf(paths);
  }
}
