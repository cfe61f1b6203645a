package art.empathic.train;

import art.empathic.run.EpochStats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import art.empathic.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FitterTest {
  static final int CLASSES = 7;

  static Architecture smallArchitecture(ModelFamily f) {
    return switch (f) {
      case MLP, FUNCTIONALS_MLP -> new Architecture.Mlp(List.of(32), 1e-4);
      case BASELINE_CNN -> new Architecture.BaselineCnn(32, List.of(0.1, 0.1, 0.0));
      case CNN_LSTM -> new Architecture.CnnLstm(List.of(8, 16), 3, 2, 16, 0.0, Architecture.TimePooling.LAST);
      case CNN_LSTM_PAPER -> new Architecture.PaperCnnLstm(List.of(8, 8, 16, 16), 3, List.of(2, 2, 2, 1), 16, 0.0,
          Architecture.TimePooling.LAST);
      case LOGMEL_CRNN -> new Architecture.LogmelCrnn(List.of(4, 8), 8, 0.0, Architecture.TimePooling.ATTENTION);
    };
  }

  static ExampleSet toy(ModelFamily f, int n, long seed) {
    return f.isSequenceModel() ? ToyData.sequences(n, 4, 32, CLASSES, seed) : ToyData.pooled(n, 14, CLASSES, seed);
  }

  static TrainSettings settings(int epochs, long seed) {
    return TrainSettings.builder().epochs(epochs).batchSize(16).learningRate(1e-2).seed(seed).build();
  }

  @ParameterizedTest
  @EnumSource(ModelFamily.class)
  void everyFamilyLearnsASeparableToyProblem(ModelFamily family) throws IOException {
    ExampleSet train = toy(family, 70, 1);
    Network net = Network.build(smallArchitecture(family), new Shape(train.exampleShape()), CLASSES);
    try (Fitter fitter = new Fitter(net, settings(family.isSequenceModel() ? 25 : 15, 3))) {
      FitResult r = fitter.fit(FitRequest.of(train).build());
      assertThat(r.history()).isNotEmpty();
      assertThat(Fitter.accuracy(fitter.predictProbabilities(train), train.y())).isEqualTo(1.0);
      assertThat(r.history().get(r.history().size() - 1).trainLoss()).isLessThan(r.history().get(0).trainLoss());
    }
  }

  /**
   * The same inputs twice, once labelled y and once y+1: the network learns the labelling whose
   * examples carry the weight, so example weights really scale each example's loss.
   */
  @Test
  void exampleWeightsDecideBetweenConflictingLabellings() throws IOException {
    ExampleSet base = toy(ModelFamily.MLP, 70, 11);
    int n = base.size();
    int[] shifted = new int[n];
    for (int i = 0; i < n; i++) {
      shifted[i] = (base.y()[i] + 1) % CLASSES;
    }
    ExampleSet both = base.concat(new ExampleSet(base.x(), shifted, base.speakers(), base.exampleShape()));
    for (boolean first : new boolean[] {true, false}) {
      float[] w = new float[2 * n];
      for (int i = 0; i < 2 * n; i++) {
        w[i] = (i < n) == first ? 1.9f : 0.1f;
      }
      Network net = Network.build(smallArchitecture(ModelFamily.MLP), new Shape(base.exampleShape()), CLASSES);
      try (Fitter fitter = new Fitter(net, settings(30, 3)).weightExamples(w)) {
        fitter.fit(FitRequest.of(both).build());
        float[][] p = fitter.predictProbabilities(base);
        assertThat(Fitter.accuracy(p, first ? base.y() : shifted)).isGreaterThan(0.9);
      }
    }
  }

  /** The auxiliary arousal loss needs the class labels, and adds to the training loss it reports. */
  @Test
  void anArousalLossNeedsTheClassLabelsAndAddsToTheLoss() throws IOException {
    ExampleSet train = toy(ModelFamily.MLP, 70, 13);
    List<String> labels = List.of("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise");
    double[] firstLoss = new double[2];
    for (int w = 0; w < 2; w++) {
      Network net = Network.build(smallArchitecture(ModelFamily.MLP), new Shape(train.exampleShape()), CLASSES);
      TrainSettings s = settings(3, 3).toBuilder().arousalWeight(w).build();
      try (Fitter fitter = new Fitter(net, s)) {
        if (w > 0) {
          assertThatThrownBy(() -> fitter.fit(FitRequest.of(train).build())).hasMessageContaining("class labels");
          assertThatThrownBy(() -> fitter.classLabels(labels.subList(0, 3))).hasMessageContaining("3 class labels");
        }
        fitter.classLabels(labels);
        firstLoss[w] = fitter.fit(FitRequest.of(train).build()).history().get(0).trainLoss();
      }
    }
    // Same seed, same first batches: the weighted run's loss carries the extra term (about log 2 at the start).
    assertThat(firstLoss[1]).isGreaterThan(firstLoss[0] + 0.2);
    assertThatThrownBy(() -> settings(1, 1).toBuilder().arousalWeight(-1).build()).hasMessageContaining("arousal weight");
  }

  /**
   * Round 5b: the same synthetic fit (with the auxiliary arousal loss and an L2 penalty) run three
   * times in one JVM, twice with garbage collections forced between every forward and backward
   * pass, ends with exactly the same predictions. Before the fix the collections freed constants
   * autograd still needed, and the collected fits ended elsewhere (or NaN).
   */
  @Test
  void sameSeedFitsInOneJvmGiveIdenticalPredictionsWhateverTheGarbageCollectorDoes() throws Exception {
    ExampleSet train = toy(ModelFamily.MLP, 70, 17);
    float[][] quiet = fitAndPredict(train, false);
    for (float[] row : quiet) {
      for (float v : row) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
    assertThat(fitAndPredict(train, true)).isDeepEqualTo(quiet);
    assertThat(fitAndPredict(train, true)).isDeepEqualTo(quiet);
  }

  private static float[][] fitAndPredict(ExampleSet train, boolean collectGarbage) throws IOException {
    List<String> labels = List.of("Angry", "Calm", "Disgust", "Fear", "Happy", "Sad", "Surprise");
    Network net = Network.build(new Architecture.Mlp(List.of(32), 0.5), new Shape(train.exampleShape()), CLASSES);
    TrainSettings s = TrainSettings.sklearnMlp(5).toBuilder().epochs(8).batchSize(16).arousalWeight(0.5).build();
    try (Fitter fitter = new Fitter(net, s).classLabels(labels)) {
      if (collectGarbage) {
        fitter.betweenForwardAndBackward = () -> {
          System.gc();
          try {
            Thread.sleep(15); // the reference handler frees what the collection found
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
      }
      fitter.fit(FitRequest.of(train).build());
      return fitter.predictProbabilities(train);
    }
  }

  /** A loss that is not finite stops the fit with a message instead of leaving a NaN network behind. */
  @Test
  void aLossThatIsNotFiniteStopsTheFit() {
    ExampleSet good = toy(ModelFamily.MLP, 40, 19);
    float[][] x = good.x().clone();
    x[5] = x[5].clone();
    x[5][3] = Float.NaN;
    ExampleSet bad = new ExampleSet(x, good.y(), good.speakers(), good.exampleShape());
    Network net = Network.build(smallArchitecture(ModelFamily.MLP), new Shape(bad.exampleShape()), CLASSES);
    try (Fitter fitter = new Fitter(net, settings(2, 1))) {
      assertThatThrownBy(() -> fitter.fit(FitRequest.of(bad).build()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("training diverged").hasMessageContaining("NaN");
    }
  }

  @Test
  void exampleWeightsMustMatchTheTrainingSetAndBeFinite() {
    ExampleSet train = toy(ModelFamily.MLP, 20, 1);
    Network net = Network.build(smallArchitecture(ModelFamily.MLP), new Shape(train.exampleShape()), CLASSES);
    try (Fitter fitter = new Fitter(net, settings(1, 1))) {
      assertThatThrownBy(() -> fitter.weightExamples(new float[] {1f, Float.NaN}))
          .hasMessageContaining("finite");
      fitter.weightExamples(new float[3]);
      assertThatThrownBy(() -> fitter.fit(FitRequest.of(train).build())).hasMessageContaining("3 example weights for 20");
    }
  }

  @Test
  void sameSeedGivesTheSameRunAndAnotherSeedDoesNot() throws IOException {
    ExampleSet train = toy(ModelFamily.CNN_LSTM, 42, 2);
    assertThat(losses(train, 5)).containsExactlyElementsOf(losses(train, 5));
    assertThat(losses(train, 6)).isNotEqualTo(losses(train, 5));
  }

  private static List<Double> losses(ExampleSet train, long seed) throws IOException {
    Network net = Network.build(smallArchitecture(ModelFamily.CNN_LSTM), new Shape(train.exampleShape()), CLASSES);
    TrainSettings s = TrainSettings.builder().epochs(3).batchSize(16).learningRate(1e-2)
        .schedule(TrainSettings.Schedule.ONE_CYCLE).weightDecay(1e-3).labelSmoothing(0.1).seed(seed)
        .augmentation(new FeatureAugmentation(2, 4, 1, 1, 3, 0.05, 0.2)).build();
    try (Fitter fitter = new Fitter(net, s)) {
      return fitter.fit(FitRequest.of(train).build()).history().stream()
          .map(EpochStats::trainLoss).toList();
    }
  }

  @Test
  void aRunStoppedMidEpochResumesExactlyWhereItStopped(@TempDir Path dir) throws IOException {
    ExampleSet train = toy(ModelFamily.CNN_LSTM_PAPER, 56, 4);
    ExampleSet val = toy(ModelFamily.CNN_LSTM_PAPER, 14, 5);
    TrainSettings s = TrainSettings.builder().epochs(4).batchSize(16).learningRate(1e-2)
        .schedule(TrainSettings.Schedule.ONE_CYCLE).labelSmoothing(0.1).seed(9)
        .augmentation(new FeatureAugmentation(1, 3, 1, 1, 2, 0.0, 0.0)).window(28).build();
    Shape shape = new Shape(4, 28); // a 28-frame window of the 32-frame sequences
    FitResult whole;
    float[][] wholeProbs;
    try (Fitter f = new Fitter(Network.build(smallArchitecture(ModelFamily.CNN_LSTM_PAPER), shape, CLASSES), s)) {
      whole = f.fit(FitRequest.of(train).validation(val).checkpoint(dir.resolve("a.ckpt")).build());
      wholeProbs = f.predictProbabilities(val);
    }
    Path ckpt = dir.resolve("b.ckpt");
    AtomicInteger batches = new AtomicInteger();
    try (Fitter f = new Fitter(Network.build(smallArchitecture(ModelFamily.CNN_LSTM_PAPER), shape, CLASSES), s)) {
      FitResult part = f.fit(FitRequest.of(train).validation(val).checkpoint(ckpt)
          .stopWhen(() -> batches.incrementAndGet() > 6).build());
      assertThat(part.interrupted()).isTrue();
      assertThat(part.history()).hasSizeLessThan(4);
    }
    try (Fitter f = new Fitter(Network.build(smallArchitecture(ModelFamily.CNN_LSTM_PAPER), shape, CLASSES), s)) {
      FitResult rest = f.fit(FitRequest.of(train).validation(val).checkpoint(ckpt).resume(true).build());
      assertThat(rest.interrupted()).isFalse();
      assertThat(rest.history()).hasSize(4);
      for (int e = 0; e < 4; e++) {
        assertThat(rest.history().get(e).trainLoss()).isEqualTo(whole.history().get(e).trainLoss());
        assertThat(rest.history().get(e).valLoss()).isEqualTo(whole.history().get(e).valLoss());
      }
      assertThat(f.predictProbabilities(val)).isDeepEqualTo(wholeProbs);
    }
    try (Fitter f = new Fitter(Network.build(smallArchitecture(ModelFamily.CNN_LSTM_PAPER), shape, CLASSES), s)) {
      assertThatThrownBy(() -> f.fit(FitRequest.of(train).validation(val).checkpoint(ckpt).resume(true).build()))
          .hasMessageContaining("already finished");
    }
  }

  @Test
  void aDamagedCheckpointIsRefused(@TempDir Path dir) throws IOException {
    ExampleSet train = toy(ModelFamily.MLP, 28, 4);
    Path ckpt = dir.resolve("c.ckpt");
    try (Fitter f = new Fitter(Network.build(smallArchitecture(ModelFamily.MLP), new Shape(14), CLASSES),
        settings(2, 1))) {
      f.fit(FitRequest.of(train).checkpoint(ckpt).build());
    }
    byte[] bytes = Files.readAllBytes(ckpt);
    bytes[bytes.length / 2] ^= 1;
    Files.write(ckpt, bytes);
    assertThatThrownBy(() -> Checkpoint.read(ckpt)).hasMessageContaining("corrupt checkpoint")
        .hasMessageContaining("checksum");
    Files.write(ckpt, java.util.Arrays.copyOf(bytes, 100));
    assertThatThrownBy(() -> Checkpoint.read(ckpt)).hasMessageContaining("corrupt checkpoint");
  }

  @Test
  void earlyStoppingKeepsTheBestWeights() throws IOException {
    ExampleSet train = toy(ModelFamily.MLP, 70, 6);
    ExampleSet val = toy(ModelFamily.MLP, 35, 7);
    TrainSettings s = settings(40, 2).withPatience(3);
    try (Fitter f = new Fitter(Network.build(new Architecture.Mlp(List.of(256), 0), new Shape(14), CLASSES), s)) {
      FitResult r = f.fit(FitRequest.of(train).validation(val).build());
      double best = r.history().stream().mapToDouble(EpochStats::valLoss).min().orElseThrow();
      assertThat(r.history().get(r.bestEpoch() - 1).valLoss()).isEqualTo(best);
      assertThat(Fitter.crossEntropy(f.predictProbabilities(val), val.y())).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void testWindowsAverageTheWindowsSpreadOverEachSequence() throws IOException {
    ExampleSet train = toy(ModelFamily.CNN_LSTM, 28, 12);
    Shape window = new Shape(4, 24);
    TrainSettings one = TrainSettings.builder().epochs(2).batchSize(14).learningRate(1e-2).seed(3).window(24).build();
    TrainSettings three = one.toBuilder().testWindows(3).build();
    try (Fitter f = new Fitter(Network.build(smallArchitecture(ModelFamily.CNN_LSTM), window, CLASSES), three)) {
      f.fit(FitRequest.of(train).build());
      float[][] averaged = f.predictProbabilities(train);
      // The same network seen through each window alone (offsets 0, 4, 8 of 32 - 24 frames).
      SequenceWindow w = new SequenceWindow(4, 32, 24);
      assertThat(w.offsets(3)).containsExactly(0, 4, 8);
      assertThat(w.offsets(1)).containsExactly(4);
      float[][][] single = new float[3][][];
      for (int o = 0; o < 3; o++) {
        float[][] crops = new float[train.size()][];
        for (int i = 0; i < crops.length; i++) {
          crops[i] = w.crop(train.x()[i], w.offsets(3)[o]);
        }
        single[o] = f.predictProbabilities(new ExampleSet(crops, train.y(), train.speakers(), new long[] {4, 24}));
      }
      for (int i = 0; i < train.size(); i++) {
        for (int k = 0; k < CLASSES; k++) {
          assertThat(averaged[i][k]).isCloseTo((single[0][i][k] + single[1][i][k] + single[2][i][k]) / 3,
              org.assertj.core.data.Offset.offset(1e-6f));
        }
      }
      assertThat(one.testWindows()).isEqualTo(1);
    }
  }
}
