package art.empathic.report;

import art.empathic.model.ModelFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunDirectory;
import java.util.Locale;

/**
 * The study's tables, built from run directories:
 *
 * <ul>
 *   <li>{@link #comparison}: per protocol, the original study's columns (Model, Input Feature,
 *       Training Time, Epochs, Accuracy, F1-score, Loss) plus the original figure and which runs
 *       a row stands for. Runs of one configuration (same display name and feature: the folds of
 *       the speaker-independent protocol, or several seeds) form one row with mean ± sample
 *       standard deviation;
 *   <li>{@link #progress}: per model family, how its rows stand against the original figures;
 *   <li>{@link #sideBySide}: each configuration under the random split and speaker-independent.
 * </ul>
 */
public final class ComparisonTable {
  private ComparisonTable() {}

  /** The comparison table of the finished runs reported under {@code protocol}. */
  public static Table comparison(List<LabelledRun> runs, Protocol protocol) {
    List<List<String>> rows = new ArrayList<>();
    for (List<RunDirectory> g : groups(runs, protocol)) {
      RunDirectory first = g.get(0);
      List<Double> acc = g.stream().map(r -> r.metrics().accuracy()).toList();
      List<Double> f1 = g.stream().map(r -> r.metrics().f1Macro()).toList();
      List<Double> loss = g.stream().map(r -> r.metrics().loss()).filter(l -> l != null && !l.isNaN()).toList();
      List<Double> secs = g.stream().map(r -> r.metrics().trainingSeconds()).filter(s -> s != null).toList();
      TreeSet<Integer> epochs = g.stream().map(RunDirectory::epochsRun).collect(Collectors.toCollection(TreeSet::new));
      Optional<OriginalStudy.Figure> original = protocol == Protocol.RANDOM ? OriginalStudy.figureFor(first) : Optional.empty();
      rows.add(List.of(
          first.displayName(),
          first.featureName(),
          secs.isEmpty() ? Fmt.NONE : Fmt.duration(Fmt.mean(secs)) + (g.size() > 1 ? " (mean)" : ""),
          epochs.size() == 1 ? epochs.first().toString() : epochs.first() + "–" + epochs.last(),
          Fmt.percentMeanStd(acc),
          Fmt.decimalMeanStd(f1),
          loss.isEmpty() ? Fmt.NONE : Fmt.decimalMeanStd(loss),
          original.map(o -> Fmt.percent(o.accuracy()) + (o.trainingTime() == null ? "" : " (" + o.trainingTime() + ")")).orElse(Fmt.NONE),
          runsLabel(g)));
    }
    return new Table(
        List.of("Model", "Input Feature", "Training Time", "Epochs", "Accuracy", "F1-score (macro)", "Loss",
            "Original study", "Runs"),
        List.of(false, false, true, true, true, true, true, true, false), rows);
  }

  /** Per model family: finished and unfinished runs, and each original row's standing. */
  public static Table progress(List<LabelledRun> runs) {
    List<List<String>> rows = new ArrayList<>();
    List<String> families = new ArrayList<>();
    for (ModelFamily f : ModelFamily.values()) {
      // The study's families always (their original rows are the yardstick); newer ones when they have runs.
      boolean inStudy = OriginalStudy.FIGURES.stream().anyMatch(fig -> fig.family() == f);
      if (inStudy || runs.stream().anyMatch(r -> r.run().model().equals(f.cliName()))) {
        families.add(f.cliName());
      }
    }
    runs.stream().map(r -> r.run().model()).filter(m -> !families.contains(m)).distinct().forEach(families::add);
    for (String family : families) {
      List<LabelledRun> mine = runs.stream().filter(r -> r.run().model().equals(family)).toList();
      long randomDone = mine.stream().filter(r -> r.run().finished() && r.protocol() == Protocol.RANDOM).count();
      List<LabelledRun> speakerDone = mine.stream().filter(r -> r.run().finished() && r.protocol() == Protocol.SPEAKER).toList();
      List<LabelledRun> unfinished = mine.stream().filter(r -> !r.run().finished()).toList();
      List<String> status = new ArrayList<>();
      List<LabelledRun> reported = new ArrayList<>();
      for (OriginalStudy.Figure fig : OriginalStudy.FIGURES) {
        if (!fig.family().cliName().equals(family)) {
          continue;
        }
        Optional<Double> best = mine.stream()
            .filter(r -> r.run().finished() && r.protocol() == Protocol.RANDOM)
            .filter(r -> OriginalStudy.figureFor(r.run()).map(fig::equals).orElse(false))
            .map(r -> r.run().metrics().accuracy()).max(Comparator.naturalOrder());
        List<LabelledRun> pending = unfinished.stream()
            .filter(r -> r.protocol() == Protocol.RANDOM)
            .filter(r -> OriginalStudy.figureFor(r.run()).map(fig::equals).orElse(false)).toList();
        String none = pending.isEmpty() ? "not run" : unfinishedLabel(pending.get(0).run());
        status.add(fig.row() + ": " + best.map(b -> Fmt.percent(b) + " vs " + Fmt.percent(fig.accuracy())
            + (b > fig.accuracy() ? ", beats the original" : ", below the original")).orElse(none));
        reported.addAll(pending);
      }
      for (LabelledRun u : unfinished) {
        if (!reported.contains(u)) {
          status.add(u.run().displayName() + ": " + unfinishedLabel(u.run()));
        }
      }
      if (mine.isEmpty()) {
        status = List.of("not run");
      } else if (status.isEmpty()) {
        status.add("done");
      }
      String title = ModelFamily.byCliName(family).map(ModelFamily::title).orElse(family);
      String speaker = speakerDone.isEmpty() ? Fmt.NONE
          : Fmt.percentMeanStd(speakerDone.stream().map(r -> r.run().metrics().accuracy()).toList())
              + " (" + speakerDone.size() + (speakerDone.size() == 1 ? " fold)" : " folds)");
      rows.add(List.of(title, Long.toString(randomDone), speaker, String.join("; ", status)));
    }
    return new Table(List.of("Model family", "Random-split runs", "Speaker-independent accuracy", "Status"),
        List.of(false, true, true, false), rows);
  }

  /**
   * Each configuration run under the speaker-independent protocol: its random-split accuracy and
   * macro F1 beside the speaker-independent mean ± std over folds, and the gap in percentage points.
   */
  public static Table sideBySide(List<LabelledRun> runs) {
    Map<String, List<RunDirectory>> random = byName(groups(runs, Protocol.RANDOM));
    Map<String, List<RunDirectory>> speaker = byName(groups(runs, Protocol.SPEAKER));
    // Configurations run under the speaker-independent protocol; random-only rows are in the
    // random split's own table.
    List<String> names = new ArrayList<>(speaker.keySet());
    List<List<String>> rows = new ArrayList<>();
    for (String name : names) {
      List<RunDirectory> r = random.getOrDefault(name, List.of());
      List<RunDirectory> s = speaker.getOrDefault(name, List.of());
      List<Double> rAcc = r.stream().map(x -> x.metrics().accuracy()).toList();
      List<Double> sAcc = s.stream().map(x -> x.metrics().accuracy()).toList();
      rows.add(List.of(name,
          rAcc.isEmpty() ? Fmt.NONE : Fmt.percentMeanStd(rAcc),
          r.isEmpty() ? Fmt.NONE : Fmt.decimalMeanStd(r.stream().map(x -> x.metrics().f1Macro()).toList()),
          sAcc.isEmpty() ? Fmt.NONE : Fmt.percentMeanStd(sAcc),
          s.isEmpty() ? Fmt.NONE : Fmt.decimalMeanStd(s.stream().map(x -> x.metrics().f1Macro()).toList()),
          s.isEmpty() ? "none" : foldsLabel(s),
          rAcc.isEmpty() || sAcc.isEmpty() ? Fmt.NONE
              : String.format(Locale.ROOT, "%+.1f", 100 * (Fmt.mean(sAcc) - Fmt.mean(rAcc)))));
    }
    return new Table(List.of("Model", "Random split: accuracy", "Random split: F1 (macro)",
            "Speaker-independent: accuracy", "Speaker-independent: F1 (macro)", "Folds run", "Gap (points)"),
        List.of(false, true, true, true, true, false, true), rows);
  }

  /**
   * Finished runs under {@code protocol}, grouped by configuration, ordered by model family,
   * then epochs, alpha and name.
   */
  static List<List<RunDirectory>> groups(List<LabelledRun> runs, Protocol protocol) {
    Map<String, List<RunDirectory>> groups = new LinkedHashMap<>();
    runs.stream()
        .filter(r -> r.protocol() == protocol && r.run().finished())
        .sorted(Comparator.comparingInt((LabelledRun r) -> familyOrder(r.run().model()))
            .thenComparingInt(r -> r.run().plannedEpochs().orElse(r.run().epochsRun()))
            .thenComparingDouble(r -> r.run().spec() == null ? 0 : r.run().spec().hyperparameter("alpha").orElse(0.0))
            .thenComparing(r -> r.run().displayName()))
        .forEach(r -> groups.computeIfAbsent(r.run().displayName() + "\u0000" + r.run().featureName(),
            k -> new ArrayList<>()).add(r.run()));
    return new ArrayList<>(groups.values());
  }

  private static Map<String, List<RunDirectory>> byName(List<List<RunDirectory>> groups) {
    Map<String, List<RunDirectory>> m = new LinkedHashMap<>();
    for (List<RunDirectory> g : groups) {
      m.computeIfAbsent(g.get(0).displayName(), k -> new ArrayList<>()).addAll(g);
    }
    return m;
  }

  private static int familyOrder(String model) {
    return ModelFamily.byCliName(model).map(Enum::ordinal).orElse(ModelFamily.values().length);
  }

  private static String unfinishedLabel(RunDirectory run) {
    return "unfinished (" + run.epochsRun() + run.plannedEpochs().map(p -> " of " + p).orElse("")
        + " epochs, no metrics.json)";
  }

  /** "seed 42", "fold 3", "folds 1, 2", "seeds 7, 13, 42", or the directory name. */
  static String runsLabel(List<RunDirectory> g) {
    boolean folds = g.stream().allMatch(r -> r.fold().isPresent());
    if (folds) {
      return foldsLabel(g);
    }
    List<String> seeds = g.stream().map(r -> r.seed().map(String::valueOf).orElse("?")).distinct().toList();
    if (g.size() == 1) {
      return "seed\u00a0" + seeds.get(0);
    }
    return g.size() + " runs, seeds " + String.join(", ", seeds);
  }

  private static String foldsLabel(List<RunDirectory> g) {
    List<String> f = g.stream().map(r -> r.fold().orElse(Integer.MAX_VALUE)).sorted()
        .map(x -> x == Integer.MAX_VALUE ? "?" : x.toString()).toList();
    // No-break spaces keep "fold 3" on one line in narrow HTML columns.
    return (f.size() == 1 ? "fold\u00a0" : "folds\u00a0") + String.join(",\u00a0", f);
  }
}
