package art.empathic.train;

import art.empathic.io.Json;

import art.empathic.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A run's resumable state in one file: progress (JSON), current weights, best weights so far,
 * and the optimiser's moments, followed by a CRC-32. Written to a temporary file and moved into
 * place, so a crash leaves the previous checkpoint intact; a damaged file is refused, not used.
 */
public final class Checkpoint {
  private static final byte[] MAGIC = "EMPATHIC-ART-CHECKPOINT-1\n".getBytes(StandardCharsets.US_ASCII);

  private Checkpoint() {}

  /** Everything needed to continue a run. {@code bestParameters} may be null. */
  record State(Fitter.Progress progress, byte[] parameters, byte[] bestParameters, byte[] optimizer) {}

  static void write(Path file, State state) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      block(out, Json.COMPACT.writeValueAsBytes(state.progress()));
      block(out, state.parameters());
      block(out, state.bestParameters());
      block(out, state.optimizer());
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    byte[] body = bytes.toByteArray();
    byte[] all = Arrays.copyOf(body, body.length + 8);
    ByteBuffer.wrap(all, body.length, 8).putLong(crc.getValue());
    AtomicFiles.write(file, all);
  }

  private static void block(DataOutputStream out, byte[] data) throws IOException {
    out.writeInt(data == null ? -1 : data.length);
    if (data != null) {
      out.write(data);
    }
  }

  static State read(Path file) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no checkpoint to resume from", e);
    }
    String bad = file + ": corrupt checkpoint";
    if (all.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new IOException(bad + " (not a checkpoint file)");
    }
    CRC32 crc = new CRC32();
    crc.update(all, 0, all.length - 8);
    if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
      throw new IOException(bad + " (checksum mismatch: the file was damaged or cut short)");
    }
    ByteBuffer in = ByteBuffer.wrap(all, MAGIC.length, all.length - 8 - MAGIC.length);
    try {
      Fitter.Progress progress = Json.MAPPER.readValue(next(in), Fitter.Progress.class);
      return new State(progress, next(in), next(in), next(in));
    } catch (RuntimeException | IOException e) {
      throw new IOException(bad + " (" + e.getMessage() + ")", e);
    }
  }

  private static byte[] next(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }
}
