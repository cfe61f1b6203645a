package art.empathic.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NetworkTest {
  static Shape exampleShape(ModelFamily f) {
    return f.isSequenceModel() ? new Shape(40, 100) : new Shape(f == ModelFamily.MLP ? 40 : 128);
  }

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void summaryShapesAreTheShapesOfTheRealForwardPass(ModelFamily family) {
    Network net = Network.build(Architecture.defaults(family), exampleShape(family), 7);
    try (NDManager m = NDManager.newBaseManager()) {
      InitScheme.defaultFor(family).initialize(net, m, 1);
      ModelSummary summary = ModelSummary.of(net);
      NDArray x = m.randomNormal(net.batchShape(3));
      ParameterStore ps = new ParameterStore(m, false);
      List<List<Long>> actual = new ArrayList<>();
      for (Network.Layer layer : net.layers()) {
        x = layer.block().forward(ps, new NDList(x), false).singletonOrThrow();
        List<Long> dims = new ArrayList<>();
        for (long d : x.getShape().getShape()) {
          dims.add(d);
        }
        dims.set(0, null);
        actual.add(dims);
      }
      assertThat(summary.layers()).extracting(ModelSummary.Layer::outputShape).containsExactlyElementsOf(actual);
      assertThat(x.getShape()).isEqualTo(new Shape(3, 7));
      assertThat(summary.totalParams()).isEqualTo(summary.layers().stream().mapToLong(ModelSummary.Layer::params).sum());
    }
  }

  @Test
  void baselineCnnHasTheStudysLayerTableAndParameterCounts() {
    Network net = Network.build(Architecture.defaults(ModelFamily.BASELINE_CNN), new Shape(128), 7);
    try (NDManager m = NDManager.newBaseManager()) {
      InitScheme.TORCH_DEFAULT.initialize(net, m, 1);
      ModelSummary s = ModelSummary.of(net);
      assertThat(s.layers()).extracting(ModelSummary.Layer::type).containsExactly("Dense (ReLU)", "Dropout",
          "Dense (ReLU)", "Dropout", "Flatten", "Dropout", "Dense (softmax)");
      assertThat(s.layers()).extracting(ModelSummary.Layer::name).containsExactly("dense", "dropout", "dense_1",
          "dropout_1", "flatten", "dropout_2", "dense_2");
      // Keras counts: 128*256+256, 256*256+256, 256*7+7.
      assertThat(s.layers()).extracting(ModelSummary.Layer::params).containsExactly(33024L, 0L, 65792L, 0L, 0L, 0L, 1799L);
      assertThat(s.totalParams()).isEqualTo(100615L);
      assertThat(s.nonTrainableParams()).isZero();
    }
  }

  @Test
  void paperModelCountsBatchNormStatisticsAsNonTrainable() {
    Network net = Network.build(Architecture.defaults(ModelFamily.CNN_LSTM_PAPER), new Shape(40, 100), 7);
    try (NDManager m = NDManager.newBaseManager()) {
      InitScheme.TORCH_DEFAULT.initialize(net, m, 1);
      ModelSummary s = ModelSummary.of(net);
      // Running mean and variance of BatchNorm over 64 + 64 + 128 + 128 channels.
      assertThat(s.nonTrainableParams()).isEqualTo(2L * (64 + 64 + 128 + 128));
      ModelSummary.Layer conv = s.layers().get(0);
      assertThat(conv.params()).isEqualTo(40L * 3 * 64 + 64);
      ModelSummary.Layer lstm = s.layers().stream().filter(r -> r.type().equals("LSTM")).findFirst().orElseThrow();
      // PyTorch/DJL LSTM: 4H(in + H) weights and two 4H bias vectors.
      assertThat(lstm.params()).isEqualTo(4L * 256 * (128 + 256) + 2L * 4 * 256);
    }
  }

  @Test
  void tooFewFramesForThePoolingIsAClearError() {
    assertThatThrownBy(() -> Network.build(Architecture.defaults(ModelFamily.CNN_LSTM_PAPER), new Shape(40, 8), 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    assertThatThrownBy(() -> Network.build(Architecture.defaults(ModelFamily.MLP), new Shape(40, 8), 7))
        .hasMessageContaining("expects examples of shape (features)");
    assertThatThrownBy(() -> ModelFamily.fromCliName("transformer")).hasMessageContaining("unknown model 'transformer'");
  }
}
