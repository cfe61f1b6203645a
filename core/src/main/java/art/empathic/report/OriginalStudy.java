package art.empathic.report;

import art.empathic.model.ModelFamily;
import java.util.List;
import java.util.Optional;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunDirectory;

/**
 * The figures the original study reported (random split, a mix of corpora of about 4640
 * clips), for the rows that have one.
 */
public final class OriginalStudy {
  private OriginalStudy() {}

  /**
   * One reported figure.
   *
   * @param epochs the row's epochs, null when the row is defined by another setting
   * @param alpha the MLP's L2 penalty for MLP rows, else null
   * @param trainingTime the reported training time, null when not reported
   */
  public record Figure(ModelFamily family, String row, Integer epochs, Double alpha,
      double accuracy, String trainingTime) {}

  /** Every figure the original study reported. */
  public static final List<Figure> FIGURES = List.of(
      new Figure(ModelFamily.MLP, "MLP, alpha 0.01", null, 0.01, 0.768, null),
      new Figure(ModelFamily.BASELINE_CNN, "Baseline CNN, 20 epochs", 20, null, 0.815, null),
      new Figure(ModelFamily.CNN_LSTM, "CNN+LSTM, 20 epochs", 20, null, 0.752, null),
      new Figure(ModelFamily.CNN_LSTM_PAPER, "Paper CNN-LSTM, 20 epochs", 20, null, 0.796, null),
      new Figure(ModelFamily.CNN_LSTM_PAPER, "Paper CNN-LSTM, 500 epochs", 500, null, 0.866, "19.6 min"));

  /** What the figures were measured on, for footnotes. */
  public static final String CAVEAT = "The original study's figures come from a random split of"
      + " a larger mix of corpora (about 4640 clips), so they compare only roughly with runs on"
      + " one corpus.";

  /**
   * The original figure for a run's configuration: same family, same epochs (configured, else
   * trained) or same alpha, random protocol only.
   */
  public static Optional<Figure> figureFor(RunDirectory run) {
    if (run.protocol() != Protocol.RANDOM) {
      return Optional.empty();
    }
    Optional<ModelFamily> family = ModelFamily.byCliName(run.model());
    if (family.isEmpty()) {
      return Optional.empty();
    }
    int epochs = run.plannedEpochs().orElse(run.epochsRun());
    Optional<Double> alpha = run.spec() == null ? Optional.empty() : run.spec().hyperparameter("alpha");
    return FIGURES.stream()
        .filter(f -> f.family() == family.get())
        .filter(f -> f.epochs() == null || f.epochs() == epochs)
        .filter(f -> f.alpha() == null || alpha.map(a -> Math.abs(a - f.alpha()) < 1e-12).orElse(false))
        .findFirst();
  }
}
