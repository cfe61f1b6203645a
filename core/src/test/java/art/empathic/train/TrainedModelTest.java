package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import art.empathic.model.Network;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainedModelTest {
  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void aSavedModelPredictsExactlyWhatTheTrainedOneDid(ModelFamily family) throws IOException {
    ExampleSet train = FitterTest.toy(family, 42, 11);
    Architecture arch = FitterTest.smallArchitecture(family);
    Shape shape = new Shape(train.exampleShape());
    float[][] expected;
    byte[] params;
    try (Fitter f = new Fitter(Network.build(arch, shape, 7), FitterTest.settings(3, 5))) {
      f.fit(FitRequest.of(train).build());
      expected = f.predictProbabilities(train);
      params = f.saveParameters();
    }
    try (TrainedModel m = TrainedModel.load(Network.build(arch, shape, 7), params)) {
      assertThat(m.predict(train.x())).isDeepEqualTo(expected);
    }
    Architecture other = switch (family) {
      case MLP -> new Architecture.Mlp(List.of(33), 0);
      // The default CRNN pools the toy's 4 bands away; a wider GRU is the same layers with other shapes.
      case LOGMEL_CRNN -> new Architecture.LogmelCrnn(List.of(4, 8), 12, 0.0, Architecture.TimePooling.ATTENTION);
      default -> Architecture.defaults(family);
    };
    assertThatThrownBy(() -> TrainedModel.load(Network.build(other, shape, 7), params))
        .hasMessageContaining("do not fit");
  }
}
