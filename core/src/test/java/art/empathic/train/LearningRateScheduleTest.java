package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void oneCycleEqualsPyTorchsOneCycleLr() {
    // Printed by torch 1.13: OneCycleLR(Adam, max_lr=3e-3, total_steps=100, cycle_momentum=False),
    // the optimizer's lr at steps 0, 10, 29, 50 and 99.
    LearningRateSchedule s = new LearningRateSchedule(TrainSettings.Schedule.ONE_CYCLE, 3e-3, 100);
    double[] torch = {0.00011999999999999988, 0.0008854918453923021, 0.003, 0.002381680351727196, 1.2e-08};
    int[] steps = {0, 10, 29, 50, 99};
    for (int i = 0; i < steps.length; i++) {
      assertThat(s.at(steps[i])).as("step %d", steps[i]).isCloseTo(torch[i], offset(1e-15));
    }
    // DJL counts updates from 1.
    assertThat(s.getNewValue(1)).isEqualTo((float) s.at(0));
  }

  @Test
  void constantAndCosine() {
    assertThat(new LearningRateSchedule(TrainSettings.Schedule.CONSTANT, 1e-3, 10).at(7)).isEqualTo(1e-3);
    LearningRateSchedule c = new LearningRateSchedule(TrainSettings.Schedule.COSINE, 1e-3, 11);
    assertThat(c.at(0)).isCloseTo(1e-3, offset(1e-15));
    assertThat(c.at(5)).isCloseTo((1e-3 + 1e-3 / 25 / 1e4) / 2, offset(1e-12));
    assertThat(c.at(10)).isCloseTo(1e-3 / 25 / 1e4, offset(1e-15));
  }
}
