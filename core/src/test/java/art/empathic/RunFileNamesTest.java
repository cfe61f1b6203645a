package art.empathic;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.run.RunFiles;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The run directory has one owner: {@link RunFiles} is the only main source that spells a
 * run-directory file name. Everything else resolves files through its constants, so renaming
 * or adding a file is a change in one place.
 */
class RunFileNamesTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path OWNER = MAIN.resolve("art/empathic/run/RunFiles.java");

  /** The file names RunFiles declares, plus the name patterns of weights and checkpoints. */
  static List<String> ownedLiterals() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field f : RunFiles.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add("\"" + f.get(null) + "\"");
      }
    }
    names.addAll(List.of(".params\"", ".ckpt\""));
    return names;
  }

  @Test
  void onlyRunFilesNamesRunDirectoryFiles() throws IOException, IllegalAccessException {
    assertThat(MAIN).as("tests run from the core module's folder").isDirectory();
    List<String> literals = ownedLiterals();
    assertThat(literals).contains("\"spec.json\"", "\"history.json\"", "\"predictions.csv\"", "\"metrics.json\"");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.equals(OWNER)).toList()) {
        String text = Files.readString(f);
        for (String literal : literals) {
          if (text.contains(literal)) {
            offenders.add(MAIN.relativize(f) + " spells " + literal);
          }
        }
      }
    }
    assertThat(offenders).as("run-directory file names outside run/RunFiles.java").isEmpty();
    assertThat(Files.readString(OWNER)).contains("\"spec.json\"", "\".params\"", "\".ckpt\"");
  }
}
