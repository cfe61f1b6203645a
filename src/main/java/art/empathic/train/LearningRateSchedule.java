package art.empathic.train;

import ai.djl.training.tracker.Tracker;

/** The learning rate at each optimiser step for a {@link TrainSettings.Schedule}. */
final class LearningRateSchedule implements Tracker {
  private static final double WARMUP_FRACTION = 0.3;
  private static final double FINAL_FRACTION = 1e-3;
  private final TrainSettings.Schedule schedule;
  private final double peak;
  private final long totalSteps;

  LearningRateSchedule(TrainSettings.Schedule schedule, double peak, long totalSteps) {
    this.schedule = schedule;
    this.peak = peak;
    this.totalSteps = Math.max(1, totalSteps);
  }

  /** {@code numUpdate} counts from 1 (DJL's convention). */
  @Override
  public float getNewValue(int numUpdate) {
    return (float) at(numUpdate - 1);
  }

  double at(long step) {
    double t = Math.min(1.0, step / (double) totalSteps);
    return switch (schedule) {
      case CONSTANT -> peak;
      case COSINE -> cosine(t);
      case ONE_CYCLE -> t < WARMUP_FRACTION
          ? peak * (0.04 + 0.96 * t / WARMUP_FRACTION)
          : cosine((t - WARMUP_FRACTION) / (1 - WARMUP_FRACTION));
    };
  }

  private double cosine(double t) {
    double lo = peak * FINAL_FRACTION;
    return lo + (peak - lo) * 0.5 * (1 + Math.cos(Math.PI * t));
  }
}
