package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.adapt.AdaptationStudy;
import art.empathic.app.MainTest;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.Splitter;
import art.empathic.recognize.ModelRecognizer;
import art.empathic.train.ModelSpec;
import art.empathic.train.SpeakerStatistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Adaptation must not turn a steadily angry speaker into a neutral one". A speaker
 * session measured as {@code bench adapt} measures it ({@link AdaptationStudy}), on a synthetic
 * corpus whose test speaker says twelve 1 s clips of every emotion: a steady session hears only
 * the speaker's other clips of the target's own emotion. Normalising with the speaker's own
 * statistics alone (weight 1) erases such a speaker's emotion; the shipped blend keeps it.
 */
class SteadySpeakerTest {
  @TempDir Path dir;

  @Test
  void theShippedBlendKeepsASteadySpeakersEmotionWhereFullAdaptationErasesIt() throws Exception {
    Path manifest = NewVoicesProductTest.toneCorpus(dir, 6, 12, new Random(33));
    Path fold = dir.resolve("fold-1");
    MainTest.Result t = MainTest.run("train", "--model", "mlp", "--data", manifest.toString(), "--no-cache",
        "--no-progress", "--augment", "none", "--epochs", "60", "--normalize", "speaker", "--split", "speaker",
        "--fold", "1", "--out", fold.toString());
    assertThat(t.code()).as(t.err() + t.out()).isZero();

    try (ModelRecognizer rec = ModelRecognizer.open(fold, 1)) {
      ModelSpec spec = ModelSpec.read(fold);
      Corpus c = Corpus.load(List.of(manifest), new CorpusOptions(null, spec.neutral()));
      AdaptationStudy study = new AdaptationStudy(rec);
      List<AdaptationStudy.Heard> heard = study.load(Splitter.split(c.clips(), spec.split()).test(), new ArrayList<>());
      assertThat(heard).hasSize(7 * 12);
      Set<Emotion> scored = new LinkedHashSet<>(rec.classes());
      double[] levels = {0, 10};
      SpeakerStatistics.Blend shipped = SpeakerStatistics.Blend.DEFAULT;
      // Weight 1 from the first second: the speaker's own statistics alone.
      SpeakerStatistics.Blend full = new SpeakerStatistics.Blend(0, 0, 1);

      Map<Double, AdaptationStudy.Cell> steadyShipped = study.withRule(heard, scored, true, levels, shipped, 1, 42);
      Map<Double, AdaptationStudy.Cell> steadyFull = study.withRule(heard, scored, true, levels, full, 1, 42);
      Map<Double, AdaptationStudy.Cell> mixedFull = study.withRule(heard, scored, false, levels, full, 1, 42);
      double oneClip = steadyShipped.get(0.0).accuracy();
      // The sessions did hear about 10 s of the speaker before each prediction.
      assertThat(steadyShipped.get(10.0).meanSecondsHeard()).isBetween(10.0, 11.0);
      // (Measured here: one clip 50%, steady with the shipped blend 50%, steady at weight 1 17%,
      // varied at weight 1 77%; chance is 14%.)
      assertThat(oneClip).isGreaterThan(0.3);
      // A steady speaker keeps their emotion under the shipped blend ...
      assertThat(steadyShipped.get(10.0).accuracy()).isGreaterThanOrEqualTo(oneClip - 0.05);
      // ... while full adaptation normalises it away, towards one "average" class.
      assertThat(steadyFull.get(10.0).accuracy()).isLessThan(oneClip - 0.25);
      // Full adaptation itself is not broken: a speaker whose mood varies is heard well with it.
      assertThat(mixedFull.get(10.0).accuracy()).isGreaterThan(oneClip).isGreaterThan(steadyFull.get(10.0).accuracy() + 0.3);
    }
  }
}
