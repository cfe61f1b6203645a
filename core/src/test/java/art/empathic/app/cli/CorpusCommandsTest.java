package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.io.Npy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.app.MainTest;

/** {@code corpus info} and {@code features export} on a generated corpus. */
class CorpusCommandsTest {
  @TempDir Path tmp;

  private Path corpus() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("tess"));
    List<String> names = List.of("OAF_back_angry.wav", "OAF_back_sad.wav", "YAF_dog_ps.wav", "YAF_dog_neutral.wav",
        "YAF_dog_fear.wav");
    for (int i = 0; i < names.size(); i++) {
      float[] y = new float[4000 + 800 * i];
      for (int t = 0; t < y.length; t++) {
        y[t] = (float) (0.2 * Math.sin(2 * Math.PI * (200 + 50 * i) * t / 16000.0));
      }
      WavWriter.pcm16().write(dir.resolve(names.get(i)), new Audio(y, 16000));
    }
    Files.writeString(dir.resolve("YAF_dog_happy.wav"), "broken");
    Files.copy(dir.resolve("OAF_back_sad.wav"), dir.resolve("OAF_bath_sad.wav"));
    return dir;
  }

  @Test
  void infoPrintsCountsDurationsSkipsAndDuplicates() throws IOException {
    Path dir = corpus();
    MainTest.Result r = MainTest.run("corpus", "info", dir.toString(), "--neutral", "drop");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("5 clips (neutral: drop)").contains("tess, detected from file names")
        .containsPattern("Sad\\s+2").containsPattern("OAF\\s+3  female").containsPattern("YAF\\s+2  female")
        .contains("OAF_back_sad.wav = OAF_bath_sad.wav (byte-identical)")
        .contains("YAF_dog_happy.wav: truncated header").contains("duration: 1.7 s total, min 0.25 s, max 0.45 s")
        .containsPattern("neutral\\s+1");
  }

  @Test
  void infoJsonHasTheDocumentedKeys() throws IOException {
    Path dir = corpus();
    MainTest.Result r = MainTest.run("corpus", "info", dir.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("neutral").asText()).as("info keeps neutral by default").isEqualTo("keep");
    assertThat(j.get("clips").asInt()).isEqualTo(6);
    JsonNode tess = j.get("corpora").get(0);
    assertThat(tess.get("corpus").asText()).isEqualTo("tess");
    assertThat(tess.get("language").asText()).isEqualTo("English");
    assertThat(tess.get("speakers").asInt()).isEqualTo(2);
    assertThat(tess.get("per_emotion").get("Neutral").asInt()).isEqualTo(1);
    assertThat(j.get("per_emotion").get("Neutral").asInt()).isEqualTo(1);
    assertThat(j.get("per_speaker").get("YAF").asInt()).isEqualTo(3);
    assertThat(j.get("duration_s").get("min").asDouble()).isEqualTo(0.25);
    assertThat(j.get("duration_s").get("max").asDouble()).isEqualTo(0.45);
    assertThat(j.get("duplicates").get(0).get("paths")).hasSize(2);
    assertThat(j.get("skipped").get(0).get("path").asText()).endsWith("YAF_dog_happy.wav");
    assertThat(j.get("per_corpus").get("tess").asInt()).isEqualTo(6);
  }

  @Test
  void infoErrorsAreOneLineNamingTheDirectory() {
    MainTest.Result r = MainTest.run("corpus", "info", tmp.resolve("missing").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().trim()).isEqualTo("empathic-art: error: " + tmp.resolve("missing") + ": no such directory");
    MainTest.Result bad = MainTest.run("corpus", "info", tmp.toString(), "--corpus", "iemocap");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown corpus kind 'iemocap'");
  }

  @Test
  void exportCanWriteExactlyAModelFamilysInput() throws Exception {
    Path dir = corpus();
    Path out = tmp.resolve("recipe-out");
    MainTest.Result r = MainTest.run("features", "export", dir.toString(), "--recipe", "baseline_cnn", "--out",
        out.toString(), "--cache", tmp.resolve("cache").toString(), "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Npy.read(out.resolve("features.npy")).shape()).containsExactly(5, 128);
    assertThat(art.empathic.features.FeatureSpec.fromJson(Files.readString(out.resolve("spec.json"))))
        .isEqualTo(art.empathic.train.Recipe.defaults(art.empathic.model.ModelFamily.BASELINE_CNN).feature());
    MainTest.Result stats = MainTest.run("features", "export", dir.toString(), "--kind", "mfcc-stats", "--statistics",
        "mean,seg3", "--n-mfcc", "10", "--out", tmp.resolve("stats-out").toString(), "--cache", tmp.resolve("cache").toString(),
        "--no-progress");
    assertThat(stats.code()).as(stats.err()).isZero();
    assertThat(Npy.read(tmp.resolve("stats-out/features.npy")).shape()).containsExactly(5, 40);
    assertThat(MainTest.run("features", "export", dir.toString(), "--kind", "mfcc-seq", "--statistics", "mean", "--out",
        tmp.resolve("x").toString()).err()).contains("--statistics applies to --kind mfcc-stats");
    assertThat(MainTest.run("features", "export", dir.toString(), "--out", tmp.resolve("y").toString()).err())
        .contains("--kind KIND or --recipe MODEL");
  }

  @Test
  void exportWritesNpyCsvAndSpecInTheSameRowOrder() throws Exception {
    Path dir = corpus();
    Path out = tmp.resolve("out");
    MainTest.Result r = MainTest.run("features", "export", dir.toString(), "--kind", "mfcc-seq", "--frames", "6",
        "--n-mfcc", "13", "--deltas", "1", "--n-fft", "512", "--hop-length", "128", "--out", out.toString(), "--cache", tmp.resolve("cache").toString(),
        "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("skipped " + dir.resolve("YAF_dog_happy.wav"));
    Npy.Array a = Npy.read(out.resolve("features.npy"));
    assertThat(a.shape()).containsExactly(5, 26, 6);
    List<String> csv = Files.readAllLines(out.resolve("clips.csv"));
    assertThat(csv).hasSize(6);
    assertThat(csv.get(0)).isEqualTo("path,corpus,speaker,emotion");
    assertThat(csv.get(1)).isEqualTo(dir.resolve("OAF_back_angry.wav") + ",tess,OAF,Angry");
    assertThat(csv.get(5)).isEqualTo(dir.resolve("YAF_dog_ps.wav") + ",tess,YAF,Surprise");
    String spec = Files.readString(out.resolve("spec.json"));
    assertThat(art.empathic.features.FeatureSpec.fromJson(spec).shape()).containsExactly(26, 6);

    // The same values as the library computes for the same spec, row by row.
    var corpus = art.empathic.corpus.Corpus.load(List.of(dir), art.empathic.corpus.CorpusOptions.DEFAULT);
    var set = new art.empathic.features.FeaturePipeline(art.empathic.features.FeatureSpec.fromJson(spec),
        art.empathic.features.FeatureCache.disabled(), 1, false).extract(corpus.clips());
    assertThat(a.data()).containsExactly(set.flat());

    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "/usr/bin/python3 not found: numpy check skipped");
    Process p = new ProcessBuilder(python.toString(), "-c", "import numpy as np, sys, csv\n"
        + "a = np.load(sys.argv[1] + '/features.npy')\n"
        + "rows = list(csv.reader(open(sys.argv[1] + '/clips.csv')))\n"
        + "assert a.dtype == np.float32 and a.shape == (5, 26, 6) and len(rows) == 6, (a.dtype, a.shape)\n"
        + "print('%.6f' % a[2, 3, 4])\n", out.toString()).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Assumptions.assumeFalse(printed.contains("No module named 'numpy'"), "numpy missing: check skipped");
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(Double.parseDouble(printed)).isCloseTo(a.data()[2 * 26 * 6 + 3 * 6 + 4], org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void splitWarnsLoudlyAboutSharedSpeakersAndListsEveryPart() throws IOException {
    Path dir = corpus();
    MainTest.Result random = MainTest.run("corpus", "split", dir.toString(), "--protocol", "random",
        "--test-fraction", "0.5", "--seed", "1");
    assertThat(random.code()).as(random.err()).isZero();
    assertThat(random.out()).contains("stratified random split").contains("speaker-dependent");
    assertThat(random.err()).contains("empathic-art: WARNING: SPEAKER OVERLAP");

    MainTest.Result bySpeaker = MainTest.run("corpus", "split", dir.toString(), "--folds", "2", "--fold", "2", "--json");
    assertThat(bySpeaker.code()).as(bySpeaker.err()).isZero();
    assertThat(bySpeaker.err()).doesNotContain("SPEAKER OVERLAP");
    JsonNode j = new ObjectMapper().readTree(bySpeaker.out());
    JsonNode train = j.get("parts").get("train");
    JsonNode test = j.get("parts").get("test");
    assertThat(train.get("clips").asInt() + test.get("clips").asInt()).isEqualTo(5);
    assertThat(train.get("speakers")).hasSize(1);
    assertThat(test.get("speakers")).hasSize(1);
    assertThat(train.get("speakers").get(0).asText()).isNotEqualTo(test.get("speakers").get(0).asText());
    assertThat(test.get("paths")).hasSize(test.get("clips").asInt());
  }

  @Test
  void exportRefusesFramesForPooledKindsAndNeedsAnOutput() throws IOException {
    Path dir = corpus();
    MainTest.Result r = MainTest.run("features", "export", dir.toString(), "--kind", "mfcc-mean", "--frames", "10",
        "--out", tmp.resolve("o").toString(), "--no-cache");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--frames applies to sequence kinds");
    assertThat(MainTest.run("features", "export", dir.toString(), "--kind", "mfcc-mean").code()).isEqualTo(2);
  }
}
