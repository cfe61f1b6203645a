package art.empathic.eval;

import java.util.Arrays;
import java.util.Optional;

/** The four model families of the original study, in the order reports list them. */
public enum ModelFamily {
  MLP("mlp", "MLP"),
  BASELINE_CNN("baseline_cnn", "Baseline CNN"),
  CNN_LSTM("cnn_lstm", "CNN+LSTM"),
  CNN_LSTM_PAPER("cnn_lstm_paper", "Paper CNN-LSTM (Zhao et al. 2019)");

  private final String key;
  private final String title;

  ModelFamily(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The {@code --model} value. */
  public String key() {
    return key;
  }

  public String title() {
    return title;
  }

  public static Optional<ModelFamily> byKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }
}
