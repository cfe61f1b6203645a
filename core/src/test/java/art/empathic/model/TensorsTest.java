package art.empathic.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TensorsTest {
  @Test
  void valuesAndShapeSurviveTheAlignedCopy() {
    float[] values = new float[3 * 5 * 7];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25f - 3;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      for (int round = 0; round < 20; round++) { // many allocations: any address malloc hands out
        NDArray a = Tensors.floats(m, values, new Shape(3, 5, 7));
        assertThat(a.getShape()).isEqualTo(new Shape(3, 5, 7));
        assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(a.toFloatArray()).containsExactly(values);
        // PyTorch reads it in place: arithmetic on it sees the same numbers.
        assertThat(a.sum().getFloat()).isEqualTo(sum(values));
      }
    }
  }

  @Test
  void aShapeThatDoesNotFitIsRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> Tensors.floats(m, new float[6], new Shape(2, 4)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 values");
    }
  }

  private static float sum(float[] values) {
    float s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }
}
