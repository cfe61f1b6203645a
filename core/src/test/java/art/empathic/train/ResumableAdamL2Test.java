package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResumableAdamL2Test {
  private static final float[] WEIGHTS = {0.5f, -1.25f, 2f, 0.1f};
  private static final float[] GRADIENT = {0.3f, 0.2f, -0.7f, 0.05f};

  @Test
  void theL2TermInTheUpdateEqualsAddingItsGradientToTheLoss() {
    float c = 0.01f / 7; // alpha / batch size
    try (NDManager m = NDManager.newBaseManager()) {
      ResumableAdam fused = ResumableAdam.builder().l2Parameters(Set.of("w")).build();
      ResumableAdam explicit = ResumableAdam.builder().build();
      fused.setL2Coefficient(c);
      NDArray a = m.create(WEIGHTS);
      NDArray b = m.create(WEIGHTS);
      for (int step = 0; step < 3; step++) {
        fused.update("w", a, m.create(GRADIENT));
        // d/dW of 0.5 * alpha * sum(W^2) / n is (alpha / n) * W
        explicit.update("w", b, m.create(GRADIENT).add(b.mul(c)));
      }
      float[] x = a.toFloatArray();
      float[] y = b.toFloatArray();
      for (int i = 0; i < x.length; i++) {
        assertThat(x[i]).isCloseTo(y[i], offset(1e-7f));
        assertThat(x[i]).isNotEqualTo(WEIGHTS[i]);
      }
      fused.close();
      explicit.close();
    }
  }

  @Test
  void parametersOutsideTheL2SetAreUpdatedWithoutIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      ResumableAdam withL2 = ResumableAdam.builder().l2Parameters(Set.of("w")).build();
      ResumableAdam without = ResumableAdam.builder().build();
      withL2.setL2Coefficient(5f);
      NDArray bias = m.create(WEIGHTS);
      NDArray same = m.create(WEIGHTS);
      withL2.update("bias", bias, m.create(GRADIENT));
      without.update("bias", same, m.create(GRADIENT));
      assertThat(bias.toFloatArray()).containsExactly(same.toFloatArray());
      withL2.close();
      without.close();
    }
  }

  @Test
  void decoupledWeightDecayRefusesTheL2Term() {
    ResumableAdam.Builder adamW = ResumableAdam.builder().decoupledWeightDecay(true).optWeightDecays(0.01f)
        .l2Parameters(Set.of("w"));
    assertThatThrownBy(adamW::build).isInstanceOf(IllegalStateException.class);
  }
}
