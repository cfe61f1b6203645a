package art.empathic.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import art.empathic.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log-mel CRNN (issue 14, round 5a): its layers, shapes, attention pooling and spec JSON. */
class LogmelCrnnTest {
  private static final Shape RECIPE_INPUT = new Shape(64, 96); // 64 mel bands, the recipe's 96-frame window

  @Test
  void theDefaultNetworkHasConvBlocksAGruAndAttentionPoolingWithKnownParameterCounts() {
    Network net = Network.build(Architecture.defaults(ModelFamily.LOGMEL_CRNN), RECIPE_INPUT, 7);
    try (NDManager m = NDManager.newBaseManager()) {
      InitScheme.defaultFor(ModelFamily.LOGMEL_CRNN).initialize(net, m, 3);
      ModelSummary s = ModelSummary.of(net);
      assertThat(s.layers()).extracting(ModelSummary.Layer::type).containsSequence("Conv2D 3x3", "BatchNormalization",
          "Activation (ReLU)", "MaxPooling2D");
      assertThat(s.layers()).extracting(ModelSummary.Layer::type).endsWith("Reshape (frames, channels x bands)", "Dropout",
          "GRU", "AttentionPooling", "Dropout", "Dense (softmax)");
      // Conv2D 1 -> 8 -> 16 -> 32 filters of 3x3 with biases.
      assertThat(s.layers()).filteredOn(l -> l.type().equals("Conv2D 3x3")).extracting(ModelSummary.Layer::params)
          .containsExactly(9L * 8 + 8, 9L * 8 * 16 + 16, 9L * 16 * 32 + 32);
      // After three 2x2 pools: 32 channels x 8 bands per frame, 12 frames; GRU 3H(in + H) + two 3H biases.
      ModelSummary.Layer gru = s.layers().stream().filter(l -> l.type().equals("GRU")).findFirst().orElseThrow();
      assertThat(gru.params()).isEqualTo(3L * 64 * (256 + 64) + 2L * 3 * 64);
      ModelSummary.Layer attention = s.layers().stream().filter(l -> l.type().equals("AttentionPooling")).findFirst()
          .orElseThrow();
      assertThat(attention.params()).isEqualTo(64L + 1);
      assertThat(attention.outputShape()).containsExactly(null, 64L);
      // Conv 5,888 + BatchNorm 2 x 2 x 56 + GRU 61,824 + attention 65 + dense 455 (docs/MODELS.md).
      assertThat(s.totalParams()).isEqualTo(68_456L);
      assertThat(s.nonTrainableParams()).isEqualTo(2L * (8 + 16 + 32));

      NDArray x = m.randomNormal(net.batchShape(5));
      NDArray logits = net.block().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
      assertThat(logits.getShape()).isEqualTo(new Shape(5, 7));
    }
  }

  @Test
  void attentionWeightsArePositiveSumToOnePerExampleAndPoolTheSteps() {
    Layers.AttentionPool pool = new Layers.AttentionPool();
    try (NDManager m = NDManager.newBaseManager()) {
      pool.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(3, 10, 6));
      ParameterStore ps = new ParameterStore(m, false);
      NDArray h = m.randomNormal(new Shape(3, 10, 6));
      NDArray a = pool.weights(ps, h, false);
      assertThat(a.getShape()).isEqualTo(new Shape(3, 10));
      float[] sums = a.sum(new int[] {1}).toFloatArray();
      for (float sum : sums) {
        assertThat(sum).isCloseTo(1f, offset(1e-5f));
      }
      for (float w : a.toFloatArray()) {
        assertThat(w).isPositive();
      }
      // The output is the weighted sum of the steps: check one example and one unit by hand.
      float[] out = pool.forward(ps, new NDList(h), false).singletonOrThrow().toFloatArray();
      float[] hv = h.toFloatArray();
      float[] av = a.toFloatArray();
      double expected = 0;
      for (int t = 0; t < 10; t++) {
        expected += av[10 + t] * hv[(10 + t) * 6 + 2]; // example 1, unit 2
      }
      assertThat(out[6 + 2]).isCloseTo((float) expected, offset(1e-5f));
      // Identical steps get identical weights: attention over a constant sequence is the mean.
      NDArray same = m.ones(new Shape(1, 4, 6));
      assertThat(pool.weights(ps, same, false).toFloatArray()).containsOnly(0.25f);
    }
  }

  @Test
  void theArchitectureRoundTripsThroughSpecJsonAndRejectsBadSizes() throws Exception {
    Architecture a = Architecture.defaults(ModelFamily.LOGMEL_CRNN);
    String json = Json.COMPACT.writeValueAsString(a);
    assertThat(json).contains("\"family\":\"logmel_crnn\"").contains("ATTENTION");
    assertThat(Json.MAPPER.readValue(json, Architecture.class)).isEqualTo(a);
    assertThatThrownBy(() -> new Architecture.LogmelCrnn(List.of(), 8, 0, Architecture.TimePooling.ATTENTION))
        .hasMessageContaining("filter counts");
    assertThatThrownBy(() -> new Architecture.LogmelCrnn(List.of(8), 0, 0, Architecture.TimePooling.LAST))
        .hasMessageContaining("needs a recurrent layer");
    // Without a GRU the attention pools the conv features of each frame directly.
    Network noGru = Network.build(new Architecture.LogmelCrnn(List.of(4), 0, 0, Architecture.TimePooling.ATTENTION),
        new Shape(8, 16), 3);
    assertThat(noGru.layers()).extracting(Network.Layer::type).doesNotContain("GRU").contains("AttentionPooling");
    assertThatThrownBy(() -> Network.build(Architecture.defaults(ModelFamily.LOGMEL_CRNN), new Shape(4, 96), 7))
        .hasMessageContaining("too small");
  }
}
