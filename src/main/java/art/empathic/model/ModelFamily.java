package art.empathic.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The four model families of the original study, by their CLI names. */
public enum ModelFamily {
  /** Multi-layer perceptron with scikit-learn MLPClassifier semantics, on pooled MFCC statistics. */
  MLP("mlp", "MLP"),
  /** The study's "baseline CNN": a dense network on 128 MFCC-derived values. */
  BASELINE_CNN("baseline_cnn", "Baseline CNN"),
  /** 1-D convolution blocks over MFCC frames, then an LSTM, then softmax. */
  CNN_LSTM("cnn_lstm", "CNN+LSTM"),
  /** The 1-D CNN-LSTM of Zhao, Mao and Chen (2019): four LFLBs, LSTM 256, softmax. */
  CNN_LSTM_PAPER("cnn_lstm_paper", "Paper CNN-LSTM");

  private final String cliName;
  private final String displayName;

  ModelFamily(String cliName, String displayName) {
    this.cliName = cliName;
    this.displayName = displayName;
  }

  public String cliName() {
    return cliName;
  }

  public String displayName() {
    return displayName;
  }

  /** True for the families that read MFCC frames rather than a pooled vector. */
  public boolean isSequenceModel() {
    return this == CNN_LSTM || this == CNN_LSTM_PAPER;
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
