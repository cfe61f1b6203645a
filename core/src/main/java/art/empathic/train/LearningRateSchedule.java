package art.empathic.train;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate at each optimiser step for a {@link TrainSettings.Schedule}. The one-cycle
 * schedule is PyTorch's {@code OneCycleLR} with its defaults (pct_start 0.3, cosine annealing,
 * div_factor 25, final_div_factor 1e4, one step per batch), so recipes port across exactly.
 */
final class LearningRateSchedule implements Tracker {
  private static final double PCT_START = 0.3;
  private static final double DIV_FACTOR = 25;
  private static final double FINAL_DIV_FACTOR = 1e4;
  private final TrainSettings.Schedule schedule;
  private final double peak;
  private final long totalSteps;

  LearningRateSchedule(TrainSettings.Schedule schedule, double peak, long totalSteps) {
    this.schedule = schedule;
    this.peak = peak;
    this.totalSteps = Math.max(2, totalSteps);
  }

  /** {@code numUpdate} counts from 1 (DJL's convention). */
  @Override
  public float getNewValue(int numUpdate) {
    return (float) at(numUpdate - 1);
  }

  /** The rate of 0-based step {@code step}. */
  double at(long step) {
    double start = peak / DIV_FACTOR;
    double end = start / FINAL_DIV_FACTOR;
    return switch (schedule) {
      case CONSTANT -> peak;
      case COSINE -> anneal(peak, end, Math.min(1.0, step / (double) (totalSteps - 1)));
      case ONE_CYCLE -> {
        double warmupEnd = PCT_START * totalSteps - 1;
        double last = totalSteps - 1;
        yield step <= warmupEnd
            ? anneal(start, peak, step / warmupEnd)
            : anneal(peak, end, Math.min(1.0, (step - warmupEnd) / (last - warmupEnd)));
      }
    };
  }

  /** PyTorch's {@code _annealing_cos}: from {@code from} at p = 0 to {@code to} at p = 1. */
  private static double anneal(double from, double to, double p) {
    return to + (from - to) / 2.0 * (1 + Math.cos(Math.PI * p));
  }
}
