package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Standardizer.Mode#SPEAKER_MIX}: training examples normalised with their speaker's
 * statistics blended with a new voice's, as a recognizer session blends them.
 */
class SpeakerMixTest {
  private static final long[] TWO = {2};

  /** Speakers with their own level on both channels; channel 0 also carries the class (+-1). */
  private static ExampleSet speakers(int count, int clipsEach, long seed) {
    Random r = new Random(seed);
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    List<String> who = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      double level = 6 * r.nextGaussian();
      for (int i = 0; i < clipsEach; i++) {
        int label = i % 2;
        x.add(new float[] {(float) (level + (label == 1 ? 1 : -1) + 0.3 * r.nextGaussian()),
            (float) (level + 0.3 * r.nextGaussian())});
        y.add(label);
        who.add("spk" + seed + "_" + s);
      }
    }
    return new ExampleSet(x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
        who.toArray(String[]::new), TWO);
  }

  @Test
  void theBlendIsThePriorAtWeightZeroTheSpeakersOwnAtOneAndMirrorsTheSessionsBlend() {
    Standardizer.Stats prior = new Standardizer.Stats(new float[] {1, -2}, new float[] {3, 0.5f});
    Standardizer.Stats own = new Standardizer.Stats(new float[] {4, 0}, new float[] {1, 2});
    Standardizer.Stats zero = Standardizer.blend(prior, own, 0);
    Standardizer.Stats one = Standardizer.blend(prior, own, 1);
    for (int c = 0; c < 2; c++) {
      assertThat(zero.mean()[c]).isCloseTo(prior.mean()[c], offset(1e-6f));
      assertThat(zero.std()[c]).isCloseTo(prior.std()[c], offset(1e-5f));
      assertThat(one.mean()[c]).isCloseTo(own.mean()[c], offset(1e-6f));
      assertThat(one.std()[c]).isCloseTo(own.std()[c], offset(1e-5f));
    }
    // Half way: the mean moves half way, the spread also covers the shift between the means.
    Standardizer.Stats half = Standardizer.blend(prior, own, 0.5);
    assertThat(half.mean()[0]).isCloseTo(2.5f, offset(1e-6f));
    assertThat(half.std()[0]).isCloseTo((float) Math.sqrt(0.5 * (9 + 1) + 0.5 * (16 + 1) - 2.5 * 2.5), offset(1e-5f));

    // A session that heard every clip of a speaker blends exactly as training does at the same weight.
    ExampleSet data = speakers(1, 20, 3);
    Standardizer fitted = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX, data, data);
    SpeakerStatistics session = new SpeakerStatistics(2);
    for (float[] row : data.x()) {
      session.add(row, 3.0);
    }
    for (double w : new double[] {0, 0.05, 0.3, 1}) {
      Standardizer.Stats a = session.blended(prior, new double[] {w, w});
      Standardizer.Stats b = Standardizer.blend(prior, fitted.speakers().get(data.speakers()[0]), w);
      for (int c = 0; c < 2; c++) {
        assertThat(b.mean()[c]).as("w %s", w).isCloseTo(a.mean()[c], offset(1e-4f));
        assertThat(b.std()[c]).as("w %s", w).isCloseTo(a.std()[c], offset(1e-4f));
      }
    }
  }

  @Test
  void eachTrainingExampleGetsItsOwnRandomWeightFixedBySeedAndOtherModesAreUnchanged() {
    ExampleSet train = speakers(6, 10, 1);
    Standardizer mix = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX, train, train);
    Standardizer plain = Standardizer.fit(Standardizer.Mode.SPEAKER, train, train);
    // Outside training the two modes are the same normalisation.
    assertThat(mix.speakers().keySet()).isEqualTo(plain.speakers().keySet());
    assertThat(mix.unknownSpeakerStats().mean()).containsExactly(plain.unknownSpeakerStats().mean());
    assertThat(mix.apply(train).x()).isDeepEqualTo(plain.apply(train).x());
    assertThat(plain.applyForTraining(train, 42).x()).isDeepEqualTo(plain.apply(train).x());

    ExampleSet a = mix.applyForTraining(train, 42);
    assertThat(mix.applyForTraining(train, 42).x()).isDeepEqualTo(a.x());
    assertThat(mix.applyForTraining(train, 43).x()).isNotEqualTo(a.x());
    assertThat(a.y()).isEqualTo(train.y());
    // Example i is normalised with its speaker's statistics blended with the unknown speaker's at weight w_i.
    double[] w = Standardizer.mixWeights(train.size(), 42);
    for (int i = 0; i < train.size(); i++) {
      Standardizer.Stats blended = Standardizer.blend(mix.unknownSpeakerStats(), mix.speakers().get(train.speakers()[i]), w[i]);
      assertThat(a.x()[i]).as("example %d", i).containsExactly(mix.applyWith(train.x()[i], blended));
    }
    // A third of the weights are 0 (one clip of a new voice), a third 1 (a known speaker), a third in between.
    double[] many = Standardizer.mixWeights(9000, 42);
    assertThat(java.util.Arrays.stream(many).allMatch(x -> x >= 0 && x <= 1)).isTrue();
    assertThat(java.util.Arrays.stream(many).filter(x -> x == 0).count()).isBetween(2800L, 3200L);
    assertThat(java.util.Arrays.stream(many).filter(x -> x == 1).count()).isBetween(2800L, 3200L);
    assertThat(java.util.Arrays.stream(many).filter(x -> x > 0.05 && x < 0.5).count()).isBetween(1200L, 1500L);
    assertThat(java.util.Arrays.stream(many).average().orElseThrow()).isCloseTo(0.5, offset(0.02));
  }

  @Test
  void trainedOnBlendedStatisticsAClassifierHearsOneClipOfANewVoiceThatPerSpeakerTrainingMisses() {
    // The class is +-1 on channel 0 around the speaker's level; channel 1 is the level alone. With
    // per-speaker statistics the level is gone from both channels, so a model trained that way
    // reads channel 0 alone and, on one clip of a new voice (the unknown speaker's statistics),
    // takes a speaker's level for the class. A model trained on blends must learn to subtract
    // channel 1 from channel 0, which works at every weight
    // (not exactly for one linear rule, since the spread of each channel changes with the weight).
    ExampleSet train = speakers(40, 20, 11);
    ExampleSet test = speakers(20, 20, 12);
    double perSpeaker = oneClipAccuracy(Standardizer.Mode.SPEAKER, train, test);
    double mixed = oneClipAccuracy(Standardizer.Mode.SPEAKER_MIX, train, test);
    assertThat(perSpeaker).as("per-speaker training, one clip").isLessThan(0.65);
    assertThat(mixed).as("blended training, one clip").isGreaterThan(0.75).isGreaterThan(perSpeaker + 0.15);
  }

  private static double oneClipAccuracy(Standardizer.Mode mode, ExampleSet train, ExampleSet test) {
    Standardizer norm = Standardizer.fit(mode, train, train);
    double[] w = logisticRegression(norm.applyForTraining(train, 42));
    int right = 0;
    for (int i = 0; i < test.size(); i++) {
      float[] z = norm.apply(test.x()[i], null); // a new voice: the unknown speaker's statistics
      int guess = w[0] * z[0] + w[1] * z[1] + w[2] > 0 ? 1 : 0;
      right += guess == test.y()[i] ? 1 : 0;
    }
    return right / (double) test.size();
  }

  /** Plain batch gradient descent on the logistic loss: weights for two inputs and a bias. */
  private static double[] logisticRegression(ExampleSet set) {
    double[] w = new double[3];
    for (int step = 0; step < 3000; step++) {
      double[] g = new double[3];
      for (int i = 0; i < set.size(); i++) {
        float[] x = set.x()[i];
        double p = 1 / (1 + Math.exp(-(w[0] * x[0] + w[1] * x[1] + w[2])));
        double e = p - set.y()[i];
        g[0] += e * x[0];
        g[1] += e * x[1];
        g[2] += e;
      }
      for (int k = 0; k < 3; k++) {
        w[k] -= 0.5 * g[k] / set.size();
      }
    }
    return w;
  }
}
