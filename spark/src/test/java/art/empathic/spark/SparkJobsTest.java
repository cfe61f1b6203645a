package art.empathic.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.corpus.Emotion;
import art.empathic.io.Npy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark score} and {@code spark features} embedded ({@code local[2]}) on a synthetic corpus
 * with a tiny model trained here: clip for clip the same answers as {@code predict --json} and
 * the recognizer API, the same features as {@code features export}, bad files as error rows of a
 * finished job, and the input forms (folder, file, glob, manifest, missing path).
 */
class SparkJobsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path manifest;
  static Path run;
  static Path scoreDir;
  static List<String> bad;

  @BeforeAll
  static void corpusAndModel() throws IOException {
    manifest = TinyCorpus.write(dir, 12);
    run = TinyCorpus.train(manifest, dir.resolve("run"));
    scoreDir = dir.resolve("to-score");
    Files.createDirectories(scoreDir.resolve("nested"));
    for (Emotion e : Emotion.values()) {
      for (int i = 0; i < 2; i++) {
        String name = e.label().toLowerCase(Locale.ROOT) + "-" + i + ".wav";
        Files.copy(dir.resolve("clips").resolve(name), (i == 0 ? scoreDir : scoreDir.resolve("nested")).resolve(name));
      }
    }
    // Two seconds of digital silence: an answer with no voice heard, not an error row.
    Files.write(scoreDir.resolve("nested/silence.wav"),
        art.empathic.audio.WavWriter.pcm16().toBytes(new art.empathic.audio.Audio(new float[32000], 16000)));
    bad = TinyCorpus.writeBadFiles(scoreDir.resolve("bad"), Files.readAllBytes(dir.resolve("clips/angry-0.wav")));
    Files.writeString(scoreDir.resolve("readme.txt"), "not a clip, and not named .wav: a folder listing skips it");
  }

  @AfterAll
  static void closeModels() {
    ExecutorRecognizers.closeAll();
  }

  @Test
  void scoreGivesPredictsAnswersClipForClipAndBadFilesAsErrorRows() throws Exception {
    Path out = dir.resolve("scored");
    TinyCorpus.Result r = TinyCorpus.spark("score", scoreDir.toString(), "--model", run.toString(), "--out", out.toString(),
        "--master", "local[2]", "--format", "jsonl", "--partitions", "3");
    assertThat(r.code()).as(r.err()).isEqualTo(SparkMain.EXIT_SOME_ERRORS);
    assertThat(r.out()).contains("spark score: 22 clips, 5 errors");
    assertThat(out.resolve("_SUCCESS")).isRegularFile();
    Map<String, JsonNode> rows = byPath(readJsonLines(out), "path");
    assertThat(rows).hasSize(22);

    TinyCorpus.Result predict = TinyCorpus.core("predict", scoreDir.toString(), "--model", run.toString(), "--json");
    Map<String, JsonNode> expected = byPath(predict.out().lines().map(SparkJobsTest::json).toList(), "file");
    assertThat(expected).hasSize(17);
    try (EmotionRecognizer api = EmotionRecognizer.load(run)) {
      assertThat(api.classes()).as("the tiny model speaks the release model's eight classes").hasSize(8)
          .contains(Emotion.NEUTRAL);
      for (Map.Entry<String, JsonNode> en : expected.entrySet()) {
        JsonNode s = rows.get(en.getKey());
        JsonNode p = en.getValue();
        assertThat(s).as(en.getKey()).isNotNull();
        assertThat(s.has("error")).as(s.toString()).isFalse();
        if (!p.get("voice").asBoolean()) {
          // No voice: predict says so with a reason; Spark writes voice=false, the reason, no emotion.
          assertThat(en.getKey()).endsWith("silence.wav");
          assertThat(s.get("voice").asBoolean()).isFalse();
          assertThat(s.get("confident").asBoolean()).isFalse();
          assertThat(s.has("emotion") && !s.get("emotion").isNull()).isFalse();
          assertThat(s.get("no_voice_reason").asText()).isEqualTo(p.get("reason").asText()).isNotBlank();
          continue;
        }
        assertThat(s.get("voice").asBoolean()).isTrue();
        assertThat(s.get("emotion").asText()).as(en.getKey()).isEqualTo(p.get("top").asText());
        assertThat(s.get("duration_s").asDouble()).isCloseTo(p.get("durationSeconds").asDouble(), offset(5e-4));
        assertThat(s.get("sample_rate").asInt()).isEqualTo(16000);
        EmotionPrediction direct = api.predict(Path.of(en.getKey()));
        for (Emotion e : api.classes()) {
          double sp = s.get(ScoreRows.probabilityColumn(e)).asDouble();
          // predict --json rounds to 4 decimals: rounded alike, the two agree within 1e-5.
          assertThat(Math.round(sp * 1e4) / 1e4).as(en.getKey() + " " + e)
              .isCloseTo(p.get("probabilities").get(e.label()).asDouble(), offset(1e-5));
          assertThat(sp).isCloseTo(direct.probability(e), offset(1e-5));
        }
        assertThat(s.get("arousal").asDouble()).isCloseTo(direct.arousal(), offset(1e-5));
        assertThat(s.get("valence").asDouble()).isCloseTo(direct.valence(), offset(1e-5));
        assertThat(s.get("confident").asBoolean()).isEqualTo(direct.sure())
            .isEqualTo(direct.probability(direct.top()) >= ScoreRows.CONFIDENT_TOP_PROBABILITY);
      }
    }
    List<String> errorNames = new ArrayList<>();
    for (JsonNode s : rows.values()) {
      if (s.has("error")) {
        errorNames.add(Path.of(s.get("path").asText()).getFileName().toString());
        assertThat(s.get("error").asText()).doesNotContain("\n").isNotBlank();
        assertThat(s.has("emotion")).isFalse();
      }
    }
    assertThat(errorNames).containsExactlyInAnyOrderElementsOf(bad);
    assertThat(rows.get(scoreDir.resolve("bad/empty.wav").toString()).get("error").asText()).containsIgnoringCase("empty");
  }

  @Test
  void windowedScoresCarryPredictsTimeline() throws Exception {
    Path glide = TinyCorpus.glide(dir.resolve("glide.wav"), 3.2);
    Path out = dir.resolve("timeline");
    TinyCorpus.Result r = TinyCorpus.spark("score", glide.toString(), "--model", run.toString(), "--out", out.toString(),
        "--master", "local[1]", "--format", "jsonl", "--window", "1", "--hop", "0.5");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode s = readJsonLines(out).get(0);
    TinyCorpus.Result predict = TinyCorpus.core("predict", glide.toString(), "--model", run.toString(), "--json",
        "--window", "1", "--hop", "0.5");
    JsonNode p = json(predict.out().lines().findFirst().orElseThrow());
    assertThat(s.get("emotion").asText()).isEqualTo(p.get("top").asText());
    JsonNode st = s.get("timeline");
    JsonNode pt = p.get("timeline");
    assertThat(st.size()).isEqualTo(pt.size()).isGreaterThanOrEqualTo(5);
    for (int i = 0; i < st.size(); i++) {
      assertThat(st.get(i).get("start").asDouble()).isCloseTo(pt.get(i).get("start").asDouble(), offset(5e-4));
      assertThat(st.get(i).get("end").asDouble()).isCloseTo(pt.get(i).get("end").asDouble(), offset(5e-4));
      assertThat(st.get(i).get("emotion").asText()).isEqualTo(pt.get(i).get("top").asText());
      assertThat(st.get(i).get("arousal").asDouble()).isCloseTo(pt.get(i).get("arousal").asDouble(), offset(5e-4 + 1e-5));
      assertThat(st.get(i).get("valence").asDouble()).isCloseTo(pt.get(i).get("valence").asDouble(), offset(5e-4 + 1e-5));
    }
  }

  @Test
  void inputsMayBeFilesGlobsManifestsAndMissingPathsAndOutputIsNeverClobbered() throws Exception {
    Path list = Files.writeString(dir.resolve("list.tsv"), "path\tnote\nclips/sad-3.wav\tfrom the manifest\n"
        + dir.resolve("clips/sad-4.wav") + "\tabsolute\nclips/missing.wav\tgone\n");
    Path out = dir.resolve("inputs");
    String[] args = {"score", dir.resolve("clips/happy-5.wav").toString(), dir.resolve("clips") + "/calm-1?.wav",
        list.toString(), dir.resolve("nowhere").toString(), "--model", run.toString(), "--out", out.toString(),
        "--master", "local[2]", "--max-file-mb", "1"};
    TinyCorpus.Result r = TinyCorpus.spark(args);
    assertThat(r.code()).as(r.err()).isEqualTo(SparkMain.EXIT_SOME_ERRORS);
    assertThat(r.out()).contains("7 clips, 2 errors").contains("(parquet)");

    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", false).getOrCreate();
    try {
      Dataset<Row> d = spark.read().parquet(out.toString());
      assertThat(d.columns()).containsExactly("path", "duration_s", "sample_rate", "emotion", "p_angry", "p_calm",
          "p_disgust", "p_fear", "p_happy", "p_sad", "p_surprise", "p_neutral", "arousal", "valence", "confident", "voice", "no_voice_reason", "error");
      Map<String, String> errors = new HashMap<>();
      for (Row row : d.collectAsList()) {
        errors.put(Path.of(TinyCorpus.localPath(row.getString(0))).getFileName().toString(), row.getString(17));
      }
      assertThat(errors).containsOnlyKeys("happy-5.wav", "calm-10.wav", "calm-11.wav", "sad-3.wav", "sad-4.wav",
          "missing.wav", "nowhere");
      assertThat(errors.get("happy-5.wav")).isNull();
      assertThat(errors.get("sad-3.wav")).isNull();
      assertThat(errors.get("missing.wav")).isEqualTo("no such file");
      assertThat(errors.get("nowhere")).isEqualTo("no such file or folder");
    } finally {
      spark.stop();
    }

    TinyCorpus.Result again = TinyCorpus.spark(args);
    assertThat(again.code()).isEqualTo(SparkMain.EXIT_BAD_INPUT);
    assertThat(again.err()).contains(out + ": already exists; pass --overwrite");

    TinyCorpus.Result small = TinyCorpus.spark("score", dir.resolve("clips/happy-5.wav").toString(), "--model",
        run.toString(), "--out", out.toString(), "--overwrite", "--master", "local[1]", "--format", "csv",
        "--max-file-mb", "0.01");
    assertThat(small.code()).as(small.err()).isEqualTo(SparkMain.EXIT_BAD_INPUT);
    String csv = String.join("\n", partLines(out, ".csv"));
    assertThat(csv).startsWith("path,duration_s").contains("over the size limit of 10.2 KiB");
  }

  @Test
  void featuresEqualFeaturesExport() throws Exception {
    Path exported = dir.resolve("exported");
    // Every clip, Neutral's too: Spark's features job reads every label the manifest has.
    TinyCorpus.Result ex = TinyCorpus.core("features", "export", manifest.toString(), "--kind", "mfcc-stats",
        "--neutral", "keep", "--out", exported.toString(), "--no-cache", "--no-progress");
    assertThat(ex.code()).as(ex.err()).isZero();
    Npy.Array x = Npy.read(exported.resolve("features.npy"));
    List<String> clips = Files.readAllLines(exported.resolve("clips.csv"));

    Path out = dir.resolve("features");
    TinyCorpus.Result r = TinyCorpus.spark("features", manifest.toString(), "--kind", "mfcc-stats", "--out",
        out.toString(), "--master", "local[2]", "--format", "jsonl");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("spark features: 96 clips, 0 errors").doesNotContain("model");
    Map<String, JsonNode> rows = byPath(readJsonLines(out), "path");
    assertThat(rows).hasSize(clips.size() - 1).hasSize(96);
    int width = x.shape()[1];
    for (int i = 1; i < clips.size(); i++) {
      String[] f = clips.get(i).split(",");
      JsonNode s = rows.get(f[0]);
      assertThat(s).as(f[0]).isNotNull();
      assertThat(s.has("corpus")).as("the manifest names no corpus").isFalse();
      assertThat(s.get("speaker").asText()).isEqualTo(f[2]);
      assertThat(s.get("emotion").asText()).isEqualTo(f[3]);
      assertThat(s.get("shape").toString()).isEqualTo("[" + width + "]");
      JsonNode v = s.get("features");
      assertThat(v.size()).isEqualTo(width);
      for (int k = 0; k < width; k++) {
        assertThat(v.get(k).asDouble()).as(f[0] + " [" + k + "]")
            .isCloseTo(x.data()[(i - 1) * width + k], offset(1e-5 * Math.max(1, Math.abs(x.data()[(i - 1) * width + k]))));
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  static List<String> partLines(Path out, String suffix) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(out)) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    return lines;
  }

  static List<JsonNode> readJsonLines(Path out) throws IOException {
    return partLines(out, ".json").stream().map(SparkJobsTest::json).toList();
  }

  /** Rows keyed by their local path. */
  static Map<String, JsonNode> byPath(List<JsonNode> rows, String field) {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode n : rows) {
      m.put(TinyCorpus.localPath(n.get(field).asText()), n);
    }
    return m;
  }
}
