package art.empathic.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model family's network, built from its {@link Architecture} for one example shape and class
 * count: a {@link SequentialBlock} whose children are the named layers of the summary.
 *
 * <p>Examples are {@code (features)} for the pooled families and {@code (channels, frames)} for
 * the sequence families (DJL's NCW convolution layout). The network outputs logits; softmax is
 * part of the loss and of prediction.
 */
public final class Network {
  /** One row of the layer table: a Keras-style name, a type, and the child block. */
  public record Layer(String name, String type, Block block) {}

  private final Architecture architecture;
  private final Shape exampleShape;
  private final int classes;
  private final SequentialBlock block = new SequentialBlock();
  private final List<Layer> layers = new ArrayList<>();
  private final List<Linear> denseLayers = new ArrayList<>();
  private final Map<String, Integer> nameCounts = new HashMap<>();

  private Network(Architecture architecture, Shape exampleShape, int classes) {
    this.architecture = architecture;
    this.exampleShape = exampleShape;
    this.classes = classes;
  }

  /** Builds the network; fails with a clear message if the input is too small for it. */
  public static Network build(Architecture architecture, Shape exampleShape, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
    }
    boolean sequence = architecture.family().isSequenceModel();
    if (sequence && exampleShape.dimension() != 2 || !sequence && exampleShape.dimension() != 1) {
      throw new IllegalArgumentException(architecture.family() + " expects examples of shape "
          + (sequence ? "(channels, frames)" : "(features)") + ", got " + exampleShape);
    }
    Network n = new Network(architecture, exampleShape, classes);
    if (architecture instanceof Architecture.Mlp a) {
      n.mlp(a);
    } else if (architecture instanceof Architecture.BaselineCnn a) {
      n.baselineCnn(a);
    } else if (architecture instanceof Architecture.CnnLstm a) {
      n.cnnLstm(a);
    } else if (architecture instanceof Architecture.PaperCnnLstm a) {
      n.paperCnnLstm(a);
    } else if (architecture instanceof Architecture.LogmelCrnn a) {
      n.logmelCrnn(a);
    }
    n.checkShapes();
    return n;
  }

  private void mlp(Architecture.Mlp a) {
    for (int h : a.hidden()) {
      dense(h, "relu");
    }
    dense(classes, "softmax");
  }

  private void baselineCnn(Architecture.BaselineCnn a) {
    dense(a.units(), "relu");
    add("dropout", "Dropout", Dropout.builder().optRate(a.dropouts().get(0).floatValue()).build());
    dense(a.units(), "relu");
    add("dropout", "Dropout", Dropout.builder().optRate(a.dropouts().get(1).floatValue()).build());
    add("flatten", "Flatten", Layers.flatten());
    add("dropout", "Dropout", Dropout.builder().optRate(a.dropouts().get(2).floatValue()).build());
    dense(classes, "softmax");
  }

  private void cnnLstm(Architecture.CnnLstm a) {
    for (int f : a.filters()) {
      convBlock(f, a.kernel(), a.pool(), false);
    }
    recurrentHead(a.lstmUnits(), a.dropout(), a.timePooling());
  }

  private void paperCnnLstm(Architecture.PaperCnnLstm a) {
    for (int i = 0; i < a.filters().size(); i++) {
      convBlock(a.filters().get(i), a.kernel(), a.pools().get(i), true);
    }
    recurrentHead(a.lstmUnits(), a.dropout(), a.timePooling());
  }

  private void logmelCrnn(Architecture.LogmelCrnn a) {
    add("reshape", "Reshape (1, bands, frames)", Layers.asImage());
    for (int f : a.filters()) {
      add("conv2d", "Conv2D 3x3", Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(f)
          .optPadding(new Shape(1, 1)).build());
      add("batch_normalization", "BatchNormalization", BatchNorm.builder().build());
      add("activation", "Activation (ReLU)", Layers.relu());
      add("max_pooling2d", "MaxPooling2D", Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
    }
    add("reshape", "Reshape (frames, channels x bands)", Layers.framesFromImage());
    if (a.dropout() > 0) {
      add("dropout", "Dropout", Dropout.builder().optRate((float) a.dropout()).build());
    }
    if (a.gruUnits() > 0) {
      add("gru", "GRU", GRU.builder().setStateSize(a.gruUnits()).setNumLayers(1).optBatchFirst(true)
          .optReturnState(false).build());
    }
    timePooling(a.timePooling());
    if (a.dropout() > 0) {
      add("dropout", "Dropout", Dropout.builder().optRate((float) a.dropout()).build());
    }
    dense(classes, "softmax");
  }

  private void timePooling(Architecture.TimePooling pooling) {
    switch (pooling) {
      case LAST -> add("last_step", "LastTimeStep", Layers.timePool(pooling));
      case MEAN -> add("time_mean", "GlobalAveragePooling1D", Layers.timePool(pooling));
      case ATTENTION -> add("attention_pool", "AttentionPooling", new Layers.AttentionPool());
    }
  }

  private void convBlock(int filters, int kernel, int pool, boolean elu) {
    add("conv1d", "Conv1D", Conv1d.builder().setKernelShape(new Shape(kernel)).setFilters(filters)
        .optPadding(new Shape(kernel / 2)).build());
    add("batch_normalization", "BatchNormalization", BatchNorm.builder().build());
    add("activation", elu ? "Activation (ELU)" : "Activation (ReLU)", elu ? Layers.elu() : Layers.relu());
    if (pool > 1) {
      add("max_pooling1d", "MaxPooling1D", Pool.maxPool1dBlock(new Shape(pool), new Shape(pool)));
    }
  }

  private void recurrentHead(int units, double dropout, Architecture.TimePooling pooling) {
    add("permute", "Permute", Layers.channelsLast());
    if (dropout > 0) {
      add("dropout", "Dropout", Dropout.builder().optRate((float) dropout).build());
    }
    add("lstm", "LSTM", LSTM.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true)
        .optReturnState(false).build());
    timePooling(pooling);
    if (dropout > 0) {
      add("dropout", "Dropout", Dropout.builder().optRate((float) dropout).build());
    }
    dense(classes, "softmax");
  }

  private void dense(int units, String activation) {
    Linear linear = Linear.builder().setUnits(units).build();
    denseLayers.add(linear);
    if (activation.equals("relu")) {
      SequentialBlock withActivation = new SequentialBlock().add(linear).add(Layers.relu());
      add("dense", "Dense (ReLU)", withActivation);
    } else {
      add("dense", "Dense (softmax)", linear);
    }
  }

  private void add(String baseName, String type, Block child) {
    int k = nameCounts.merge(baseName, 1, Integer::sum);
    layers.add(new Layer(k == 1 ? baseName : baseName + "_" + (k - 1), type, child));
    block.add(child);
  }

  /** Propagates the example shape through every layer so a too-short input fails at build time. */
  private void checkShapes() {
    Shape s = batchShape(1);
    for (Layer l : layers) {
      try {
        s = l.block().getOutputShapes(new Shape[] {s})[0];
      } catch (RuntimeException e) { // DJL's pooling shape inference runs the op and fails on empty output
        throw new IllegalArgumentException(architecture.family() + ": input " + exampleShape
            + " is too small for layer " + l.name() + " (use more frames or fewer/smaller pooling steps)", e);
      }
      for (long d : s.getShape()) {
        if (d <= 0) {
          throw new IllegalArgumentException(architecture.family() + ": input " + exampleShape
              + " is too small: layer " + l.name() + " would output " + s
              + " (use more frames or fewer/smaller pooling steps)");
        }
      }
    }
  }

  /**
   * Loads parameters written by {@code block().saveParameters} and checks that every array has
   * the shape this network expects (DJL itself does not check).
   */
  public void loadParameters(ai.djl.ndarray.NDManager manager, byte[] parameters) {
    List<Shape> expected = new ArrayList<>();
    block.getParameters().forEach(p -> expected.add(p.getValue().getArray().getShape()));
    try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(parameters))) {
      block.loadParameters(manager, in);
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing data after the parameters");
      }
    } catch (java.io.IOException | ai.djl.MalformedModelException e) {
      throw new IllegalArgumentException("model parameters do not fit the architecture: " + e.getMessage(), e);
    }
    int i = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Shape actual = p.getValue().getArray().getShape();
      if (!actual.equals(expected.get(i++))) {
        throw new IllegalArgumentException("model parameters do not fit the architecture: " + p.getKey()
            + " has shape " + actual + ", expected " + expected.get(i - 1));
      }
    }
  }

  /** The example shape with a batch axis in front. */
  public Shape batchShape(long batch) {
    return new Shape(batch).addAll(exampleShape);
  }

  public Architecture architecture() {
    return architecture;
  }

  public Shape exampleShape() {
    return exampleShape;
  }

  public int classes() {
    return classes;
  }

  public SequentialBlock block() {
    return block;
  }

  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /**
   * The dense layers in network order (for an {@link Architecture.Mlp}, the hidden ReLU layers and
   * then the output layer: all its parameters).
   */
  public List<Linear> denseLayers() {
    return List.copyOf(denseLayers);
  }

  /** The weight matrices of the dense layers (the MLP's L2 penalty applies to these only). */
  public List<Parameter> denseWeights() {
    List<Parameter> weights = new ArrayList<>();
    for (Linear l : denseLayers) {
      for (Pair<String, Parameter> p : l.getParameters()) {
        if (p.getValue().getType() == Parameter.Type.WEIGHT) {
          weights.add(p.getValue());
        }
      }
    }
    return weights;
  }
}
