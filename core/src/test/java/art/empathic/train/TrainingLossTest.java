package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLossTest {
  @Test
  void mlpLossWithAlphaFollowsScikitLearnsFormula() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Two samples, three classes. Logits chosen so the softmax is easy to write out.
      NDArray logits = m.create(new float[] {0, 0, 0, 2, 0, 0}, new Shape(2, 3));
      NDArray targets = m.create(new float[] {1, 0, 0, 0, 0, 1}, new Shape(2, 3));
      Parameter w1 = weight(m, new float[] {1, -2, 3, 0.5f}, "w1");
      Parameter w2 = weight(m, new float[] {-1, 1}, "w2");
      double alpha = 0.01;
      // Sample 1: uniform softmax, -log(1/3). Sample 2: true class has logit 0 vs (2, 0, 0).
      double ce1 = Math.log(3);
      double ce2 = -Math.log(1 / (Math.exp(2) + 2));
      double squares = 1 + 4 + 9 + 0.25 + 1 + 1; // sum of W^2 over both matrices, biases excluded
      double expected = (ce1 + ce2) / 2 + 0.5 * alpha * squares / 2;
      double actual = TrainingLoss.compute(logits, targets, List.of(w1, w2), alpha).getFloat();
      assertThat(actual).isCloseTo(expected, offset(1e-6));
      double withoutPenalty = TrainingLoss.compute(logits, targets, List.of(w1, w2), 0).getFloat();
      assertThat(withoutPenalty).isCloseTo((ce1 + ce2) / 2, offset(1e-6));
    }
  }

  @Test
  void aMaskRestrictsTheSoftmaxToTheClassesOfTheClipsCorpus() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {1, 2, 3, 0.5f, 0, 4}, new Shape(2, 3));
      NDArray targets = m.create(new float[] {1, 0, 0, 0, 1, 0}, new Shape(2, 3));
      float x = TrainingLoss.EXCLUDED;
      // Clip 1's corpus lacks class 3; clip 2's lacks class 1 (indices 2 and 0).
      NDArray mask = m.create(new float[] {0, 0, x, x, 0, 0}, new Shape(2, 3));
      double ce1 = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2)));
      double ce2 = -Math.log(Math.exp(0) / (Math.exp(0) + Math.exp(4)));
      double actual = TrainingLoss.compute(logits, mask, targets, List.of(), 0).getFloat();
      assertThat(actual).isCloseTo((ce1 + ce2) / 2, offset(1e-5));
      double unmasked = TrainingLoss.compute(logits, null, targets, List.of(), 0).getFloat();
      assertThat(unmasked).isGreaterThan(actual + 0.1);
    }
  }

  @Test
  void penaltyAloneIsTheL2TermOfTheLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      Parameter w1 = weight(m, new float[] {1, -2, 3, 0.5f}, "w1");
      Parameter w2 = weight(m, new float[] {-1, 1}, "w2");
      assertThat(TrainingLoss.penalty(List.of(w1, w2), 0.01, 2)).isCloseTo(0.5 * 0.01 * 16.25 / 2, offset(1e-7));
    }
  }

  private static Parameter weight(NDManager m, float[] values, String name) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    p.setArray(m.create(values));
    return p;
  }
}
