package art.empathic.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A run's {@code summary.json}, written by the trainer and read by reports alike: the
 * architecture of an initialised network, like Keras' {@code model.summary()}: every layer's
 * name, type, output shape (batch axis as null) and parameter count, and the totals. Computed
 * from the real blocks ({@link #of(Network)}), so it cannot drift from the model.
 *
 * @param inputShape the input shape, {@code null} for the batch dimension
 */
public record ModelSummary(
    String model,
    @JsonProperty("input_shape") List<Long> inputShape,
    List<Layer> layers,
    @JsonProperty("total_params") long totalParams,
    @JsonProperty("trainable_params") long trainableParams,
    @JsonProperty("non_trainable_params") long nonTrainableParams) {

  /** Columns of Keras' classic summary (tf.keras 2.0-2.8, sequential models): 65 characters. */
  private static final int LINE_LENGTH = 65;
  private static final int[] POSITIONS = {(int) (LINE_LENGTH * 0.45), (int) (LINE_LENGTH * 0.85), LINE_LENGTH};

  public ModelSummary {
    inputShape = inputShape == null ? null : Collections.unmodifiableList(new ArrayList<>(inputShape));
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /**
   * One layer.
   *
   * @param outputShape output shape with {@code null} for the batch axis; null if unknown
   * @param trainable whether any of its parameters is trained; null if unknown
   */
  public record Layer(String name, String type, @JsonProperty("output_shape") List<Long> outputShape,
      long params, Boolean trainable) {}

  /** Summarises a network whose parameters are initialised. */
  public static ModelSummary of(Network network) {
    List<Layer> rows = new ArrayList<>();
    Shape shape = network.batchShape(1);
    long total = 0;
    long trainable = 0;
    for (Network.Layer layer : network.layers()) {
      shape = layer.block().getOutputShapes(new Shape[] {shape})[0];
      long params = 0;
      boolean anyTrainable = false;
      for (Pair<String, Parameter> p : layer.block().getParameters()) {
        Parameter param = p.getValue();
        if (!param.isInitialized()) {
          throw new IllegalStateException("summary needs an initialised network: " + layer.name() + " is not");
        }
        long n = param.getArray().size();
        params += n;
        if (param.requiresGradient()) {
          trainable += n;
          anyTrainable = true;
        }
      }
      total += params;
      rows.add(new Layer(layer.name(), layer.type(), withNullBatch(shape), params, anyTrainable));
    }
    return new ModelSummary(network.architecture().family().cliName(), withNullBatch(network.batchShape(1)),
        rows, total, trainable, total - trainable);
  }

  private static List<Long> withNullBatch(Shape s) {
    List<Long> dims = new ArrayList<>(Arrays.stream(s.getShape()).boxed().toList());
    dims.set(0, null);
    return dims;
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
  public static String pythonTuple(List<? extends Number> shape) {
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
