package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Standardizer.Mode#SPEAKER_MIX_CORPUS}: as {@code speaker_mix}, but each training example
 * is blended toward the pooled statistics of its own corpus's training speakers (round 5c).
 */
class CorpusPriorMixTest {
  private static final long[] TWO = {2};

  /** {@code count} speakers of one corpus around {@code level}; names "prefix_s", channel copies "prefix_s#1". */
  private static void speakers(String prefix, int count, double level, Random r, List<float[]> x, List<Integer> y,
      List<String> who, List<String> corpus, boolean withCopies) {
    for (int s = 0; s < count; s++) {
      double own = level + r.nextGaussian();
      for (int copy = 0; copy <= (withCopies ? 1 : 0); copy++) {
        for (int i = 0; i < 10; i++) {
          x.add(new float[] {(float) (own + (i % 2 == 1 ? 1 : -1) + 0.3 * r.nextGaussian()),
              (float) (own * 2 + copy * 5 + 0.3 * r.nextGaussian())});
          y.add(i % 2);
          who.add(prefix + "_" + s + (copy == 0 ? "" : "#" + copy));
          corpus.add(prefix);
        }
      }
    }
  }

  private record Data(ExampleSet set, List<String> corpus) {}

  private static Data twoCorpora(boolean withCopies) {
    Random r = new Random(5);
    List<float[]> x = new ArrayList<>();
    List<Integer> y = new ArrayList<>();
    List<String> who = new ArrayList<>();
    List<String> corpus = new ArrayList<>();
    speakers("big", 12, 0, r, x, y, who, corpus, withCopies);
    speakers("small", 4, 8, r, x, y, who, corpus, withCopies);
    return new Data(new ExampleSet(x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
        who.toArray(String[]::new), TWO), corpus);
  }

  @Test
  void eachCorpusIsBlendedTowardItsOwnSpeakersPriorNotThePooledOne() {
    Data d = twoCorpora(true);
    Standardizer corpusMix = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX_CORPUS, d.set(), d.set());
    Standardizer mix = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX, d.set(), d.set());

    java.util.Map<String, Standardizer.Stats> priors = corpusMix.corpusPriors(d.set().speakers(), d.corpus());
    assertThat(priors.keySet()).containsExactly("big", "small");
    // The small corpus's prior sits at its own level (about 8), the pooled prior near the big corpus's (about 2).
    assertThat(priors.get("small").mean()[0]).isCloseTo(8f, offset(1.5f));
    assertThat(priors.get("big").mean()[0]).isCloseTo(0f, offset(1.5f));
    assertThat(corpusMix.unknownSpeakerStats().mean()[0]).isCloseTo(2f, offset(1.5f));
    // Channel copies ("s#1") are counted as their speaker but not pooled: the prior of "small" is the
    // mean over small's four original speakers (equally weighted) of their own means.
    for (int c = 0; c < 2; c++) {
      double m = 0;
      for (int k = 0; k < 4; k++) {
        m += corpusMix.speakers().get("small_" + k).mean()[c] / 4.0;
      }
      assertThat(priors.get("small").mean()[c]).isCloseTo((float) m, offset(1e-4f));
    }
    ExampleSet z = corpusMix.applyForTraining(d.set(), 42, d.corpus());
    double[] w = Standardizer.mixWeights(d.set().size(), 42);
    int zeros = 0;
    for (int i = 0; i < d.set().size(); i++) {
      Standardizer.Stats p = priors.get(d.corpus().get(i));
      Standardizer.Stats expected = Standardizer.blend(p, corpusMix.speakers().get(d.set().speakers()[i]), w[i]);
      assertThat(z.x()[i]).as("example %d", i).containsExactly(corpusMix.applyWith(d.set().x()[i], expected));
      if (w[i] == 0 && d.corpus().get(i).equals("small")) {
        zeros++;
        // At weight 0 a small-corpus example lands near 0 with its own corpus's prior, far off with the pooled one.
        assertThat(Math.abs(z.x()[i][0])).isLessThan(3f);
      }
    }
    assertThat(zeros).isPositive();
    // speaker_mix blends toward the pooled prior instead, so the two differ on the small corpus.
    ExampleSet pooled = mix.applyForTraining(d.set(), 42, d.corpus());
    assertThat(pooled.x()).isNotEqualTo(z.x());
    assertThat(pooled.x()).isDeepEqualTo(mix.applyForTraining(d.set(), 42).x());

    // Inference is speaker_mix's: an unknown speaker gets the pooled prior, a known one its own statistics.
    float[] row = d.set().x()[0];
    assertThat(corpusMix.apply(row, null)).containsExactly(mix.apply(row, null));
    assertThat(corpusMix.apply(d.set()).x()).isDeepEqualTo(mix.apply(d.set()).x());
    // Without corpus names it falls back to the pooled prior (speaker_mix).
    assertThat(corpusMix.applyForTraining(d.set(), 42).x()).isDeepEqualTo(pooled.x());
  }

  @Test
  void withOneCorpusItIsSpeakerMixToTheBit() {
    Data d = twoCorpora(true);
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < d.set().size(); i++) {
      if (d.corpus().get(i).equals("big")) {
        keep.add(i);
      }
    }
    assertThat(keep).hasSize(240); // 12 speakers, original and one channel copy, 10 clips each
    ExampleSet one = d.set().select(keep.stream().mapToInt(Integer::intValue).toArray());
    List<String> corpus = Collections.nCopies(one.size(), "big");
    Standardizer corpusMix = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX_CORPUS, one, one);
    Standardizer mix = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX, one, one);
    assertThat(corpusMix.applyForTraining(one, 7, corpus).x()).isDeepEqualTo(mix.applyForTraining(one, 7).x());
  }

  @Test
  void aCorpusNameIsNeededForEveryExample() {
    Data d = twoCorpora(false);
    Standardizer corpusMix = Standardizer.fit(Standardizer.Mode.SPEAKER_MIX_CORPUS, d.set(), d.set());
    assertThatThrownBy(() -> corpusMix.applyForTraining(d.set(), 1, d.corpus().subList(1, d.corpus().size())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one corpus per training example");
    assertThat(Standardizer.Mode.SPEAKER_MIX_CORPUS.perSpeaker()).isTrue();
    assertThat(Standardizer.Mode.SPEAKER_MIX_CORPUS.blendsForTraining()).isTrue();
    assertThat(Standardizer.Mode.SPEAKER.blendsForTraining()).isFalse();
  }
}
