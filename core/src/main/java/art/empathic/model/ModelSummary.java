package art.empathic.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The architecture summary of an initialised network, like Keras' {@code model.summary()}:
 * every layer's name, type, output shape (batch axis as null) and parameter count, and the
 * totals. Computed from the real blocks, so it cannot drift from the model.
 */
public record ModelSummary(
    String model,
    @JsonProperty("input_shape") List<Long> inputShape,
    List<Row> layers,
    @JsonProperty("total_params") long totalParams,
    @JsonProperty("trainable_params") long trainableParams,
    @JsonProperty("non_trainable_params") long nonTrainableParams) {

  /** One layer. {@code outputShape} has null for the batch axis. */
  public record Row(String name, String type, @JsonProperty("output_shape") List<Long> outputShape,
      long params, boolean trainable) {}

  /** Summarises a network whose parameters are initialised. */
  public static ModelSummary of(Network network) {
    List<Row> rows = new ArrayList<>();
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
      rows.add(new Row(layer.name(), layer.type(), withNullBatch(shape), params, anyTrainable));
    }
    return new ModelSummary(network.architecture().family().cliName(), withNullBatch(network.batchShape(1)),
        rows, total, trainable, total - trainable);
  }

  private static List<Long> withNullBatch(Shape s) {
    List<Long> dims = new ArrayList<>(Arrays.stream(s.getShape()).boxed().toList());
    dims.set(0, null);
    return dims;
  }
}
