package art.empathic.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * The architecture of one model family with every size and rate spelled out. Saved as JSON
 * in a run's {@code spec.json} (the {@code family} property selects the record).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Architecture.Mlp.class, name = "mlp"),
  @JsonSubTypes.Type(value = Architecture.BaselineCnn.class, name = "baseline_cnn"),
  @JsonSubTypes.Type(value = Architecture.CnnLstm.class, name = "cnn_lstm"),
  @JsonSubTypes.Type(value = Architecture.PaperCnnLstm.class, name = "cnn_lstm_paper"),
  @JsonSubTypes.Type(value = Architecture.LogmelCrnn.class, name = "logmel_crnn"),
})
public sealed interface Architecture
    permits Architecture.Mlp, Architecture.BaselineCnn, Architecture.CnnLstm, Architecture.PaperCnnLstm,
        Architecture.LogmelCrnn {

  @JsonIgnore
  ModelFamily family();

  /** L2 penalty with scikit-learn's MLP definition (0 for families that do not use it). */
  @JsonIgnore
  default double l2Alpha() {
    return 0.0;
  }

  /** The default architecture of a family. */
  static Architecture defaults(ModelFamily family) {
    return switch (family) {
      case MLP, FUNCTIONALS_MLP -> new Mlp(List.of(300), 0.01);
      case BASELINE_CNN -> new BaselineCnn(256, List.of(0.3, 0.3, 0.1));
      case CNN_LSTM -> new CnnLstm(List.of(64, 128), 5, 2, 128, 0.3, TimePooling.LAST);
      case CNN_LSTM_PAPER -> new PaperCnnLstm(List.of(64, 64, 128, 128), 3, List.of(2, 2, 2, 2), 256, 0.3, TimePooling.LAST);
      case LOGMEL_CRNN -> new LogmelCrnn(List.of(8, 16, 32), 64, 0.3, TimePooling.ATTENTION);
    };
  }

  /** How a recurrent layer's sequence of outputs becomes one vector. */
  enum TimePooling {
    /** The output at the last time step (Keras' {@code return_sequences=False}). */
    LAST,
    /** The mean of the outputs over time. */
    MEAN,
    /**
     * Attention pooling: a learnt score per time step (one linear unit), softmax over time, and
     * the outputs' sum weighted by it.
     */
    ATTENTION
  }

  /**
   * scikit-learn MLPClassifier: hidden ReLU layers, softmax output, L2 penalty
   * {@code 0.5 * alpha * sum(W^2) / n_samples} on weights only.
   */
  record Mlp(List<Integer> hidden, double alpha) implements Architecture {
    public Mlp {
      hidden = List.copyOf(hidden);
      if (hidden.isEmpty() || hidden.stream().anyMatch(h -> h <= 0)) {
        throw new IllegalArgumentException("mlp: hidden layer sizes must be positive, got " + hidden);
      }
      if (!(alpha >= 0)) {
        throw new IllegalArgumentException("mlp: alpha must be >= 0, got " + alpha);
      }
    }

    @Override
    public ModelFamily family() {
      return ModelFamily.MLP;
    }

    @Override
    public double l2Alpha() {
      return alpha;
    }
  }

  /**
   * The study's layer table: Dense(units, ReLU) - Dropout - Dense(units, ReLU) - Dropout -
   * Flatten - Dropout - Dense(classes, softmax).
   *
   * @param dropouts the three dropout rates, in table order
   */
  record BaselineCnn(int units, List<Double> dropouts) implements Architecture {
    public BaselineCnn {
      dropouts = List.copyOf(dropouts);
      if (units <= 0) {
        throw new IllegalArgumentException("baseline_cnn: units must be positive, got " + units);
      }
      if (dropouts.size() != 3) {
        throw new IllegalArgumentException("baseline_cnn: needs exactly 3 dropout rates, got " + dropouts);
      }
      dropouts.forEach(d -> checkRate("baseline_cnn", d));
    }

    @Override
    public ModelFamily family() {
      return ModelFamily.BASELINE_CNN;
    }
  }

  /**
   * Conv1D blocks (Conv1D - BatchNorm - ReLU - MaxPool) over MFCC frames, an LSTM, dropout and
   * a softmax layer.
   */
  record CnnLstm(List<Integer> filters, int kernel, int pool, int lstmUnits, double dropout, TimePooling timePooling)
      implements Architecture {
    public CnnLstm {
      filters = List.copyOf(filters);
      checkConv("cnn_lstm", filters, kernel, lstmUnits);
      if (pool < 1) {
        throw new IllegalArgumentException("cnn_lstm: pool must be >= 1, got " + pool);
      }
      checkRate("cnn_lstm", dropout);
    }

    @Override
    public ModelFamily family() {
      return ModelFamily.CNN_LSTM;
    }
  }

  /**
   * Zhao, Mao and Chen (2019), 1-D CNN-LSTM: four local feature learning blocks (Conv1D -
   * BatchNorm - ELU - MaxPool), an LSTM and a softmax layer.
   */
  record PaperCnnLstm(List<Integer> filters, int kernel, List<Integer> pools, int lstmUnits, double dropout,
      TimePooling timePooling) implements Architecture {
    public PaperCnnLstm {
      filters = List.copyOf(filters);
      pools = List.copyOf(pools);
      checkConv("cnn_lstm_paper", filters, kernel, lstmUnits);
      if (pools.size() != filters.size() || pools.stream().anyMatch(p -> p < 1)) {
        throw new IllegalArgumentException("cnn_lstm_paper: need one pool size >= 1 per block, got " + pools);
      }
      checkRate("cnn_lstm_paper", dropout);
    }

    @Override
    public ModelFamily family() {
      return ModelFamily.CNN_LSTM_PAPER;
    }
  }

  /**
   * A small CRNN on log-mel frames: the (bands, frames) input as a one-channel image, 3x3 Conv2D
   * blocks (Conv2D - BatchNorm - ReLU - MaxPool 2x2), the channels and remaining bands of each
   * frame as one vector, dropout, a GRU (none when {@code gruUnits} is 0), time pooling (attention
   * by default), dropout and a softmax layer.
   */
  record LogmelCrnn(List<Integer> filters, int gruUnits, double dropout, TimePooling timePooling)
      implements Architecture {
    public LogmelCrnn {
      filters = List.copyOf(filters);
      if (filters.isEmpty() || filters.stream().anyMatch(f -> f <= 0)) {
        throw new IllegalArgumentException("logmel_crnn: filter counts must be positive, got " + filters);
      }
      if (gruUnits < 0) {
        throw new IllegalArgumentException("logmel_crnn: GRU units must be >= 0 (0: no recurrent layer), got " + gruUnits);
      }
      checkRate("logmel_crnn", dropout);
      timePooling = timePooling == null ? TimePooling.ATTENTION : timePooling;
      if (gruUnits == 0 && timePooling == TimePooling.LAST) {
        throw new IllegalArgumentException("logmel_crnn: the last time step needs a recurrent layer (gruUnits > 0)");
      }
    }

    @Override
    public ModelFamily family() {
      return ModelFamily.LOGMEL_CRNN;
    }
  }

  private static void checkRate(String model, double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(model + ": dropout must be in [0, 1), got " + rate);
    }
  }

  private static void checkConv(String model, List<Integer> filters, int kernel, int lstmUnits) {
    if (filters.isEmpty() || filters.stream().anyMatch(f -> f <= 0)) {
      throw new IllegalArgumentException(model + ": filter counts must be positive, got " + filters);
    }
    if (kernel < 1 || kernel % 2 == 0) {
      throw new IllegalArgumentException(model + ": kernel width must be odd and >= 1, got " + kernel);
    }
    if (lstmUnits <= 0) {
      throw new IllegalArgumentException(model + ": LSTM units must be positive, got " + lstmUnits);
    }
  }
}
