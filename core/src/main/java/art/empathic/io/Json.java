package art.empathic.io;

import art.empathic.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The JSON mapping of run-directory files: snake_case keys, unknown keys ignored. */
public final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      // A diverged run may log NaN losses; Jackson writes them as NaN tokens, so read them back.
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private Json() {}

  /** Reads {@code file} as {@code type}; any problem becomes one line naming the file. */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    try {
      T value = MAPPER.readValue(file.toFile(), type);
      if (value == null) {
        throw new IllegalArgumentException(file + ": empty JSON document");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not a valid " + file.getFileName() + " ("
          + e.getOriginalMessage() + ", line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", e);
    }
  }

  public static void write(Path file, Object value) throws IOException {
    AtomicFiles.write(file, out -> {
      MAPPER.writeValue(new NonClosing(out), value);
      out.write('\n');
    });
  }

  /** Jackson closes the stream it writes to; the atomic writer still needs it open. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(java.io.OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
