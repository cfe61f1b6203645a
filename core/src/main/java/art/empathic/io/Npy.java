package art.empathic.io;

import art.empathic.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.ArrayList;

/**
 * numpy {@code .npy} files (format version 1.0) of float32: little-endian {@code '<f4'}, C order.
 * Enough for exchanging feature tensors with numpy, scikit-learn and PyTorch.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  /** An array read back: its shape, dtype descriptor and values in C order. */
  public record Array(int[] shape, String descr, float[] data) {}

  private Npy() {}

  /** The version-1.0 header for a float32 C-order array of this shape, padded to 64 bytes. */
  static byte[] header(int[] shape) {
    String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    if (shape.length == 1) {
      dims += ",";
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    String text = dict + " ".repeat(total - unpadded) + "\n";
    if (text.length() > 65535) {
      throw new IllegalArgumentException("shape too long for an .npy 1.0 header");
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
    b.put(text.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /**
   * Writes rows (each the flattened C-order item of shape {@code itemShape}) as one array of
   * shape {@code [rows.size(), itemShape...]}, atomically.
   */
  public static void write(Path file, List<float[]> rows, int[] itemShape) throws IOException {
    int itemSize = Arrays.stream(itemShape).reduce(1, (a, b) -> a * b);
    for (float[] r : rows) {
      if (r.length != itemSize) {
        throw new IllegalArgumentException("row of " + r.length + " values does not fit item shape " + Arrays.toString(itemShape));
      }
    }
    int[] shape = new int[itemShape.length + 1];
    shape[0] = rows.size();
    System.arraycopy(itemShape, 0, shape, 1, itemShape.length);
    AtomicFiles.write(file, out -> {
      out.write(header(shape));
      ByteBuffer b = ByteBuffer.allocate(4 * itemSize).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] r : rows) {
        b.clear();
        b.asFloatBuffer().put(r);
        out.write(b.array());
      }
    });
  }

  /** Writes one array of the given shape from C-order data, atomically. */
  public static void write(Path file, float[] data, int[] shape) throws IOException {
    if (shape.length == 0) {
      throw new IllegalArgumentException("need at least one dimension");
    }
    int[] item = Arrays.copyOfRange(shape, 1, shape.length);
    int itemSize = Arrays.stream(item).reduce(1, (a, b) -> a * b);
    if ((long) itemSize * shape[0] != data.length) {
      throw new IllegalArgumentException(data.length + " values do not fit shape " + Arrays.toString(shape));
    }
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < shape[0]; i++) {
      rows.add(Arrays.copyOfRange(data, i * itemSize, (i + 1) * itemSize));
    }
    write(file, rows, item);
  }

  /** Reads a float32 ('<f4' or '>f4'), C-order .npy file of version 1.x or 2.x. */
  public static Array read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IllegalArgumentException(file + ": not an .npy file");
    }
    int major = bytes[6];
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = Short.toUnsignedInt(b.getShort(8));
      start = 10;
    } else if (major == 2 || major == 3) {
      headerLen = b.getInt(8);
      start = 12;
    } else {
      throw new IllegalArgumentException(file + ": unsupported .npy version " + major);
    }
    String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, file);
    if (!descr.equals("<f4") && !descr.equals(">f4")) {
      throw new IllegalArgumentException(file + ": dtype " + descr + " is not float32");
    }
    if (group(FORTRAN, header, file).equals("True")) {
      throw new IllegalArgumentException(file + ": Fortran order is not supported");
    }
    String dims = group(SHAPE, header, file).trim();
    int[] shape = dims.isEmpty() ? new int[0]
        : Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    long count = Arrays.stream(shape).asLongStream().reduce(1, (x, y) -> x * y);
    int dataStart = start + headerLen;
    if (bytes.length - dataStart != 4 * count) {
      throw new IllegalArgumentException(file + ": " + (bytes.length - dataStart) + " data bytes for shape "
          + Arrays.toString(shape));
    }
    float[] data = new float[(int) count];
    ByteBuffer.wrap(bytes, dataStart, 4 * (int) count).slice()
        .order(descr.startsWith("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).asFloatBuffer().get(data);
    return new Array(shape, descr, data);
  }

  private static String group(Pattern p, String header, Path file) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new IllegalArgumentException(file + ": .npy header lacks " + p.pattern());
    }
    return m.group(1);
  }
}
