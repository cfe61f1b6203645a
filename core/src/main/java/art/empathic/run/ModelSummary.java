package art.empathic.run;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import art.empathic.io.Json;

/**
 * {@code summary.json}: the architecture of the trained model, layer by layer, computed by
 * the trainer from the real model.
 *
 * @param inputShape the input shape, {@code null} for the batch dimension
 */
public record ModelSummary(String model, List<Integer> inputShape, List<Layer> layers,
    long totalParams, long trainableParams, long nonTrainableParams) {

  public static final String FILE = "summary.json";

  /** Columns of Keras' classic summary (tf.keras 2.0-2.8, sequential models): 65 characters. */
  private static final int LINE_LENGTH = 65;
  private static final int[] POSITIONS = {(int) (LINE_LENGTH * 0.45), (int) (LINE_LENGTH * 0.85), LINE_LENGTH};

  public ModelSummary {
    inputShape = inputShape == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(inputShape));
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /**
   * One layer.
   *
   * @param outputShape output shape with {@code null} for the batch dimension; null if unknown
   */
  public record Layer(String name, String type, List<Integer> outputShape, long params, Boolean trainable) {}

  public static ModelSummary read(Path runDir) throws IOException {
    return Json.read(runDir.resolve(FILE), ModelSummary.class);
  }

  /**
   * The summary as Keras' {@code model.summary()} prints it for a sequential model (the
   * classic tf.keras layout: 65 columns, fields cut at columns 29 and 55, a rule of
   * underscores between layers, parameter totals with thousands separators).
   */
  public String toKerasText() {
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model).append("\"\n");
    sb.append("_".repeat(LINE_LENGTH)).append('\n');
    kerasRow(sb, "Layer (type)", "Output Shape", "Param #");
    sb.append("=".repeat(LINE_LENGTH)).append('\n');
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      kerasRow(sb, l.name() + " (" + l.type() + ")", pythonTuple(l.outputShape()), Long.toString(l.params()));
      sb.append((i == layers.size() - 1 ? "=" : "_").repeat(LINE_LENGTH)).append('\n');
    }
    if (layers.isEmpty()) {
      sb.append("=".repeat(LINE_LENGTH)).append('\n');
    }
    sb.append("Total params: ").append(thousands(totalParams)).append('\n');
    sb.append("Trainable params: ").append(thousands(trainableParams)).append('\n');
    sb.append("Non-trainable params: ").append(thousands(nonTrainableParams)).append('\n');
    sb.append("_".repeat(LINE_LENGTH)).append('\n');
    return sb.toString();
  }

  /** Keras' print_row: each field is cut at its end column, the previous field's last char becomes a space. */
  private static void kerasRow(StringBuilder out, String... fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.setLength(line.length() - 1);
        line.append(' ');
      }
      line.append(fields[i]);
      if (line.length() > POSITIONS[i]) {
        line.setLength(POSITIONS[i]);
      }
      line.append(" ".repeat(POSITIONS[i] - line.length()));
    }
    out.append(line).append('\n');
  }

  /** Python's repr of a shape tuple: (None, 298, 64), (None,), or "multiple" when unknown. */
  public static String pythonTuple(List<Integer> shape) {
    if (shape == null) {
      return "multiple";
    }
    String inner = shape.stream().map(d -> d == null ? "None" : d.toString()).collect(Collectors.joining(", "));
    return "(" + inner + (shape.size() == 1 ? ",)" : ")");
  }

  static String thousands(long n) {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
  }

  /** Checks that the layer counts add up to the totals; returns a problem description or null. */
  public String inconsistency() {
    long sum = layers.stream().mapToLong(Layer::params).sum();
    if (sum != totalParams) {
      return "layer parameters add up to " + thousands(sum) + ", total says " + thousands(totalParams);
    }
    if (trainableParams + nonTrainableParams != totalParams) {
      return "trainable + non-trainable = " + thousands(trainableParams + nonTrainableParams)
          + ", total says " + thousands(totalParams);
    }
    return null;
  }
}
