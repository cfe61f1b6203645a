package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureCache;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.run.RunMetrics;
import art.empathic.run.RunFiles;
import art.empathic.model.ModelFamily;
import art.empathic.train.ModelSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.app.MainTest;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;

/**
 * train, evaluate and the recognizer end to end on a synthetic corpus: every emotion is a
 * harmonic tone of its own pitch, each clip with its own jitter, level and noise, spoken by
 * four "speakers" listed in a manifest.
 */
class TrainingRunTest {
  @TempDir static Path dir;
  static Path manifest;
  static Path cache;

  @BeforeAll
  static void synthesiseCorpus() throws IOException {
    Random r = new Random(7);
    List<String> rows = new ArrayList<>(List.of("path,emotion,speaker"));
    int sr = 16000;
    for (Emotion e : Emotion.SEVEN) {
      for (int i = 0; i < 12; i++) {
        double f0 = 140 + 45 * e.ordinal() + r.nextGaussian() * 4;
        float[] x = new float[sr];
        double level = 0.2 + 0.2 * r.nextDouble();
        for (int t = 0; t < x.length; t++) {
          double s = 0;
          for (int h = 1; h <= 4; h++) {
            s += Math.sin(2 * Math.PI * f0 * h * t / sr) / h;
          }
          x[t] = (float) (level * s / 2 + 0.01 * r.nextGaussian());
        }
        String name = e.label().toLowerCase() + "-" + i + ".wav";
        WavWriter.pcm16().write(dir.resolve("clips").resolve(name), new Audio(x, sr));
        rows.add("clips/" + name + "," + e.label().toLowerCase() + ",spk" + (i % 4));
      }
    }
    manifest = Files.write(dir.resolve("manifest.csv"), rows);
    cache = dir.resolve("cache");
  }

  static MainTest.Result train(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--model", "mlp", "--data", manifest.toString(), "--out",
        out.toString(), "--cache", cache.toString(), "--no-progress", "--augment", "none", "--epochs", "40",
        "--normalize", "global"));
    args.addAll(List.of(extra));
    return MainTest.run(args.toArray(String[]::new));
  }

  @Test
  void trainWritesAFinishedRunThatEvaluateAndTheRecognizerReproduce() throws Exception {
    Path run = dir.resolve("run-mlp");
    MainTest.Result r = train(run);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("test: accuracy").contains("report: ");
    for (String f : List.of("spec.json", "model.params", "history.json", "summary.json", "predictions.csv",
        "metrics.json", "report.html", "report.md", "confusion_matrix.png", "training_curves.png")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    RunMetrics m = RunMetrics.read(run);
    assertThat(m.accuracy()).isGreaterThan(0.9);
    assertThat(m.classes()).hasSize(7);
    assertThat(m.epochs()).isEqualTo(40);
    assertThat(m.split().speakersShared()).isTrue();

    MainTest.Result again = MainTest.run("evaluate", run.toString(), "--no-progress");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("equal to the recorded result");

    // The public API gives the probabilities the run recorded for its test clips.
    List<String> lines = Files.readAllLines(run.resolve("predictions.csv"));
    String[] first = lines.get(1).split(",");
    try (EmotionRecognizer rec = EmotionRecognizer.load(run)) {
      EmotionPrediction p = rec.predict(Path.of(first[0]));
      assertThat(p.top().label()).isEqualTo(first[2]);
      for (int k = 0; k < 7; k++) {
        assertThat(p.probability(Emotion.SEVEN.get(k))).isCloseTo(Double.parseDouble(first[3 + k]), offset(1e-5));
      }
      assertThat(rec.info().metrics()).containsKey("accuracy");
      assertThatThrownBy(() -> rec.predict(new float[800], 16000)).hasMessageContaining("audio too short");
    }

    MainTest.Result clash = train(run);
    assertThat(clash.code()).isEqualTo(2);
    assertThat(clash.err()).contains("already holds a finished run");
  }

  @Test
  void aStoppedRunResumesToTheSameModelAsAnUninterruptedOne() throws Exception {
    ModelSpec spec = ModelSpecs.defaults(ModelFamily.BASELINE_CNN, 6, null, 1, new ModelSpecs.Data(List.of(manifest),
        null, NeutralPolicy.DROP, SplitSpec.speakerFold(4, 2, 3)));
    TrainingRun.Environment env = new TrainingRun.Environment(FeatureCache.at(cache), 2, false);
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Path whole = dir.resolve("whole");
    TrainingRun.start(spec, whole, env, quiet, StopSignal.none());

    Path stopped = dir.resolve("stopped");
    TrainingRun.Result first = TrainingRun.start(spec, stopped, env, quiet, StopSignal.afterChecks(7));
    assertThat(first.outcome()).isEqualTo(TrainingRun.Outcome.STOPPED);
    assertThat(stopped.resolve("metrics.json")).doesNotExist();
    assertThatThrownBy(() -> TrainingRun.start(spec, stopped, env, quiet, StopSignal.none()))
        .hasMessageContaining("holds an unfinished run").hasMessageContaining("--resume");
    TrainingRun.Result resumed = TrainingRun.resume(stopped, env, quiet, StopSignal.none());
    assertThat(resumed.outcome()).isEqualTo(TrainingRun.Outcome.FINISHED);

    assertThat(Files.readAllBytes(stopped.resolve("model.params"))).isEqualTo(Files.readAllBytes(whole.resolve("model.params")));
    assertThat(Files.readAllLines(stopped.resolve("predictions.csv"))).isEqualTo(Files.readAllLines(whole.resolve("predictions.csv")));
    assertThat(RunMetrics.read(stopped).split().speakersShared()).isFalse();
  }

  @Test
  void aSpeakerMixRunSavesItsModeAndResumesToTheSameModel() throws Exception {
    // The blend weights of the training examples are drawn from the run seed: a resumed run sees the same examples.
    ModelSpec spec = ModelSpecs.defaults(ModelFamily.MLP, 30, null, 1, new ModelSpecs.Data(List.of(manifest),
        null, NeutralPolicy.DROP, SplitSpec.speakerFold(4, 2, 3))).toBuilder()
        .normalizationMode(Standardizer.Mode.SPEAKER_MIX).build();
    TrainingRun.Environment env = new TrainingRun.Environment(FeatureCache.at(cache), 2, false);
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Path whole = dir.resolve("mix-whole");
    TrainingRun.start(spec, whole, env, quiet, StopSignal.none());
    Path stopped = dir.resolve("mix-stopped");
    assertThat(TrainingRun.start(spec, stopped, env, quiet, StopSignal.afterChecks(7)).outcome())
        .isEqualTo(TrainingRun.Outcome.STOPPED);
    assertThat(TrainingRun.resume(stopped, env, quiet, StopSignal.none()).outcome()).isEqualTo(TrainingRun.Outcome.FINISHED);
    assertThat(Files.readAllBytes(stopped.resolve("model.params"))).isEqualTo(Files.readAllBytes(whole.resolve("model.params")));
    ModelSpec saved = ModelSpec.read(whole);
    assertThat(saved.normalizationMode()).isEqualTo(Standardizer.Mode.SPEAKER_MIX);
    assertThat(saved.normalization().unknownSpeaker()).isNotNull();
    assertThat(Files.readString(whole.resolve("spec.json"))).contains("\"SPEAKER_MIX\"");
    // Not the same model as plain per-speaker normalisation of the same data and seed.
    Path plain = dir.resolve("mix-plain");
    TrainingRun.start(spec.toBuilder().normalizationMode(Standardizer.Mode.SPEAKER).build(), plain, env, quiet,
        StopSignal.none());
    assertThat(Files.readAllBytes(plain.resolve("model.params"))).isNotEqualTo(Files.readAllBytes(whole.resolve("model.params")));
  }

  @Test
  void anEnsembleStoppedInALaterMemberResumesToTheSameModelAsAnUninterruptedOne() throws Exception {
    // The bug: resuming found member 1's finished checkpoint and failed with "already finished".
    ModelSpecs.Data data = new ModelSpecs.Data(List.of(manifest), null, NeutralPolicy.DROP, SplitSpec.speakerFold(4, 2, 3));
    ModelSpec three = ModelSpecs.defaults(ModelFamily.BASELINE_CNN, 4, null, 3, data);
    TrainingRun.Environment env = new TrainingRun.Environment(FeatureCache.at(cache), 2, false);
    PrintWriter quiet = new PrintWriter(new StringWriter());
    Path whole = dir.resolve("ensemble-whole");
    StopSignal counting = StopSignal.none();
    TrainingRun.start(three, whole, env, quiet, counting);
    int pollsPerMember = counting.polls() / 3;
    assertThat(pollsPerMember).isPositive();

    for (int member = 2; member <= 3; member++) {
      Path stopped = dir.resolve("ensemble-stopped-in-" + member);
      // Stops half-way through this member: the members before it have finished checkpoints.
      StopSignal stop = StopSignal.afterChecks((member - 1) * pollsPerMember + pollsPerMember / 2);
      assertThat(TrainingRun.start(three, stopped, env, quiet, stop).outcome()).isEqualTo(TrainingRun.Outcome.STOPPED);
      assertThat(stopped.resolve(RunFiles.checkpoint(stopped, member, 3).getFileName())).exists();
      assertThat(SavedModel.parametersFile(stopped, member)).doesNotExist();

      StringWriter log = new StringWriter();
      TrainingRun.Result resumed = TrainingRun.resume(stopped, env, new PrintWriter(log), StopSignal.none());
      assertThat(resumed.outcome()).as(log.toString()).isEqualTo(TrainingRun.Outcome.FINISHED);
      assertThat(log.toString()).contains("[1/3] finished before the stop");
      for (int m = 1; m <= 3; m++) {
        assertThat(Files.readAllBytes(SavedModel.parametersFile(stopped, m))).as("member " + m)
            .isEqualTo(Files.readAllBytes(SavedModel.parametersFile(whole, m)));
      }
      assertThat(Files.readAllLines(stopped.resolve("predictions.csv")))
          .isEqualTo(Files.readAllLines(whole.resolve("predictions.csv")));
      assertThat(RunMetrics.read(stopped).epochs()).isEqualTo(RunMetrics.read(whole).epochs());
      // Every member's epochs are in the history (seconds differ between runs; losses do not).
      var members = art.empathic.run.TrainingHistory.read(stopped).members();
      var expected = art.empathic.run.TrainingHistory.read(whole).members();
      assertThat(members).hasSize(3);
      for (int m = 0; m < 3; m++) {
        assertThat(members.get(m).stream().map(art.empathic.run.EpochStats::trainLoss).toList()).as("member " + (m + 1))
            .isEqualTo(expected.get(m).stream().map(art.empathic.run.EpochStats::trainLoss).toList());
      }
      try (EmotionRecognizer rec = EmotionRecognizer.load(stopped)) {
        assertThat(rec.classes()).hasSize(7);
      }
    }
  }

  /**
   * The log-mel CRNN (issue 14, round 5a) trains through {@code train}, records its architecture and
   * features in spec.json, serves through the recognizer exactly as evaluated, and fuses with a
   * functionals-free MLP run of the same split into one servable model (members on other features).
   */
  @Test
  void aLogmelCrnnRunServesAndFusesWithAnotherFamily() throws Exception {
    Path crnn = dir.resolve("run-crnn");
    MainTest.Result r = MainTest.run("train", "--model", "logmel_crnn", "--data", manifest.toString(), "--out",
        crnn.toString(), "--cache", cache.toString(), "--no-progress", "--epochs", "3");
    assertThat(r.code()).as(r.err()).isZero();
    String spec = Files.readString(crnn.resolve("spec.json"));
    assertThat(spec).contains("logmel_crnn").contains("mel-cmn").contains("ATTENTION");
    assertThat(Files.readString(crnn.resolve("summary.json"))).contains("AttentionPooling").contains("Conv2D 3x3");
    List<String> lines = Files.readAllLines(crnn.resolve("predictions.csv"));
    String[] first = lines.get(1).split(",");
    EmotionPrediction direct;
    try (EmotionRecognizer rec = EmotionRecognizer.load(crnn)) {
      direct = rec.predict(Path.of(first[0]));
      for (int k = 0; k < 7; k++) {
        assertThat(direct.probability(Emotion.SEVEN.get(k))).isCloseTo(Double.parseDouble(first[3 + k]), offset(1e-5));
      }
    }
    Path mlp = dir.resolve("run-mlp-for-crnn");
    assertThat(train(mlp).code()).isZero();
    Path fused = dir.resolve("fused-crnn");
    MainTest.Result f = MainTest.run("fuse", mlp.toString(), crnn.toString(), "--weights", "1,1", "--out", fused.toString());
    assertThat(f.code()).as(f.err()).isZero();
    try (EmotionRecognizer rec = EmotionRecognizer.load(fused); EmotionRecognizer m = EmotionRecognizer.load(mlp)) {
      EmotionPrediction p = rec.predict(Path.of(first[0]));
      EmotionPrediction q = m.predict(Path.of(first[0]));
      for (Emotion e : Emotion.SEVEN) {
        assertThat(p.probability(e)).isCloseTo(0.5 * q.probability(e) + 0.5 * direct.probability(e), offset(1e-5));
      }
    }
  }

  /** {@code train --split none --fuse-with logmel_crnn}: a release model that is a fused pair, served as one. */
  @Test
  void aFusedReleasePairTrainsBothMembersAndServesTheirAverage() throws Exception {
    Path run = dir.resolve("release-fused");
    MainTest.Result r = train(run, "--split", "none", "--fuse-with", "logmel_crnn:0.5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("fused release model");
    for (String f : List.of("fusion.json", "release.json", "spec.json", "mlp/release.json", "logmel_crnn/release.json")) {
      assertThat(run.resolve(f)).as(f).isRegularFile();
    }
    assertThat(Files.readString(run.resolve("logmel_crnn/spec.json"))).contains("mel-cmn");
    Path clip = dir.resolve("clips").resolve("angry-0.wav");
    try (EmotionRecognizer fused = EmotionRecognizer.load(run);
        EmotionRecognizer a = EmotionRecognizer.load(run.resolve("mlp"));
        EmotionRecognizer b = EmotionRecognizer.load(run.resolve("logmel_crnn"))) {
      EmotionPrediction p = fused.predict(clip);
      EmotionPrediction pa = a.predict(clip);
      EmotionPrediction pb = b.predict(clip);
      for (Emotion e : Emotion.SEVEN) {
        assertThat(p.probability(e)).isCloseTo(0.5 * pa.probability(e) + 0.5 * pb.probability(e), offset(1e-5));
      }
    }
    assertThat(train(dir.resolve("bad-fuse"), "--split", "none", "--fuse-with", "logmel_crnn:1.5").err())
        .contains("weight must be in (0, 1)");
    assertThat(train(dir.resolve("bad-fuse-number"), "--split", "none", "--fuse-with", "logmel_crnn:half").err())
        .contains("--fuse-with: the weight after ':' must be a number in (0, 1), got 'half'");
  }

  @Test
  void badRequestsAreClearErrors() {
    assertThat(MainTest.run("train", "--model", "transformer", "--data", manifest.toString()).err())
        .contains("unknown model 'transformer'");
    // Without --model the default family is used: its recipe reaches the same option checks.
    assertThat(MainTest.run("train", "--data", manifest.toString(), "--lr", "-1").err())
        .contains("learning rate must be in (0, 10]");
    assertThat(MainTest.run("train", "--model", "mlp", "--data", manifest.toString(), "--lr", "-1").err())
        .contains("learning rate must be in (0, 10]");
    assertThat(MainTest.run("train", "--model", "mlp", "--data", manifest.toString(), "--patience", "3").err())
        .contains("--patience needs a validation part");
    assertThat(MainTest.run("train", "--model", "cnn_lstm", "--data", manifest.toString(), "--alpha", "0.1").err())
        .contains("--alpha and --hidden apply to the MLP families");
    Path few = dir.resolve("few.csv");
    try {
      Files.write(few, List.of("path,emotion,speaker", "clips/angry-0.wav,angry,spk0", "clips/angry-1.wav,angry,spk1",
          "clips/angry-2.wav,angry,spk2", "clips/calm-0.wav,calm,spk0"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MainTest.Result tooFew = MainTest.run("train", "--model", "mlp", "--data", few.toString(), "--out",
        dir.resolve("few-run").toString(), "--cache", cache.toString(), "--no-progress");
    assertThat(tooFew.code()).isEqualTo(2);
    assertThat(tooFew.err()).contains("too few clips of Calm for the split");
    MainTest.Result missing = MainTest.run("train", "--resume", dir.resolve("nothing-here").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("not a run directory");
  }

  @Test
  void fusionAveragesTheMembersAndServesLikeAModel() throws Exception {
    Path a = dir.resolve("fuse-a");
    Path b = dir.resolve("fuse-b");
    assertThat(train(a).code()).isZero();
    assertThat(train(b, "--hidden", "32", "--seed", "42").code()).isZero();
    Path fused = dir.resolve("fused");
    MainTest.Result r = MainTest.run("fuse", a.toString(), b.toString(), "--weights", "3,1", "--out", fused.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("fused test: accuracy");
    List<String> pa = Files.readAllLines(a.resolve("predictions.csv"));
    List<String> pb = Files.readAllLines(b.resolve("predictions.csv"));
    List<String> pf = Files.readAllLines(fused.resolve("predictions.csv"));
    assertThat(pf).hasSameSizeAs(pa);
    for (int i = 1; i < pf.size(); i++) {
      String[] x = pa.get(i).split(",");
      String[] y = pb.stream().filter(l -> l.startsWith(x[0] + ",")).findFirst().orElseThrow().split(",");
      String[] f = pf.stream().filter(l -> l.startsWith(x[0] + ",")).findFirst().orElseThrow().split(",");
      for (int k = 3; k < x.length; k++) {
        assertThat(Double.parseDouble(f[k])).isCloseTo(0.75 * Double.parseDouble(x[k]) + 0.25 * Double.parseDouble(y[k]),
            offset(1e-6));
      }
    }
    RunMetrics m = RunMetrics.read(fused);
    assertThat(m.trainingSeconds()).isCloseTo(RunMetrics.read(a).trainingSeconds() + RunMetrics.read(b).trainingSeconds(),
        offset(1e-9));
    assertThat(fused.resolve("report.html")).isRegularFile();
    String[] first = pf.get(1).split(",");
    try (EmotionRecognizer rec = EmotionRecognizer.load(fused)) {
      EmotionPrediction p = rec.predict(Path.of(first[0]));
      for (int k = 0; k < 7; k++) {
        assertThat(p.probability(Emotion.SEVEN.get(k))).isCloseTo(Double.parseDouble(first[3 + k]), offset(1e-5));
      }
    }
    Path other = dir.resolve("fuse-other-split");
    assertThat(train(other, "--seed", "7").code()).isZero();
    assertThat(MainTest.run("fuse", a.toString(), other.toString(), "--out", dir.resolve("bad").toString()).err())
        .contains("test clips differ");
    assertThat(MainTest.run("fuse", a.toString(), b.toString(), "--weights", "1", "--out", dir.resolve("bad2").toString())
        .err()).contains("one non-negative weight per run");
  }

  @Test
  void evaluateOnAnotherCorpusScoresTheSharedClassesAndNamesTheMissingOnes() throws Exception {
    Path run = dir.resolve("cross-run");
    assertThat(train(run).code()).isZero();
    // "Another corpus": three of the seven emotions, by two speakers the run never listed.
    List<String> rows = new ArrayList<>(List.of("path,emotion,speaker"));
    for (String e : List.of("angry", "calm", "sad")) {
      for (int i = 0; i < 12; i++) {
        rows.add(dir.resolve("clips").resolve(e + "-" + i + ".wav") + "," + e + ",other" + (i % 2));
      }
    }
    Path other = Files.write(dir.resolve("cross.csv"), rows);

    MainTest.Result r = MainTest.run("evaluate", run.toString(), "--data", other.toString(), "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("cross-corpus: accuracy").contains("over 36 clips");

    Path eval = run.resolve("evaluations").resolve("cross.csv");
    RunMetrics m = RunMetrics.read(eval);
    assertThat(m.evaluatedOn()).isEqualTo(other.toString());
    assertThat(m.evaluatedClasses()).containsExactlyInAnyOrder("Angry", "Calm", "Sad");
    assertThat(m.missingClasses()).containsExactlyInAnyOrder("Disgust", "Fear", "Happy", "Surprise");
    assertThat(m.nTest()).isEqualTo(36);
    assertThat(m.split().testSpeakers()).containsExactlyInAnyOrder("other0", "other1");
    assertThat(m.accuracy()).isGreaterThan(0.9);
    assertThat(Files.readAllLines(eval.resolve("predictions.csv"))).hasSize(37);
    assertThat(eval.resolve("spec.json")).hasSameBinaryContentAs(run.resolve("spec.json"));
    assertThat(eval.resolve("report.html")).isRegularFile();
    // The run's own metrics are untouched.
    assertThat(RunMetrics.read(run).evaluatedOn()).isNull();
  }
}
