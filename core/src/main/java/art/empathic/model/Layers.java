package art.empathic.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/** Small parameter-free blocks the architectures need, each with an exact output shape. */
final class Layers {
  private Layers() {}

  /** An element-wise or reshaping function with a known output shape and no parameters. */
  static final class FunctionBlock extends AbstractBlock {
    private final UnaryOperator<NDArray> function;
    private final UnaryOperator<Shape> shapeFunction;

    FunctionBlock(UnaryOperator<NDArray> function, UnaryOperator<Shape> shapeFunction) {
      super((byte) 1);
      this.function = function;
      this.shapeFunction = shapeFunction;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      return new NDList(function.apply(inputs.singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {shapeFunction.apply(inputShapes[0])};
    }
  }

  static FunctionBlock relu() {
    return new FunctionBlock(Activation::relu, s -> s);
  }

  static FunctionBlock elu() {
    return new FunctionBlock(x -> Activation.elu(x, 1f), s -> s);
  }

  /** (N, C, T) to (N, T, C): convolution layout to recurrent layout. */
  static FunctionBlock channelsLast() {
    return new FunctionBlock(x -> x.transpose(0, 2, 1), s -> new Shape(s.get(0), s.get(2), s.get(1)));
  }

  /** Flattens everything but the batch axis (a no-op on (N, D), kept for the study's layer table). */
  static FunctionBlock flatten() {
    return new FunctionBlock(x -> x.reshape(x.getShape().get(0), -1),
        s -> new Shape(s.get(0), s.size() / s.get(0)));
  }

  /** (N, T, H) to (N, H): the last time step or the mean over time. */
  static FunctionBlock timePool(Architecture.TimePooling pooling) {
    UnaryOperator<NDArray> f = pooling == Architecture.TimePooling.LAST
        ? x -> x.get(":, -1, :")
        : x -> x.mean(new int[] {1});
    return new FunctionBlock(f, s -> new Shape(s.get(0), s.get(2)));
  }
}
