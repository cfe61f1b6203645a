package art.empathic.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes realistic run directories the way the trainer will (spec.json, history.json,
 * summary.json, predictions.csv, then metrics.json), with plain maps so the files do not
 * depend on the records that read them. Everything is synthetic and seeded.
 */
public final class FakeRuns {
  public static final List<String> EMOTIONS = List.of("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FakeRuns() {}

  /** A run to fake. {@code fold} null means the random protocol. */
  public record Run(String model, String displayName, int epochs, Double alpha, double accuracy, Integer fold, long seed) {
    public String dirName() {
      return model + (alpha != null ? "-alpha" + alpha : "") + "-e" + epochs
          + (fold != null ? "-fold" + fold : "-random");
    }
  }

  /** The original study's random-split rows plus two speaker-independent folds per family. */
  public static List<Run> study() {
    List<Run> runs = new ArrayList<>(List.of(
        new Run("mlp", "MLP (alpha 0.0001)", 200, 0.0001, 0.741, null, 42),
        new Run("mlp", "MLP (alpha 0.01)", 200, 0.01, 0.778, null, 42),
        new Run("baseline_cnn", "Baseline CNN (11 epochs)", 11, null, 0.702, null, 42),
        new Run("baseline_cnn", "Baseline CNN (20 epochs)", 20, null, 0.733, null, 42),
        new Run("cnn_lstm", "CNN+LSTM (11 epochs)", 11, null, 0.655, null, 42),
        new Run("cnn_lstm", "CNN+LSTM (20 epochs)", 20, null, 0.771, null, 42),
        new Run("cnn_lstm_paper", "Paper CNN-LSTM (20 epochs)", 20, null, 0.806, null, 42)));
    double[][] speakerAcc = {{0.47, 0.52}, {0.44, 0.41}, {0.39, 0.45}, {0.55, 0.49}};
    String[][] names = {{"mlp", "MLP (alpha 0.01)"}, {"baseline_cnn", "Baseline CNN (20 epochs)"},
        {"cnn_lstm", "CNN+LSTM (20 epochs)"}, {"cnn_lstm_paper", "Paper CNN-LSTM (20 epochs)"}};
    for (int f = 0; f < names.length; f++) {
      for (int fold = 1; fold <= 2; fold++) {
        runs.add(new Run(names[f][0], names[f][1], names[f][0].equals("mlp") ? 200 : 20,
            names[f][0].equals("mlp") ? 0.01 : null, speakerAcc[f][fold - 1], fold, 42));
      }
    }
    return runs;
  }

  /** Writes every file of a finished run into {@code root/run.dirName()} and returns the directory. */
  public static Path write(Path root, Run run) throws IOException {
    Path dir = root.resolve(run.dirName());
    writeUnfinished(dir, run, run.epochs());
    Random rnd = new Random(run.seed() * 31 + run.dirName().hashCode());
    int n = 288;
    int k = EMOTIONS.size();
    StringBuilder csv = new StringBuilder("path,true,predicted");
    EMOTIONS.forEach(c -> csv.append(",p_").append(c));
    csv.append('\n');
    // The confusions SER models typically make: Calm<->Sad, Happy<->Surprise, Fear<->Sad, Angry<->Disgust.
    int[] confusedWith = {2, 5, 0, 5, 6, 1, 4};
    for (int i = 0; i < n; i++) {
      int t = i % k;
      int p = t;
      if (rnd.nextDouble() > run.accuracy()) {
        p = rnd.nextDouble() < 0.55 ? confusedWith[t] : (t + 1 + rnd.nextInt(k - 1)) % k;
      }
      double[] logits = new double[k];
      for (int c = 0; c < k; c++) {
        logits[c] = rnd.nextGaussian();
      }
      logits[p] += 3.5;
      logits[t] += 1.0;
      double[] prob = softmax(logits);
      int actor = 1 + (i % 24);
      csv.append(String.format("Actor_%02d/03-01-%02d-01-01-01-%02d.wav", actor, t + 1, actor))
          .append(',').append(EMOTIONS.get(t)).append(',').append(EMOTIONS.get(p));
      for (double v : prob) {
        csv.append(',').append(String.format(java.util.Locale.ROOT, "%.6f", v));
      }
      csv.append('\n');
    }
    Files.writeString(dir.resolve("predictions.csv"), csv.toString());
    boolean random = run.fold() == null;
    SplitInfo split = new SplitInfo(random ? art.empathic.corpus.Protocol.RANDOM : art.empathic.corpus.Protocol.SPEAKER, run.seed(), run.fold(),
        random ? List.of() : List.of(String.format("%02d", 2 * run.fold() - 1), String.format("%02d", 2 * run.fold())),
        random, random ? 1037 : 1070, random ? 115 : 82, n);
    double seconds = run.epochs() * (run.model().equals("mlp") ? 0.02 : run.model().contains("lstm") ? 4.6 : 0.4);
    RunEvaluation.writeMetrics(dir, split, run.epochs(), seconds);
    return dir;
  }

  /** spec, summary and {@code epochsDone} epochs of history, no predictions or metrics. */
  public static Path writeUnfinished(Path dir, Run run, int epochsDone) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("epochs", run.epochs());
    if (run.alpha() != null) {
      hp.put("alpha", run.alpha());
    }
    hp.put("batch_size", run.model().equals("mlp") ? 256 : 32);
    hp.put("lr", 0.001);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("model", run.model());
    spec.put("display_name", run.displayName());
    spec.put("feature", Map.of("kind", run.model().equals("mlp") ? "mfcc-stats" : "mfcc-seq", "n_mfcc", 40));
    spec.put("feature_name", run.model().equals("mlp") ? "mfcc-stats: 40 MFCC mean/std/p10/p90 + delta std"
        : run.model().equals("baseline_cnn") ? "mfcc-mean: mean of 128 MFCC" : "mfcc-seq: 40 MFCC x 300 frames");
    spec.put("classes", EMOTIONS);
    spec.put("hyperparameters", hp);
    spec.put("seed", run.seed());
    JSON.writeValue(dir.resolve("spec.json").toFile(), spec);
    JSON.writeValue(dir.resolve("summary.json").toFile(), summary(run.model()));
    List<Map<String, Object>> epochs = new ArrayList<>();
    Random rnd = new Random(run.epochs() * 7L + run.model().hashCode());
    for (int e = 1; e <= epochsDone; e++) {
      double progress = 1 - Math.exp(-4.0 * e / run.epochs());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", e);
      m.put("train_loss", 1.95 - 1.6 * progress + 0.03 * rnd.nextGaussian());
      m.put("train_accuracy", 0.16 + 0.8 * progress);
      m.put("val_loss", 1.97 - 1.2 * progress + 0.04 * rnd.nextGaussian());
      m.put("val_accuracy", 0.15 + (run.accuracy() - 0.12) * progress);
      m.put("seconds", 3.1);
      m.put("lr", 0.001);
      epochs.add(m);
    }
    JSON.writeValue(dir.resolve("history.json").toFile(), Map.of("epochs", epochs));
    return dir;
  }

  /** A plausible summary.json for each family (parameter counts add up). */
  static Map<String, Object> summary(String model) {
    List<Map<String, Object>> layers = new ArrayList<>();
    long[] nonTrainable = {0};
    switch (model) {
      case "mlp" -> {
        layers.add(layer("dense", "Dense", 300, 200 * 300 + 300));
        layers.add(layer("dense_1", "Dense", 7, 300 * 7 + 7));
      }
      case "baseline_cnn" -> {
        layers.add(layer("dense", "Dense", 256, 128 * 256 + 256));
        layers.add(layer("dropout", "Dropout", 256, 0));
        layers.add(layer("dense_1", "Dense", 256, 256 * 256 + 256));
        layers.add(layer("dropout_1", "Dropout", 256, 0));
        layers.add(layer("flatten", "Flatten", 256, 0));
        layers.add(layer("dropout_2", "Dropout", 256, 0));
        layers.add(layer("dense_2", "Dense", 7, 256 * 7 + 7));
      }
      default -> {
        int len = 300;
        int in = 40;
        int[] filters = model.equals("cnn_lstm") ? new int[] {64, 128} : new int[] {64, 64, 128, 128};
        for (int b = 0; b < filters.length; b++) {
          int f = filters[b];
          len -= 2;
          layers.add(layer("conv1d_" + (b + 1), "Conv1D", List.of(len, f), in * f * 3 + f));
          if (model.equals("cnn_lstm_paper")) {
            layers.add(layer("batch_normalization_" + (b + 1), "BatchNormalization", List.of(len, f), 4 * f));
            nonTrainable[0] += 2 * f;
            layers.add(layer("elu_" + (b + 1), "ELU", List.of(len, f), 0));
          }
          len /= 2;
          layers.add(layer("max_pooling1d_" + (b + 1), "MaxPooling1D", List.of(len, f), 0));
          in = f;
        }
        layers.add(layer("lstm", "LSTM", 256, 4L * (in * 256 + 256 * 256 + 256)));
        layers.add(layer("dense", "Dense", 7, 256 * 7 + 7));
      }
    }
    long total = layers.stream().mapToLong(l -> ((Number) l.get("params")).longValue()).sum();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", model);
    s.put("input_shape", model.equals("mlp") ? Arrays.asList(null, 200)
        : model.equals("baseline_cnn") ? Arrays.asList(null, 128) : Arrays.asList(null, 300, 40));
    s.put("layers", layers);
    s.put("total_params", total);
    s.put("trainable_params", total - nonTrainable[0]);
    s.put("non_trainable_params", nonTrainable[0]);
    return s;
  }

  private static Map<String, Object> layer(String name, String type, Object shape, long params) {
    List<Object> out = new ArrayList<>();
    out.add(null);
    if (shape instanceof List<?> l) {
      out.addAll(l);
    } else {
      out.add(shape);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("type", type);
    m.put("output_shape", out);
    m.put("params", params);
    m.put("trainable", true);
    return m;
  }

  private static double[] softmax(double[] z) {
    double max = Arrays.stream(z).max().orElse(0);
    double[] e = Arrays.stream(z).map(v -> Math.exp(v - max)).toArray();
    double s = Arrays.stream(e).sum();
    return Arrays.stream(e).map(v -> v / s).toArray();
  }
}
