package art.empathic.recognize;

import art.empathic.run.ReleaseInfo;

import art.empathic.io.Json;
import art.empathic.run.Predictions;
import art.empathic.run.RunEvaluation;
import art.empathic.run.RunMetrics;
import art.empathic.report.RunReport;
import art.empathic.run.RunSpec;
import art.empathic.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import art.empathic.run.FusionSpec;
import art.empathic.run.RunFiles;
import java.util.Collections;

/**
 * Late fusion: a run directory whose predictions are the weighted average of the class
 * probabilities of finished runs on the same test clips. It reports like any run (training
 * time is the members' sum) and serves like any model ({@link FusedRecognizer}).
 */
public final class Fusion {
  static final String FILE = RunFiles.FUSION;

  /** A member run and its weight (weights are normalised to sum to 1). */
  record Member(Path run, double weight) {}

  private Fusion() {}

  static boolean isFused(Path dir) {
    return Files.exists(dir.resolve(FILE));
  }

  /** The members of a fused run directory, with their paths resolved. */
  static List<Member> read(Path dir) throws IOException {
    FusionSpec spec = Json.read(dir.resolve(FILE), FusionSpec.class);
    List<Member> members = new ArrayList<>();
    for (FusionSpec.Member m : spec.members()) {
      members.add(new Member(dir.resolve(m.run()).normalize(), m.weight()));
    }
    if (members.size() < 2) {
      throw new IOException(dir.resolve(FILE) + ": a fusion needs at least two member runs");
    }
    return members;
  }

  /**
   * The weights' sum, after checking that there are at least two runs and one non-negative weight
   * per run, not all zero; {@code who} and {@code weightsWho} begin the two messages.
   */
  private static double checkedTotal(List<Path> runs, List<Double> w, String who, String weightsWho) {
    if (runs.size() < 2) {
      throw new IllegalArgumentException(who + " needs at least two runs, got " + runs.size());
    }
    if (w.size() != runs.size() || w.stream().anyMatch(x -> !(x >= 0)) || w.stream().mapToDouble(x -> x).sum() <= 0) {
      throw new IllegalArgumentException(weightsWho + " needs one non-negative weight per run (" + runs.size()
          + "), not all zero; got " + w);
    }
    return w.stream().mapToDouble(x -> x).sum();
  }

  /** Fuses finished runs into {@code out}; returns the fused metrics. */
  public static RunMetrics fuse(List<Path> runs, List<Double> weights, Path out, String name) throws IOException {
    List<Double> w = weights == null || weights.isEmpty() ? Collections.nCopies(runs.size(), 1.0) : weights;
    double total = checkedTotal(runs, w, "fuse", "--weights");
    if (Files.exists(out.resolve(RunMetrics.FILE))) {
      throw new IllegalArgumentException(out + ": already holds a finished run; choose another --out or delete it");
    }
    List<RunSpec> specs = new ArrayList<>();
    List<RunMetrics> metrics = new ArrayList<>();
    List<Predictions> predictions = new ArrayList<>();
    for (Path run : runs) {
      if (!Files.exists(run.resolve(RunMetrics.FILE))) {
        throw new IllegalArgumentException(run + ": not a finished run (no " + RunMetrics.FILE + ")");
      }
      RunSpec spec = RunSpec.read(run);
      specs.add(spec);
      metrics.add(RunMetrics.read(run));
      predictions.add(Predictions.read(run.resolve(Predictions.FILE), spec.classes()));
    }
    List<String> classes = specs.get(0).classes();
    Predictions first = predictions.get(0);
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < first.paths().size(); i++) {
      row.put(first.paths().get(i), i);
    }
    double[][] fused = new double[first.paths().size()][classes.size()];
    for (int m = 0; m < runs.size(); m++) {
      Predictions p = predictions.get(m);
      if (!specs.get(m).classes().equals(classes) || p.paths().size() != row.size()
          || !row.keySet().containsAll(p.paths())) {
        throw new IllegalArgumentException(runs.get(m) + ": its classes or test clips differ from " + runs.get(0)
            + "'s; fuse runs of the same corpus and split");
      }
      for (int i = 0; i < p.paths().size(); i++) {
        double[] target = fused[row.get(p.paths().get(i))];
        for (int k = 0; k < classes.size(); k++) {
          target[k] += w.get(m) / total * p.probabilities()[i][k];
        }
      }
    }
    Files.createDirectories(out);
    writeDescription(out, runs, w, total, specs, metrics, name);
    float[][] probs = new float[fused.length][classes.size()];
    List<String> truth = new ArrayList<>();
    for (int i = 0; i < fused.length; i++) {
      for (int k = 0; k < classes.size(); k++) {
        probs[i][k] = (float) fused[i][k];
      }
      truth.add(classes.get(first.yTrue()[i]));
    }
    RunFiles.writePredictions(out, first.paths(), truth, probs, classes);
    int epochs = metrics.stream().mapToInt(m -> m.epochs() == null ? 0 : m.epochs()).max().orElse(0);
    double seconds = metrics.stream().mapToDouble(m -> m.trainingSeconds() == null ? 0 : m.trainingSeconds()).sum();
    RunMetrics fusedMetrics = RunEvaluation.writeMetrics(out, metrics.get(0).split(), epochs, seconds);
    RunReport.write(out);
    return fusedMetrics;
  }

  /**
   * Fuses finished release runs ({@code train --split none}: no test part, so no predictions to
   * average) into {@code out}: {@code fusion.json}, {@code spec.json} and a {@code release.json}
   * that sums the members' training, written last so that the default-model rule finds the fused
   * run as the newest release. It serves like any model ({@link FusedRecognizer}).
   */
  public static ReleaseInfo fuseRelease(List<Path> runs, List<Double> weights, Path out, String name) throws IOException {
    double total = checkedTotal(runs, weights, "a fusion", "a fusion");
    if (ReleaseInfo.isRelease(out) || Files.exists(out.resolve(RunMetrics.FILE))) {
      throw new IllegalArgumentException(out + ": already holds a finished run; choose another --out or delete it");
    }
    List<RunSpec> specs = new ArrayList<>();
    List<ReleaseInfo> infos = new ArrayList<>();
    for (Path run : runs) {
      if (!ReleaseInfo.isRelease(run)) {
        throw new IllegalArgumentException(run + ": not a finished release run (no " + ReleaseInfo.FILE + ")");
      }
      specs.add(RunSpec.read(run));
      infos.add(ReleaseInfo.read(run));
      if (!specs.get(specs.size() - 1).classes().equals(specs.get(0).classes())) {
        throw new IllegalArgumentException(run + ": its classes differ from " + runs.get(0) + "'s");
      }
    }
    Files.createDirectories(out);
    List<RunMetrics> noMetrics = java.util.Collections.nCopies(runs.size(), null);
    writeDescription(out, runs, weights, total, specs, noMetrics, name);
    ReleaseInfo first = infos.get(0);
    String display = name != null ? name : RunSpec.read(out).displayName();
    ReleaseInfo fused = new ReleaseInfo("fusion", display, ReleaseInfo.PROTOCOL, first.data(), first.classes(),
        first.clipsPerClass(), first.nTrain(), first.nValidation(), first.speakers(),
        infos.stream().mapToInt(ReleaseInfo::epochs).max().orElse(0),
        infos.stream().mapToDouble(ReleaseInfo::trainingSeconds).sum(), java.time.Instant.now().toString(),
        List.of("late fusion of release runs: " + runs.stream().map(r -> r.getFileName().toString()).toList()
            + "; trained on every clip, so it has no test figure of its own (docs/research/GENERALIZATION.md, \"A log-mel CRNN with attention pooling\")"));
    fused.write(out);
    return fused;
  }

  private static void writeDescription(Path out, List<Path> runs, List<Double> w, double total, List<RunSpec> specs,
      List<RunMetrics> metrics, String name) throws IOException {
    List<FusionSpec.Member> members = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (int m = 0; m < runs.size(); m++) {
      Path abs = runs.get(m).toAbsolutePath().normalize();
      Path rel;
      try {
        rel = out.toAbsolutePath().normalize().relativize(abs);
      } catch (IllegalArgumentException differentRoots) {
        rel = abs;
      }
      members.add(new FusionSpec.Member(rel.toString(), w.get(m) / total, specs.get(m).displayName(),
          metrics.get(m) == null ? Double.NaN : metrics.get(m).accuracy()));
      parts.add(String.format(Locale.ROOT, "%s x %.2f", specs.get(m).displayName(), w.get(m) / total));
    }
    FusionSpec fusion = new FusionSpec(members);
    AtomicFiles.write(out.resolve(FILE), Json.SNAKE_CASE.writeValueAsBytes(fusion));
    int epochs = metrics.stream().mapToInt(m -> m == null || m.epochs() == null ? 0 : m.epochs()).max().orElse(0);
    RunSpec spec = new RunSpec("fusion", name != null ? name : "Fusion: " + String.join(" + ", parts),
        Json.SNAKE_CASE.valueToTree(fusion), "late fusion of " + String.join(" + ", parts), specs.get(0).classes(),
        Json.SNAKE_CASE.valueToTree(new FusionSpec.Hyperparameters(runs.size(), epochs)), specs.get(0).seed());
    AtomicFiles.write(out.resolve(RunSpec.FILE), Json.SNAKE_CASE.writeValueAsBytes(spec));
  }
}
