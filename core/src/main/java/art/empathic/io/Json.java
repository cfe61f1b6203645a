package art.empathic.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The project's one Jackson configuration. Every JSON file and message goes through
 * {@link #MAPPER} (or its snake_case and compact variants): pretty-printed, unknown keys
 * ignored (newer files load in older code), NaN/Infinity accepted when reading (a diverged run
 * logs NaN losses), and the target stream left open ({@code AUTO_CLOSE_TARGET} off), so
 * {@link AtomicFiles} can finish the file. Key names come from the records themselves
 * ({@code @JsonProperty} where the file uses snake_case).
 */
public final class Json {
  /** The shared mapper; thread-safe. */
  public static final ObjectMapper MAPPER = builder().build();

  /**
   * The same configuration with snake_case key names, for the run-directory records that
   * are read without per-field annotations ({@code RunSpec}, {@code RunMetrics}, ...).
   */
  public static final ObjectMapper SNAKE_CASE = builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** {@link #MAPPER} without indentation: one-line messages (server, CLI JSON lines, checkpoints). */
  public static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private static JsonMapper.Builder builder() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  private Json() {}

  /**
   * Reads a run-directory file {@code file} as {@code type} (snake_case keys); any problem
   * becomes one line naming the file.
   */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    try {
      T value = SNAKE_CASE.readValue(file.toFile(), type);
      if (value == null) {
        throw new IllegalArgumentException(file + ": empty JSON document");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not a valid " + file.getFileName() + " ("
          + e.getOriginalMessage() + ", line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
    }
  }

  /** Writes {@code value} to {@code file} atomically (snake_case keys, pretty-printed, a final newline). */
  public static void write(Path file, Object value) throws IOException {
    AtomicFiles.write(file, out -> {
      SNAKE_CASE.writeValue(out, value);
      out.write('\n');
    });
  }
}
