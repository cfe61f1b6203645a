package art.empathic.lab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import art.empathic.lab.LabRun;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Clip;
import art.empathic.corpus.ContentHash;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.Gender;
import art.empathic.eval.DecisionScore;
import art.empathic.io.Csv;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code study voices} end to end on synthetic tones: two tiny corpora named ravdess and savee
 * (each emotion a harmonic tone of its own pitch, each speaker shifting it) and EmoBox-shaped
 * lists. The last RAVDESS speaker speaks far higher than the others, so that its own statistics
 * (the transductive figure) and a new voice's (the product) give different answers: the study's
 * figures must be the product's.
 */
class StudyVoicesTest {
  @TempDir static Path dir;
  static Path ravdess;
  static Path savee;
  static Path emobox;
  static final List<Emotion> FOUR = List.of(Emotion.ANGRY, Emotion.HAPPY, Emotion.NEUTRAL, Emotion.SAD);
  static final int SR = 16000;

  static float[] tone(Emotion e, double shift, Random r) {
    double f0 = (140 + 45 * FOUR.indexOf(e)) * shift + r.nextGaussian() * 2;
    double level = 0.15 * (0.8 + 0.4 * r.nextDouble());
    float[] x = new float[SR];
    for (int t = 0; t < x.length; t++) {
      double s = 0;
      for (int h = 1; h <= 4; h++) {
        s += Math.sin(2 * Math.PI * f0 * h * t / SR) / h;
      }
      x[t] = (float) (level * s / 2 + 0.005 * r.nextGaussian());
    }
    return x;
  }

  /** A manifest corpus named {@code name}: speakers x four emotions x {@code clips} tones. */
  static Path corpus(String name, List<String> speakers, List<Double> shifts, int clips, Random r) throws IOException {
    Path root = dir.resolve(name);
    List<String> rows = new ArrayList<>(List.of("path,emotion,speaker,corpus"));
    for (int s = 0; s < speakers.size(); s++) {
      for (Emotion e : FOUR) {
        for (int i = 0; i < clips; i++) {
          String file = speakers.get(s) + "/" + e.label().toLowerCase() + "-" + i + ".wav";
          WavWriter.pcm16().write(root.resolve(file), new Audio(tone(e, shifts.get(s), r), SR));
          rows.add(file + "," + e.label().toLowerCase() + "," + speakers.get(s) + "," + name);
        }
      }
    }
    Files.write(root.resolve("manifest.csv"), rows);
    return root;
  }

  static void list(Path file, Path root, String speakerPrefix) throws IOException {
    List<String> rows = new ArrayList<>(List.of("path\tspeaker\temotion"));
    try (var files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(p -> {
        String rel = root.relativize(p).toString();
        if (rel.startsWith(speakerPrefix)) {
          rows.add(rel + "\t" + rel.split("/")[0] + "\t" + p.getFileName().toString().split("-")[0]);
        }
      });
    }
    Files.write(file, rows);
  }

  @BeforeAll
  static void corpora() throws IOException {
    Random r = new Random(21);
    ravdess = corpus("ravdess", List.of("Actor_01", "Actor_02", "Actor_03", "Actor_04", "Actor_05", "Actor_06"),
        List.of(1.0, 1.04, 0.96, 1.02, 0.98, 1.6), 5, r);
    savee = corpus("savee", List.of("DC", "JE"), List.of(1.05, 0.95), 5, r);
    emobox = Files.createDirectories(dir.resolve("emobox"));
    Files.writeString(emobox.resolve("ravdess-folds.tsv"), "fold\ttest_actors\n1\tActor_06\n2\tActor_01\n");
    list(emobox.resolve("savee-balanced-test.tsv"), savee, "");
    list(emobox.resolve("ravdess-balanced-test.tsv"), ravdess, "Actor_0");
  }

  static LabRun.Result study(Path runs, Path doc, String sections) {
    return LabRun.run("study", "voices", "--data", ravdess.toString(), "--data", savee.toString(), "--emobox",
        emobox.toString(), "--sections", sections, "--runs", runs.toString(), "--out", doc.toString(), "--folds", "1",
        "--augment", "none", "--no-cache", "--threads", "2");
  }

  @Test
  void everySectionIsMeasuredThroughPredictAndResumes() throws Exception {
    Path runs = dir.resolve("runs");
    Path doc = Files.writeString(dir.resolve("doc.md"), "# Evaluation\n\nText the study keeps.\n");
    LabRun.Result r = study(runs, doc, "emobox,cross,loco,channels");
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    String md = Files.readString(doc);
    assertThat(md).startsWith("# Evaluation\n\nText the study keeps.").contains(StudyVoicesCommand.BEGIN)
        .contains(StudyVoicesCommand.END).contains("### EmoBox RAVDESS, 8 classes").contains("### EmoBox cross-corpus")
        .contains("### Leave one corpus out").contains("### Channels on RAVDESS").contains("Command: `./empathic-art "
            + "study voices --sections emobox").contains("**A quick run");
    assertThat(md).contains("| ravdess → savee | 40 |").contains("| savee → ravdess | 120 |");
    for (var ch : StudyVoicesCommand.channelConditions()) {
      assertThat(md).contains("| " + ch.describe() + " |");
    }

    // Every EmoBox fold-1 clip (Actor_06, all 20) was heard alone: the study's probabilities are predict's.
    List<List<String>> rows = clips(runs).stream().filter(l -> l.get(0).equals("emobox")).toList();
    assertThat(rows).hasSize(20).allSatisfy(l -> assertThat(l.get(5)).isEqualTo("Actor_06"));
    Path model = runs.resolve("emobox").resolve("fold-1");
    Map<String, Map<String, Double>> transductive = trainerPredictions(model);
    double largestGap = 0;
    int correct = 0;
    try (EmotionRecognizer rec = EmotionRecognizer.load(model)) {
      for (List<String> l : rows) {
        Audio a = art.empathic.audio.WavReader.read(Path.of(l.get(3)));
        EmotionPrediction p = rec.predict(a.samples(), a.sampleRate());
        Map<String, Double> study = probabilities(l.get(9));
        assertThat(study).hasSize(rec.classes().size());
        for (Emotion e : rec.classes()) {
          assertThat(study.get(e.label())).as(l.get(3)).isCloseTo(p.probability(e), offset(1e-4));
          largestGap = Math.max(largestGap, Math.abs(study.get(e.label()) - transductive.get(l.get(3)).get(e.label())));
        }
        correct += l.get(6).equals(l.get(7)) ? 1 : 0;
      }
    }
    // With the speaker's own statistics the model answers otherwise: had the study used them, the
    // probabilities above could not have matched predict's.
    assertThat(largestGap).isGreaterThan(0.05);
    // The table's figure is the one these clips give (WA = accuracy over the 20 clips).
    assertThat(md).containsPattern("\\| 1 \\| Actor_06 \\| 20 \\| [0-9.]+ \\| "
        + VoicesStudy.pct(correct / 20.0).replace(".", "\\.") + " \\|");

    // A second run trains nothing and scores nothing again.
    LabRun.Result again = study(runs, doc, "emobox,cross,loco,channels");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).doesNotContain("training ").contains("kept " + model).contains("kept the scores");
    assertThat(Files.readString(doc)).contains("### Leave one corpus out");
  }

  @Test
  void theOriginalStudyNamesItsCommandsAndWhatItLacks() throws Exception {
    Path doc = dir.resolve("orig.md");
    LabRun.Result r = study(dir.resolve("runs-orig"), doc, "original");
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(doc);
    assertThat(md).contains("./empathic-art train --model mlp --alpha 1.0E-4").contains("--test-fraction 0.25")
        .contains("./empathic-art train --model cnn_lstm_paper --epochs 500 --ensemble 1 --data " + ravdess)
        .contains("--neutral calm --split random --test-fraction 0.2 --seed 42").contains("Not run: the mix needs tess");
  }

  @Test
  void figuresAreComputedAsDefined() {
    List<Emotion> classes = List.of(Emotion.ANGRY, Emotion.HAPPY, Emotion.SAD);
    List<VoicesStudy.Scored> s = List.of(
        scored(Emotion.ANGRY, classes, 0.7, 0.2, 0.1), // angry: right
        scored(Emotion.ANGRY, classes, 0.1, 0.6, 0.3), // angry -> happy
        scored(Emotion.ANGRY, classes), // no voice: a miss
        scored(Emotion.SAD, classes, 0.2, 0.5, 0.3)); // sad -> happy, but sad among {angry, sad}
    DecisionScore all = VoicesStudy.figures(s, null, null);
    assertThat(all.clips()).isEqualTo(4);
    assertThat(all.accuracy()).isEqualTo(0.25);
    assertThat(all.uar()).isCloseTo((1 / 3.0 + 0) / 2, offset(1e-12));
    // F1: angry p=1, r=1/3 -> 0.5; sad 0.
    assertThat(all.macroF1()).isCloseTo(0.25, offset(1e-12));
    assertThat(all.majority()).isEqualTo(0.75);
    assertThat(all.noVoice()).isEqualTo(1);
    Set<Emotion> two = Set.of(Emotion.ANGRY, Emotion.SAD);
    DecisionScore restricted = VoicesStudy.figures(s, two, null);
    assertThat(restricted.accuracy()).isEqualTo(0.5); // clip 2 -> sad (wrong), clip 4 -> sad (right)
    assertThat(restricted.uar()).isCloseTo((1 / 3.0 + 1) / 2, offset(1e-12));
    DecisionScore onlySad = VoicesStudy.figures(s, two, Set.of(Emotion.SAD));
    assertThat(onlySad.clips()).isEqualTo(1);
    assertThat(onlySad.accuracy()).isEqualTo(1.0);
  }

  /**
   * The published tables must not move: on random clip sets (no-voice clips, classes never decided,
   * decided classes absent from the truth, restricted and as-predicted decisions, scored subsets)
   * the core's figures equal, to the last bit, what the lab's own {@code VoicesStudy.Figures.of}
   * gave before it was deleted ({@link #figuresAsTheLabComputedThem}, kept verbatim as the oracle).
   */
  @Test
  void figuresEqualWhatTheLabsOwnCopyGaveToTheLastBit() {
    Random r = new Random(7);
    Emotion[] all = Emotion.values();
    for (int round = 0; round < 2000; round++) {
      List<Emotion> classes = new ArrayList<>();
      for (Emotion e : all) {
        if (r.nextInt(3) > 0) {
          classes.add(e);
        }
      }
      if (classes.size() < 2) {
        classes = List.of(Emotion.ANGRY, Emotion.SAD);
      }
      List<VoicesStudy.Scored> s = new ArrayList<>();
      int n = r.nextInt(40);
      for (int i = 0; i < n; i++) {
        Emotion truth = all[r.nextInt(all.length)]; // sometimes a class the model lacks
        double[] p = new double[r.nextInt(8) == 0 ? 0 : classes.size()]; // sometimes no voice
        for (int k = 0; k < p.length; k++) {
          p[k] = r.nextInt(5) / 4.0; // coarse values: ties too
        }
        s.add(scored(truth, classes, p));
      }
      Set<Emotion> allowed = null;
      if (r.nextBoolean()) {
        allowed = new java.util.TreeSet<>(classes.subList(0, 1 + r.nextInt(classes.size())));
      }
      Set<Emotion> scoredClasses = r.nextBoolean() ? null
          : new java.util.HashSet<>(List.of(all[r.nextInt(all.length)], all[r.nextInt(all.length)]));
      DecisionScore now = VoicesStudy.figures(s, allowed, scoredClasses);
      double[] before = figuresAsTheLabComputedThem(s, allowed, scoredClasses);
      assertThat(new double[] {now.clips(), now.accuracy(), now.uar(), now.macroF1(), now.majority(), now.noVoice()})
          .as("round %d", round).isEqualTo(before);
    }
  }

  /** {@code VoicesStudy.Figures.of} as it stood before the core's {@code DecisionScore} replaced it (fields as an array). */
  private static double[] figuresAsTheLabComputedThem(List<VoicesStudy.Scored> s, Set<Emotion> allowed,
      Set<Emotion> scored) {
    Map<Emotion, Integer> support = new java.util.LinkedHashMap<>();
    Map<Emotion, Integer> hits = new java.util.LinkedHashMap<>();
    Map<Emotion, Integer> predicted = new java.util.LinkedHashMap<>();
    int n = 0;
    int correct = 0;
    int silent = 0;
    for (VoicesStudy.Scored c : s) {
      Emotion truth = c.clip().emotion();
      if (scored != null && !scored.contains(truth)) {
        continue;
      }
      n++;
      support.merge(truth, 1, Integer::sum);
      Emotion d = c.decide(allowed);
      if (!c.voiceHeard()) {
        silent++;
      }
      if (d != null) {
        predicted.merge(d, 1, Integer::sum);
      }
      if (d == truth) {
        correct++;
        hits.merge(truth, 1, Integer::sum);
      }
    }
    if (n == 0) {
      return new double[] {0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0};
    }
    double recallSum = 0;
    double f1Sum = 0;
    int most = 0;
    for (Map.Entry<Emotion, Integer> e : support.entrySet()) {
      int h = hits.getOrDefault(e.getKey(), 0);
      double recall = h / (double) e.getValue();
      int p = predicted.getOrDefault(e.getKey(), 0);
      double precision = p == 0 ? 0 : h / (double) p;
      recallSum += recall;
      f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      most = Math.max(most, e.getValue());
    }
    return new double[] {n, correct / (double) n, recallSum / support.size(), f1Sum / support.size(),
        most / (double) n, silent};
  }

  @Test
  void badSectionsAreRefusedInOneLine() {
    assertThatThrownBy(() -> StudyVoicesCommand.parseSections("emobox,folds"))
        .hasMessage("--sections: unknown 'folds' (use emobox, cross, loco, channels, original)");
    assertThat(StudyVoicesCommand.parseSections("loco, emobox,loco")).containsExactly("loco", "emobox");
  }

  static VoicesStudy.Scored scored(Emotion truth, List<Emotion> classes, double... p) {
    Clip c = new Clip(Path.of("/c/" + truth + p.length + (p.length > 0 ? p[0] : 0) + ".wav"), "t", "s", Gender.UNKNOWN,
        truth, truth.label(), null, ContentHash.of("x"), ContentHash.of("x"), 1.0);
    return new VoicesStudy.Scored(c, classes, p);
  }

  static List<List<String>> clips(Path runs) throws IOException {
    List<String> lines = Files.readAllLines(runs.resolve(StudyVoicesCommand.CLIPS_FILE));
    assertThat(Csv.parseLine(lines.get(0), ',')).containsExactly("section", "unit", "condition", "path", "corpus",
        "speaker", "true", "predicted", "predicted_restricted", "probabilities");
    return lines.subList(1, lines.size()).stream().map(l -> Csv.parseLine(l, ',')).toList();
  }

  static Map<String, Double> probabilities(String field) {
    Map<String, Double> m = new HashMap<>();
    for (String kv : field.split(" ")) {
      String[] p = kv.split("=");
      m.put(p[0], Double.parseDouble(p[1]));
    }
    return m;
  }

  /** The trainer's own test predictions (speaker statistics known), per path and class label. */
  static Map<String, Map<String, Double>> trainerPredictions(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("predictions.csv"));
    List<String> header = Csv.parseLine(lines.get(0), ',');
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = Csv.parseLine(line, ',');
      Map<String, Double> p = new HashMap<>();
      for (int k = 3; k < header.size(); k++) {
        p.put(Emotion.fromLabel(header.get(k).substring(2)).label(), Double.parseDouble(f.get(k)));
      }
      out.put(Path.of(f.get(0)).toAbsolutePath().toString(), p);
    }
    return out;
  }
}
