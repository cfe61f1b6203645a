package art.empathic.app.cli;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Expands command-line FILE|DIR arguments into WAV files: folders recursively, in name order.
 * Symbolic links are followed like the folders and files they point to; a link that points back
 * to a folder above it (a loop) is reported and not entered again.
 */
final class WavFiles {
  /** The files found and the arguments that could not be used, each with a one-line reason. */
  record Found(List<Path> files, List<String> problems) {}

  private WavFiles() {}

  static Found collect(List<Path> args) {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path a : args) {
      if (Files.isDirectory(a)) {
        try {
          List<Path> inDir = walk(a, problems);
          if (inDir.isEmpty()) {
            problems.add(a + ": no .wav files in this folder");
          }
          files.addAll(inDir);
        } catch (IOException e) {
          problems.add(a + ": cannot list folder: " + CliErrors.describe(e));
        }
      } else if (Files.exists(a)) {
        files.add(a);
      } else {
        problems.add(a + ": no such file or folder");
      }
    }
    return new Found(files, problems);
  }

  private static List<Path> walk(Path dir, List<String> problems) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile() && isWav(file)) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (file.equals(dir)) {
          throw e;
        }
        problems.add(file + (e instanceof FileSystemLoopException
            ? ": symbolic link loop (points back to a folder above it); not entered again"
            : ": cannot read: " + CliErrors.describe(e)));
        return FileVisitResult.CONTINUE;
      }
    });
    found.sort(null);
    return found;
  }

  static boolean isWav(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".wave");
  }
}
