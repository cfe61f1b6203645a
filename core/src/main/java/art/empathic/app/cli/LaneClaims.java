package art.empathic.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Which lane of {@code demo} trains which training: a lane claims a training by creating its
 * claim file in {@code OUT/.lanes/claims/}, named after the run's folder under {@code OUT}.
 * Creating a file that must not exist is atomic on a local file system (O_EXCL), so of several
 * lanes, in one JVM or in many, exactly one gets each training. The file holds the claiming
 * lane's number, so that the demo can say which training a helper that died left unfinished.
 *
 * <p>Claims say only who is training what during one demo: the demo's JVM clears them before it
 * starts its helpers (finished runs are recognised by their own files and kept), so a demo run
 * again with the same {@code --out} claims everything anew.
 */
final class LaneClaims {
  /** The claims' folder inside the demo's output folder. */
  static final String FOLDER = ".lanes";

  private final Path demoDir;
  private final Path claims;

  LaneClaims(Path demoDir) {
    this.demoDir = demoDir;
    this.claims = demoDir.resolve(FOLDER).resolve("claims");
  }

  /** Deletes every claim (not the runs) and leaves an empty claims folder; only the demo's JVM, before its helpers start. */
  void clear() throws IOException {
    Files.createDirectories(claims);
    try (Stream<Path> files = Files.list(claims)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** Removes the claims' folder once every lane has exited. */
  void delete() throws IOException {
    if (Files.isDirectory(claims)) {
      clear();
      Files.deleteIfExists(claims);
    }
    Files.deleteIfExists(claims.getParent());
  }

  /**
   * Claims the training of {@code runDir} for {@code lane}: true when this call got it, false
   * when another lane (or this one) already had.
   */
  boolean claim(Path runDir, int lane) throws IOException {
    try {
      // CREATE_NEW is one atomic create-if-absent; the lane's number is written through the same handle.
      Files.write(claimFile(runDir), (lane + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * The lane that claimed {@code runDir}; empty when none did, or when its claim names no lane
   * (it died between creating the file and writing its number) or cannot be read.
   */
  OptionalInt owner(Path runDir) {
    try {
      return OptionalInt.of(Integer.parseInt(Files.readString(claimFile(runDir), StandardCharsets.UTF_8).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** A run's claim file: its folder under the demo's, one name ({@code speaker/fold-1/mlp} becomes {@code speaker+fold-1+mlp}). */
  private Path claimFile(Path runDir) {
    Path rel = demoDir.relativize(runDir);
    if (rel.isAbsolute() || rel.startsWith("..") || rel.toString().isEmpty()) {
      throw new IllegalArgumentException(runDir + " is not a run folder inside " + demoDir);
    }
    StringBuilder name = new StringBuilder();
    for (Path part : rel) {
      name.append(name.length() == 0 ? "" : "+").append(part);
    }
    return claims.resolve(name.toString());
  }

  /** The runs of {@code runDirs} claimed by {@code lane}, in their order there. */
  List<Path> claimedBy(int lane, List<Path> runDirs) {
    List<Path> mine = new ArrayList<>();
    for (Path p : runDirs) {
      OptionalInt o = owner(p);
      if (o.isPresent() && o.getAsInt() == lane) {
        mine.add(p);
      }
    }
    return mine;
  }
}
