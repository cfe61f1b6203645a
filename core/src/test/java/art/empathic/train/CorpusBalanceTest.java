package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusBalanceTest {
  /** 1440 RAVDESS-sized and 375 EmoDB-sized examples, interleaved. */
  private static List<String> twoCorpora() {
    List<String> c = new ArrayList<>();
    for (int i = 0; i < 1440; i++) {
      c.add("ravdess");
      if (i % 4 == 0 && c.stream().filter("emodb"::equals).count() < 375) {
        c.add("emodb");
      }
    }
    while (c.stream().filter("emodb"::equals).count() < 375) {
      c.add("emodb");
    }
    return c;
  }

  @Test
  void everyCorpusGetsTheSameTotalWeightAndTheWeightsAverageOne() {
    List<String> corpora = twoCorpora();
    float[] w = CorpusBalance.weights(CorpusBalance.Mode.CORPUS, corpora);
    double rav = 0;
    double emo = 0;
    for (int i = 0; i < w.length; i++) {
      if (corpora.get(i).equals("ravdess")) {
        rav += w[i];
      } else {
        emo += w[i];
      }
    }
    assertThat(rav).isCloseTo(emo, within(1e-2));
    assertThat(rav + emo).isCloseTo(corpora.size(), within(1e-2));
    // An EmoDB clip weighs 1440/375 times a RAVDESS clip.
    int firstEmo = corpora.indexOf("emodb");
    assertThat(w[firstEmo] / w[0]).isCloseTo(1440f / 375f, within(1e-4f));
  }

  @Test
  void threeCorporaEachGetAThird() {
    List<String> corpora = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      corpora.add("a");
    }
    for (int i = 0; i < 30; i++) {
      corpora.add("b");
    }
    corpora.add("c");
    float[] w = CorpusBalance.weights(CorpusBalance.Mode.CORPUS, corpora);
    assertThat(10 * w[0]).isCloseTo(30 * w[10], within(1e-4f));
    assertThat(w[40]).isCloseTo(41f / 3f, within(1e-4f));
  }

  @Test
  void noWeightsWithoutBalancingOrWithOneCorpus() {
    assertThat(CorpusBalance.weights(CorpusBalance.Mode.NONE, twoCorpora())).isNull();
    assertThat(CorpusBalance.weights(CorpusBalance.Mode.CORPUS, List.of("a", "a", "a"))).isNull();
  }

  @Test
  void parsesTheModesAndNamesTheChoicesOtherwise() {
    assertThat(CorpusBalance.Mode.parse(" Corpus ")).isEqualTo(CorpusBalance.Mode.CORPUS);
    assertThat(CorpusBalance.Mode.parse("none")).isEqualTo(CorpusBalance.Mode.NONE);
    assertThatThrownBy(() -> CorpusBalance.Mode.parse("speaker")).hasMessageContaining("use none or corpus");
  }
}
