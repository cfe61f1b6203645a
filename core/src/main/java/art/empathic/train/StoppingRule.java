package art.empathic.train;

import art.empathic.run.EpochStats;
import java.util.List;

/**
 * A rule that may end training after an epoch, like DJL's {@code TrainingListener}s that stop a
 * fit. A rule keeps its state in {@link Fitter.Progress} (so a resumed run decides exactly as an
 * uninterrupted one): {@link #update} records the finished epoch, {@link #stopReason} decides.
 * {@link #of(TrainSettings)} lists the rules in the order they are asked.
 */
interface StoppingRule {

  /** The progress with this epoch's evidence recorded. */
  Fitter.Progress update(Fitter.Progress p, EpochStats epoch);

  /** Why training stops now, or null to go on. */
  String stopReason(Fitter.Progress p);

  /** The settings' rules: validation patience, then scikit-learn's rule on the training loss. */
  static List<StoppingRule> of(TrainSettings s) {
    return List.of(new ValidationPatience(s.patience()),
        new SklearnNoImprovement(s.sklearnStopping(), s.tol(), s.nIterNoChange()));
  }

  /**
   * Tracks the best validation loss (and its epoch, whose weights are kept with a patience);
   * stops after {@code patience} epochs without improvement (0: never).
   */
  record ValidationPatience(int patience) implements StoppingRule {
    @Override
    public Fitter.Progress update(Fitter.Progress p, EpochStats epoch) {
      Double valLoss = epoch.valLoss();
      if (valLoss == null) {
        return p;
      }
      Fitter.Progress.StoppingState s = p.stopping();
      return p.withStopping(valLoss < s.bestValLoss() ? s.improvedValidation(epoch.epoch(), valLoss)
          : s.noValidationImprovement());
    }

    @Override
    public String stopReason(Fitter.Progress p) {
      return patience > 0 && p.stopping().epochsWithoutImprovement() >= patience
          ? "early stop: validation loss did not improve for " + patience + " epochs" : null;
    }
  }

  /**
   * scikit-learn's MLP rule: no_improvement_count grows when the training loss is above
   * best_loss - tol (best_loss tracks the minimum); stop once it exceeds n_iter_no_change. The
   * count is kept even when the rule is off.
   */
  record SklearnNoImprovement(boolean enabled, double tol, int nIterNoChange) implements StoppingRule {
    @Override
    public Fitter.Progress update(Fitter.Progress p, EpochStats epoch) {
      return p.withStopping(p.stopping().sklearnStep(epoch.trainLoss(), tol));
    }

    @Override
    public String stopReason(Fitter.Progress p) {
      return enabled && p.stopping().sklearnNoImprovement() > nIterNoChange
          ? "training loss did not improve more than tol=" + tol + " for " + nIterNoChange
              + " consecutive epochs (scikit-learn's rule)" : null;
    }
  }
}
