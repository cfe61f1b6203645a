package art.empathic.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.Optional;

/** The model families, by their CLI names: the original study's four and the ones added for new voices. */
public enum ModelFamily {
  /** Multi-layer perceptron with scikit-learn MLPClassifier semantics, on pooled MFCC statistics. */
  MLP("mlp", "MLP", "MLP"),
  /** The study's "baseline CNN": a dense network on 128 MFCC-derived values. */
  BASELINE_CNN("baseline_cnn", "Baseline CNN", "Baseline CNN"),
  /** 1-D convolution blocks over MFCC frames, then an LSTM, then softmax. */
  CNN_LSTM("cnn_lstm", "CNN+LSTM", "CNN+LSTM"),
  /** The 1-D CNN-LSTM of Zhao, Mao and Chen (2019): four LFLBs, LSTM 256, softmax. */
  CNN_LSTM_PAPER("cnn_lstm_paper", "Paper CNN-LSTM", "Paper CNN-LSTM (Zhao et al. 2019)"),
  /**
   * The family for new voices: an MLP on utterance functionals (log-mel, MFCC, pitch, energy,
   * spectral slope) with per-speaker normalisation; the default of {@code train}.
   */
  FUNCTIONALS_MLP("functionals_mlp", "Functionals MLP", "Functionals MLP (new voices)"),
  /**
   * A small 2-D CNN on log-mel frames (each band's clip mean removed), a GRU and attention pooling
   * over time, then softmax (an option for new voices, not the default; docs/research/GENERALIZATION.md,
   * "A log-mel CRNN with attention pooling").
   */
  LOGMEL_CRNN("logmel_crnn", "Log-mel CRNN", "Log-mel CRNN with attention pooling");

  /** The family {@code train} uses without {@code --model}: the one best on new voices (docs/research/GENERALIZATION.md). */
  public static final ModelFamily DEFAULT = FUNCTIONALS_MLP;

  private final String cliName;
  private final String displayName;
  private final String title;

  ModelFamily(String cliName, String displayName, String title) {
    this.cliName = cliName;
    this.displayName = displayName;
    this.title = title;
  }

  /** The family's name in report headings, with its source where it has one. */
  public String title() {
    return title;
  }

  /** The family with this CLI name, if any. */
  public static Optional<ModelFamily> byCliName(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
  }

  public String cliName() {
    return cliName;
  }

  public String displayName() {
    return displayName;
  }

  /** True for the families that read frames (MFCC or log-mel) rather than a pooled vector. */
  public boolean isSequenceModel() {
    return this == CNN_LSTM || this == CNN_LSTM_PAPER || this == LOGMEL_CRNN;
  }

  public static ModelFamily fromCliName(String name) {
    for (ModelFamily f : values()) {
      if (f.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown model '" + name + "'; choose one of "
        + Arrays.stream(values()).map(ModelFamily::cliName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
