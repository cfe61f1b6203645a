package art.empathic.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
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

  /** (N, T, H) to (N, H): the last time step or the mean over time (attention: {@link AttentionPool}). */
  static FunctionBlock timePool(Architecture.TimePooling pooling) {
    if (pooling == Architecture.TimePooling.ATTENTION) {
      throw new IllegalArgumentException("attention pooling has parameters: use new AttentionPool()");
    }
    UnaryOperator<NDArray> f = pooling == Architecture.TimePooling.LAST
        ? x -> x.get(":, -1, :")
        : x -> x.mean(new int[] {1});
    return new FunctionBlock(f, s -> new Shape(s.get(0), s.get(2)));
  }

  /** (N, B, T) to (N, 1, B, T): a (bands, frames) example as a one-channel image for Conv2D. */
  static FunctionBlock asImage() {
    return new FunctionBlock(x -> x.expandDims(1), s -> new Shape(s.get(0), 1, s.get(1), s.get(2)));
  }

  /** (N, C, B, T) to (N, T, C*B): each frame's channels and bands as one vector, in time order. */
  static FunctionBlock framesFromImage() {
    return new FunctionBlock(x -> {
      Shape s = x.getShape();
      return x.transpose(0, 3, 1, 2).reshape(s.get(0), s.get(3), s.get(1) * s.get(2));
    }, s -> new Shape(s.get(0), s.get(3), s.get(1) * s.get(2)));
  }

  /**
   * Attention pooling over time, (N, T, H) to (N, H): a score e_t = v . h_t + b per step (one
   * linear unit shared over time), weights a = softmax_t(e), output sum_t a_t h_t. The network
   * learns which frames carry the emotion instead of trusting the last step or all alike.
   */
  static final class AttentionPool extends AbstractBlock {
    private final Linear score;

    AttentionPool() {
      super((byte) 1);
      score = addChildBlock("score", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      NDArray h = inputs.singletonOrThrow();
      NDArray a = weights(ps, h, training);
      return new NDList(h.mul(a.expandDims(2)).sum(new int[] {1}));
    }

    /** The attention weights, (N, T); each row sums to 1. */
    NDArray weights(ParameterStore ps, NDArray h, boolean training) {
      Shape s = h.getShape();
      NDArray e = score.forward(ps, new NDList(h.reshape(s.get(0) * s.get(1), s.get(2))), training).singletonOrThrow();
      return e.reshape(s.get(0), s.get(1)).softmax(1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(2))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
      score.initialize(manager, dataType, new Shape(1, inputShapes[0].get(2)));
    }
  }
}
