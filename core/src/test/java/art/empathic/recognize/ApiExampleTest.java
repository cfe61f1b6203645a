package art.empathic.recognize;

import art.empathic.corpus.DataLocator;
import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.Emotion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example in docs/API.md (and in README.md, once it has one) compiles against the
 * library and runs: here with the pitch-hearing fake recognizer behind {@code EmotionRecognizer.load}.
 */
class ApiExampleTest {
  @TempDir Path dir;

  /** The first ```java block that uses EmotionRecognizer.load. */
  static String example(Path markdown) throws Exception {
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
    while (m.find()) {
      if (m.group(1).contains("EmotionRecognizer.load")) {
        return m.group(1);
      }
    }
    return null;
  }

  @Test
  void theDocumentedExampleCompilesAndRuns() throws Exception {
    String api = example(DataLocator.projectRoot().resolve("docs/API.md"));
    assertThat(api).as("docs/API.md has the example").isNotNull();
    long codeLines = api.lines().filter(l -> !l.isBlank() && !l.startsWith("import ") && !l.strip().equals("}")).count();
    assertThat(codeLines).as("a ten-line example").isLessThanOrEqualTo(10);
    Path readme = DataLocator.projectRoot().resolve("README.md");
    if (Files.exists(readme) && example(readme) != null) {
      assertThat(example(readme)).as("README.md and docs/API.md show the same example").isEqualTo(api);
    }

    String className = Pattern.compile("public class (\\w+)").matcher(api).results().findFirst().orElseThrow().group(1);
    Path src = Files.writeString(dir.resolve(className + ".java"), api);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
        "-d", dir.toString(), "-Xlint:all", "-Werror", src.toString());
    assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    Path wav = TestWavs.tone(dir.resolve("clip.wav"), Emotion.HAPPY, 1.5);
    List<Path> loaded = new ArrayList<>();
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
         Recognizers.Restore restore = Recognizers.override(runDir -> {
           loaded.add(runDir);
           return new ToneRecognizer();
         })) {
      Method main = loader.loadClass(className).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {"runs/demo", wav.toString()});
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(loaded).containsExactly(Path.of("runs/demo"));
    assertThat(out.lines().findFirst().orElseThrow()).matches("Happy \\d+%  arousal [+-]\\d\\.\\d\\d  valence [+-]\\d\\.\\d\\d");
    for (Emotion e : Emotion.SEVEN) {
      assertThat(out).contains("  " + e.label());
    }
  }
}
