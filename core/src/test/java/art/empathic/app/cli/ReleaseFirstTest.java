package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.MainTest;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.DataLocator;
import art.empathic.corpus.Emotion;
import art.empathic.recognize.DefaultModel;
import art.empathic.recognize.PredictionJson;
import art.empathic.run.ReleaseInfo;
import art.empathic.train.DefaultFamily;
import art.empathic.train.ModelSpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code predict} and {@code art} with no model but with data found train the release
 * model first (the default family on every clip, saying how long it took), then go on; later
 * calls use it without training again. The data is a tiny synthetic corpus with RAVDESS file
 * names, found the way a user's is (the data root), and the runs folder and the feature cache
 * are empty temporary folders.
 */
class ReleaseFirstTest {
  @TempDir Path dir;

  /** RAVDESS's emotion codes (the third field of a file name). */
  private static final Map<Emotion, String> CODE = Map.of(Emotion.CALM, "02", Emotion.HAPPY, "03", Emotion.SAD, "04",
      Emotion.ANGRY, "05", Emotion.FEAR, "06", Emotion.DISGUST, "07", Emotion.SURPRISE, "08");

  @Test
  void withoutAModelButWithDataTheReleaseModelIsTrainedFirstAndThenUsed() throws Exception {
    Random r = new Random(7);
    Path root = dir.resolve("data");
    for (int actor = 1; actor <= 3; actor++) {
      for (Emotion e : Emotion.SEVEN) {
        String name = String.format("03-01-%s-01-01-01-%02d.wav", CODE.get(e), actor);
        WavWriter.pcm16().write(root.resolve("ravdess").resolve(String.format("Actor_%02d", actor)).resolve(name),
            new Audio(NewVoicesProductTest.voice(e, actor, r, 1.0), NewVoicesProductTest.SR));
      }
    }
    // A second corpus in the data root, with Neutral (and no calm or surprise): every corpus found is trained on.
    String[] emodb = {"03a01Wa", "03a01Na", "08a01Ta", "08a01Nb"};
    for (String name : emodb) {
      Emotion e = name.charAt(5) == 'W' ? Emotion.ANGRY : name.charAt(5) == 'T' ? Emotion.SAD : Emotion.NEUTRAL;
      WavWriter.pcm16().write(root.resolve("emodb").resolve(name + ".wav"),
          new Audio(NewVoicesProductTest.voice(e, 1, r, 1.0), NewVoicesProductTest.SR));
    }
    Path clip = dir.resolve("angry.wav");
    WavWriter.pcm16().write(clip, new Audio(NewVoicesProductTest.voice(Emotion.ANGRY, 2, r, 1.5), NewVoicesProductTest.SR));
    Path runs = dir.resolve("runs");
    System.setProperty(DefaultModel.RUNS_PROPERTY, runs.toString());
    System.setProperty(DataLocator.PROPERTY, root.toString());
    System.setProperty(ReleaseModel.CACHE_PROPERTY, dir.resolve("cache").toString());
    try {
      MainTest.Result first = MainTest.run("predict", "--json", clip.toString());
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.err()).contains("no trained model yet (looked under " + runs + "); training one first")
          .contains("training the release model: ").contains("every corpus in " + root)
          .containsPattern("release model ready after \\d+\\.\\d min: " + java.util.regex.Pattern.quote(runs.toString()));
      // Standard output carries the prediction alone, as with a model given.
      JsonNode p = PredictionJson.MAPPER.readTree(first.out());
      assertThat(p.get("voice").asBoolean()).isTrue();
      assertThat(p.get("top").asText()).isNotBlank();

      List<Path> trained;
      try (Stream<Path> s = Files.list(runs)) {
        trained = s.toList();
      }
      assertThat(trained).hasSize(1);
      Path release = trained.get(0);
      assertThat(ReleaseInfo.isRelease(release)).isTrue();
      ReleaseInfo info = ReleaseInfo.read(release);
      assertThat(info.nTrain()).isEqualTo(3 * 7 + emodb.length);
      assertThat(info.classes()).endsWith("Neutral").hasSize(8);
      assertThat(info.corpora()).extracting(ReleaseInfo.TrainingCorpus::name).containsExactlyInAnyOrder("emodb", "ravdess");
      assertThat(release.resolve(art.empathic.run.RunFiles.MODEL_CARD)).isRegularFile();
      assertThat(ModelSpec.read(release).model()).isEqualTo(DefaultFamily.FAMILY.cliName());
      assertThat(DefaultModel.findIfAny()).contains(release);

      // Later calls use it: no second training.
      MainTest.Result again = MainTest.run("predict", clip.toString());
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.err()).doesNotContain("training");
      Path png = dir.resolve("angry.png");
      MainTest.Result art = MainTest.run("art", clip.toString(), "-o", png.toString(), "--size", "160x100");
      assertThat(art.code()).as(art.err()).isZero();
      assertThat(art.err()).doesNotContain("training");
      assertThat(png).isRegularFile();
      try (Stream<Path> s = Files.list(runs)) {
        assertThat(s.count()).isEqualTo(1);
      }
    } finally {
      System.clearProperty(DefaultModel.RUNS_PROPERTY);
      System.clearProperty(DataLocator.PROPERTY);
      System.clearProperty(ReleaseModel.CACHE_PROPERTY);
    }
  }
}
