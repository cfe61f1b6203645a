package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import art.empathic.app.MainTest;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import art.empathic.io.Json;
import art.empathic.model.ModelFamily;
import art.empathic.model.Network;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-corpus training as {@code train} and {@code study generalize} both do it
 * ({@link MultiCorpus}): on a synthetic two-corpus set where the second corpus records only some
 * of the classes, the restricted loss never pushes a clip away from classes its corpus lacks, the
 * balance gives each corpus the same total weight, and {@code train} over two {@code --data}
 * corpora records both in spec.json.
 */
class MultiCorpusTest {
  /** 30 examples of corpus "a" over classes 0-4, then 10 of corpus "b" over classes 0-1 only. */
  private static final List<String> CORPORA = new ArrayList<>();
  private static final int[] LABELS = new int[40];

  static {
    for (int i = 0; i < 40; i++) {
      CORPORA.add(i < 30 ? "a" : "b");
      LABELS[i] = i < 30 ? i % 5 : i % 2;
    }
  }

  @Test
  void eachClipMayOnlyUseItsOwnCorpusClassesAndEachCorpusWeighsTheSame() {
    MultiCorpus.Loss l = MultiCorpus.DEFAULT.loss(CORPORA, LABELS, 5);
    assertThat(l.active()).isTrue();
    for (int i = 0; i < 40; i++) {
      boolean[] expected = i < 30 ? new boolean[] {true, true, true, true, true}
          : new boolean[] {true, true, false, false, false};
      assertThat(l.allowed()[i]).as("example %d", i).containsExactly(expected);
    }
    double a = 0;
    double b = 0;
    for (int i = 0; i < 40; i++) {
      a += i < 30 ? l.weights()[i] : 0;
      b += i < 30 ? 0 : l.weights()[i];
    }
    assertThat(a).isCloseTo(20, offset(1e-4));
    assertThat(b).isCloseTo(20, offset(1e-4));

    MultiCorpus.Loss unbalanced = new MultiCorpus(CorpusBalance.Mode.NONE, true).loss(CORPORA, LABELS, 5);
    assertThat(unbalanced.weights()).isNull();
    assertThat(unbalanced.allowed()).isNotNull();
  }

  @Test
  void oneCorpusOrTheLegacySettingsChangeNothing() {
    assertThat(MultiCorpus.LEGACY.loss(CORPORA, LABELS, 5).active()).isFalse();
    assertThat(MultiCorpus.DEFAULT.loss(Collections.nCopies(40, "a"), LABELS, 5).active()).isFalse();
    // Two corpora with the same classes: no restriction, only the balance.
    int[] sameClasses = new int[40];
    for (int i = 0; i < 40; i++) {
      sameClasses[i] = i % 2;
    }
    MultiCorpus.Loss l = MultiCorpus.DEFAULT.loss(CORPORA, sameClasses, 2);
    assertThat(l.allowed()).isNull();
    assertThat(l.weights()).isNotNull();
    assertThatThrownBy(() -> MultiCorpus.DEFAULT.loss(CORPORA, new int[3], 5)).hasMessageContaining("40 corpus names for 3");
  }

  /** The gradient of the restricted loss on a logit of a class the clip's corpus lacks is zero; unrestricted it pushes it down. */
  @Test
  void theRestrictedLossNeverPushesAClipAwayFromAClassItsCorpusLacks() {
    MultiCorpus.Loss l = MultiCorpus.DEFAULT.loss(CORPORA, LABELS, 5);
    int clip = 31; // corpus b, label 1
    try (NDManager m = NDManager.newBaseManager()) {
      float[] mask = new float[5];
      float[] target = new float[5];
      for (int k = 0; k < 5; k++) {
        mask[k] = l.allowed()[clip][k] ? 0f : TrainingLoss.EXCLUDED;
      }
      target[LABELS[clip]] = 1;
      for (boolean restricted : new boolean[] {true, false}) {
        NDArray logits = m.create(new float[] {0.3f, -0.2f, 1.5f, 0.7f, -1f}, new Shape(1, 5));
        logits.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray loss = TrainingLoss.compute(logits, restricted ? m.create(mask, new Shape(1, 5)) : null,
              m.create(target, new Shape(1, 5)), List.of(), 0);
          gc.backward(loss);
        }
        float[] g = logits.getGradient().toFloatArray();
        for (int k = 2; k < 5; k++) {
          if (restricted) {
            assertThat(g[k]).as("class %d, restricted", k).isCloseTo(0f, offset(1e-7f));
          } else {
            assertThat(g[k]).as("class %d, unrestricted: pushed away", k).isGreaterThan(0.01f);
          }
        }
      }
    }
  }

  /**
   * Corpus b's clips sound like corpus a's class-2 clips but b records only classes 0 and 1 (and
   * calls them 0). Restricted, b only says "0 rather than 1", so the network keeps calling those
   * sounds 2 as corpus a does; unrestricted, b's labels pull them away from 2.
   */
  @Test
  void throughTheFitterCorpusAKeepsAClassCorpusBLacks() throws IOException {
    ExampleSet a = ToyData.pooled(60, 12, 3, 5);
    List<Integer> class2 = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.y()[i] == 2) {
        class2.add(i);
      }
    }
    int[] pick = class2.stream().mapToInt(Integer::intValue).toArray();
    ExampleSet b = new ExampleSet(a.select(pick).x(), new int[pick.length], a.select(pick).speakers(), a.exampleShape());
    // b also records class 1 (so it has two classes): a's class-1 clips, labelled 1.
    int[] ones = java.util.stream.IntStream.range(0, a.size()).filter(i -> a.y()[i] == 1).toArray();
    ExampleSet both = a.concat(b).concat(a.select(ones));
    List<String> corpora = new ArrayList<>();
    for (int i = 0; i < both.size(); i++) {
      corpora.add(i < a.size() ? "a" : "b");
    }
    ExampleSet sounds2 = a.select(pick);
    double restricted = meanProbability(both, corpora, new MultiCorpus(CorpusBalance.Mode.NONE, true), sounds2, 2);
    double plain = meanProbability(both, corpora, MultiCorpus.LEGACY, sounds2, 2);
    assertThat(restricted).isGreaterThan(0.8);
    assertThat(plain).isLessThan(0.65);
  }

  /**
   * Two corpora that lack different classes, as EmoDB (no calm) and CASIA (no disgust) do: corpus
   * a records classes 0 and 1 and labels its class-2 sounds 0; corpus b records 0 and 2 and labels
   * its class-1 sounds 0. Restricted, each corpus only ranks the classes it has, so the network
   * learns class 1 from a and class 2 from b; unrestricted, each corpus's 0-labels cancel what the
   * other teaches, and those sounds end up split between 0 and their class.
   */
  @Test
  void twoCorporaLackingDifferentClassesEachTeachTheClassTheOtherLacks() throws IOException {
    ExampleSet pool = ToyData.pooled(90, 12, 3, 11);
    int[] s0 = indicesOf(pool, 0);
    int[] s1 = indicesOf(pool, 1);
    int[] s2 = indicesOf(pool, 2);
    // a: its class-0 and class-1 sounds as such, its class-2 sounds called 0 (a has no class 2).
    ExampleSet a = pool.select(s0).concat(pool.select(s1)).concat(relabel(pool.select(s2), 0));
    // b: its class-0 and class-2 sounds as such, its class-1 sounds called 0 (b has no class 1).
    ExampleSet b = pool.select(s0).concat(pool.select(s2)).concat(relabel(pool.select(s1), 0));
    ExampleSet both = a.concat(b);
    List<String> corpora = new ArrayList<>();
    for (int i = 0; i < both.size(); i++) {
      corpora.add(i < a.size() ? "a" : "b");
    }
    MultiCorpus restricted = new MultiCorpus(CorpusBalance.Mode.NONE, true);
    boolean[][] allowed = restricted.loss(corpora, both.y(), 3).allowed();
    assertThat(allowed[0]).containsExactly(true, true, false);
    assertThat(allowed[a.size()]).containsExactly(true, false, true);

    double p1 = meanProbability(both, corpora, restricted, pool.select(s1), 1);
    double p2 = meanProbability(both, corpora, restricted, pool.select(s2), 2);
    double plain1 = meanProbability(both, corpora, MultiCorpus.LEGACY, pool.select(s1), 1);
    double plain2 = meanProbability(both, corpora, MultiCorpus.LEGACY, pool.select(s2), 2);
    assertThat(p1).as("class 1, restricted").isGreaterThan(0.8);
    assertThat(p2).as("class 2, restricted").isGreaterThan(0.8);
    assertThat(plain1).as("class 1, unrestricted").isLessThan(0.65);
    assertThat(plain2).as("class 2, unrestricted").isLessThan(0.65);
  }

  private static int[] indicesOf(ExampleSet set, int label) {
    return java.util.stream.IntStream.range(0, set.size()).filter(i -> set.y()[i] == label).toArray();
  }

  private static ExampleSet relabel(ExampleSet set, int label) {
    int[] y = new int[set.size()];
    java.util.Arrays.fill(y, label);
    return new ExampleSet(set.x(), y, set.speakers(), set.exampleShape());
  }

  private static double meanProbability(ExampleSet train, List<String> corpora, MultiCorpus mc, ExampleSet probe, int k)
      throws IOException {
    Network net = Network.build(FitterTest.smallArchitecture(ModelFamily.MLP), new Shape(train.exampleShape()), 3);
    TrainSettings s = TrainSettings.builder().epochs(40).batchSize(16).learningRate(1e-2).seed(3).multiCorpus(mc).build();
    try (Fitter fitter = new Fitter(net, s)) {
      mc.loss(corpora, train.y(), 3).applyTo(fitter);
      fitter.fit(FitRequest.of(train).build());
      float[][] p = fitter.predictProbabilities(probe);
      double sum = 0;
      for (float[] row : p) {
        sum += row[k];
      }
      return sum / p.length;
    }
  }

  /** Two manifests in two folders: two corpora, the second with three of the seven classes. */
  private static Path corpus(Path root, String name, List<Emotion> emotions, int perClass, long seed) throws IOException {
    Random r = new Random(seed);
    Path dir = root.resolve(name);
    List<String> rows = new ArrayList<>(List.of("path,emotion,speaker"));
    int sr = 16000;
    for (Emotion e : emotions) {
      for (int i = 0; i < perClass; i++) {
        double f0 = 140 + 45 * e.ordinal() + r.nextGaussian() * 4;
        float[] x = new float[sr / 2];
        for (int t = 0; t < x.length; t++) {
          x[t] = (float) (0.3 * Math.sin(2 * Math.PI * f0 * t / sr) + 0.01 * r.nextGaussian());
        }
        String file = e.label().toLowerCase() + "-" + i + ".wav";
        WavWriter.pcm16().write(dir.resolve("clips").resolve(file), new Audio(x, sr));
        rows.add("clips/" + file + "," + e.label().toLowerCase() + "," + name + "spk" + (i % 2));
      }
    }
    return Files.write(dir.resolve("manifest.csv"), rows);
  }

  @Test
  void trainOverTwoCorporaRecordsTheBalanceAndTheRestrictionInItsSpec(@TempDir Path dir) throws IOException {
    Path first = corpus(dir, "alpha", Emotion.SEVEN, 6, 1);
    Path second = corpus(dir, "beta", List.of(Emotion.ANGRY, Emotion.HAPPY, Emotion.SAD), 6, 2);
    Path cache = dir.resolve("cache");
    for (String balance : new String[] {null, "none"}) {
      Path run = dir.resolve("run-" + balance);
      List<String> args = new ArrayList<>(List.of("train", "--model", "mlp", "--data", first.toString(), "--data",
          second.toString(), "--split", "none", "--out", run.toString(), "--cache", cache.toString(), "--no-progress",
          "--augment", "none", "--epochs", "5", "--normalize", "global"));
      if (balance != null) {
        args.addAll(List.of("--balance", balance));
      }
      MainTest.Result r = MainTest.run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("corpora: alpha 42, beta 18; ")
          .contains(balance == null ? "corpora weighed equally" : "every clip weighs 1")
          .contains("loss restricted to each clip's corpus classes");
      ModelSpec spec = ModelSpec.read(run);
      assertThat(spec.training().multiCorpus())
          .isEqualTo(new MultiCorpus(balance == null ? CorpusBalance.Mode.CORPUS : CorpusBalance.Mode.NONE, true));
      assertThat(spec.classes()).hasSize(7);
    }
    // A spec written before the setting existed reads as what such runs did: no balance, no restriction.
    Path old = dir.resolve("run-null");
    JsonNode json = Json.MAPPER.readTree(Files.readAllBytes(old.resolve(ModelSpec.FILE)));
    ((ObjectNode) json.get("training")).remove("multiCorpus");
    Files.write(old.resolve(ModelSpec.FILE), Json.MAPPER.writeValueAsBytes(json));
    assertThat(ModelSpec.read(old).training().multiCorpus()).isEqualTo(MultiCorpus.LEGACY);

    MainTest.Result bad = MainTest.run("train", "--data", first.toString(), "--balance", "speaker", "--out",
        dir.resolve("bad").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("use none or corpus");
  }
}
