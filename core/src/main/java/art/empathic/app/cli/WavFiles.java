package art.empathic.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands command-line FILE|DIR arguments into WAV files: folders recursively, in name order. */
final class WavFiles {
  /** The files found and the arguments that could not be used, each with a one-line reason. */
  record Found(List<Path> files, List<String> problems) {}

  private WavFiles() {}

  static Found collect(List<Path> args) {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path a : args) {
      if (Files.isDirectory(a)) {
        try (Stream<Path> s = Files.walk(a)) {
          List<Path> inDir = s.filter(Files::isRegularFile).filter(WavFiles::isWav).sorted().toList();
          if (inDir.isEmpty()) {
            problems.add(a + ": no .wav files in this folder");
          }
          files.addAll(inDir);
        } catch (IOException | UncheckedIOException e) {
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

  static boolean isWav(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".wave");
  }
}
