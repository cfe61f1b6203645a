package art.empathic.lab.bench;

import art.empathic.adapt.AdaptationStudy;
import art.empathic.recognize.ModelRecognizer;

import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.Splitter;
import art.empathic.train.ModelSpec;
import art.empathic.train.SpeakerStatistics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench adapt}: accuracy of speaker sessions against the seconds of speech heard. */
@Command(name = "adapt", mixinStandardHelpOptions = true,
    description = {
      "Measures speaker adaptation (docs/research/ADAPTATION.md). For each run, every test clip of every held-out",
      "speaker is predicted after the session heard LEVEL seconds of that speaker's other clips (random",
      "orders), with the speaker's statistics blended at each WEIGHT, in mixed sessions (any emotion) and",
      "steady ones (only the target's own emotion). With --data the clips are all of that corpus (a",
      "cross-corpus test; the argmax is restricted to the classes both have). Prints Markdown tables."})
final class BenchAdaptCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "RUNDIR", description = "A run trained with per-speaker "
      + "normalisation (repeatable; speaker-fold runs are tested on their own held-out speakers).")
  List<Path> runs;

  @Option(names = "--data", paramLabel = "DIR", description = "Test on every clip of this corpus instead.")
  Path data;

  @Option(names = "--levels", split = ",", defaultValue = "0,10,30,60", paramLabel = "S,S",
      description = "Seconds of the speaker's speech heard first (default ${DEFAULT-VALUE}; 'all' = every other clip).")
  List<String> levels;

  @Option(names = "--weights", split = ",", defaultValue = "0.25,0.5,0.75,1", paramLabel = "W,W",
      description = "Weights of the speaker's statistics to try (default ${DEFAULT-VALUE}).")
  List<Double> weights;

  @Option(names = "--blend", split = ",", paramLabel = "MIN,PRIOR,MAX",
      description = "Also measure this blend rule (default: the shipped one, "
          + "min 10 s, prior 30 s, max weight 0.02).")
  List<Double> blend;

  @Option(names = "--orders", defaultValue = "2", paramLabel = "N", description = "Random orders per clip (default ${DEFAULT-VALUE}).")
  int orders;

  @Option(names = "--no-grid", description = "Only the blend rule, not every weight.")
  boolean noGrid;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S") long seed;

  @Option(names = "--confidence", description = "Also print accuracy by top probability through the public API "
      + "(one clip, no session): what the \"not sure\" threshold is chosen on.")
  boolean confidence;

  @Option(names = "--variants", description = "Also compare blend variants: a typical speaker's spread as the prior, "
      + "and per-channel weights from the share of each channel's variance that lies between speakers.")
  boolean variants;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    double[] lv = levels.stream().mapToDouble(s -> s.equalsIgnoreCase("all") ? Double.POSITIVE_INFINITY
        : Double.parseDouble(s)).toArray();
    double[] ws = weights.stream().mapToDouble(Double::doubleValue).toArray();
    SpeakerStatistics.Blend rule = blend == null ? SpeakerStatistics.Blend.DEFAULT
        : new SpeakerStatistics.Blend(blend.get(0), blend.get(1), blend.get(2));
    Map<Boolean, Map<Double, Map<Double, int[]>>> gridTotals = new LinkedHashMap<>();
    Map<Boolean, Map<Double, int[]>> ruleTotals = new LinkedHashMap<>();
    Map<Boolean, Map<Double, double[]>> heardTotals = new LinkedHashMap<>();
    Map<Boolean, Map<Double, List<Double>>> perRun = new LinkedHashMap<>();
    List<AdaptationStudy.Answer> answers = new ArrayList<>();
    Map<String, int[][]> variantTotals = new LinkedHashMap<>();
    Corpus shared = data == null ? null : Corpus.load(List.of(data), new CorpusOptions(null, NeutralPolicy.DROP));
    for (Path run : runs) {
      try (ModelRecognizer rec = ModelRecognizer.open(run, 1)) {
        ModelSpec ms = ModelSpec.read(run);
        List<art.empathic.corpus.Clip> clips;
        if (shared != null) {
          clips = shared.clips();
        } else {
          Corpus c = Corpus.load(ms.data().stream().map(Path::of).toList(), new CorpusOptions(
              ms.corpusKind(), ms.neutral()));
          clips = Splitter.split(c.clips(), ms.split()).test();
        }
        Set<Emotion> scored = new LinkedHashSet<>(rec.classes());
        scored.retainAll(clips.stream().map(art.empathic.corpus.Clip::emotion).toList());
        AdaptationStudy study = new AdaptationStudy(rec);
        List<String> skipped = new ArrayList<>();
        List<AdaptationStudy.Heard> heard = study.load(clips, skipped);
        out.printf(Locale.ROOT, "run %s: %d clips of %d speakers, scored classes %s%s%n", run, heard.size(),
            heard.stream().map(AdaptationStudy.Heard::speaker).distinct().count(), scored,
            skipped.isEmpty() ? "" : "; skipped " + skipped.size() + " (" + skipped.get(0) + (skipped.size() > 1 ? ", ..." : "") + ")");
        out.flush();
        answers.addAll(confidence ? study.publicAnswers(heard, scored) : List.of());
        if (variants) {
          java.util.Set<String> excluded = new java.util.HashSet<>(heard.stream().map(AdaptationStudy.Heard::speaker).toList());
          runVariants(study, heard, scored, lv, excluded, variantTotals);
        }
        for (boolean steady : new boolean[] {false, true}) {
          if (!noGrid) {
            var g = study.grid(heard, scored, steady, lv, ws, orders, seed);
            g.forEach((level, row) -> row.forEach((w, cell) -> {
              int[] t = gridTotals.computeIfAbsent(steady, k -> new LinkedHashMap<>())
                  .computeIfAbsent(level, k -> new LinkedHashMap<>()).computeIfAbsent(w, k -> new int[2]);
              t[0] += cell.correct();
              t[1] += cell.n();
            }));
          }
          var r = study.withRule(heard, scored, steady, lv, rule, orders, seed);
          r.forEach((level, cell) -> {
            int[] t = ruleTotals.computeIfAbsent(steady, k -> new LinkedHashMap<>()).computeIfAbsent(level, k -> new int[2]);
            t[0] += cell.correct();
            t[1] += cell.n();
            double[] h = heardTotals.computeIfAbsent(steady, k -> new LinkedHashMap<>()).computeIfAbsent(level, k -> new double[2]);
            h[0] += cell.meanSecondsHeard() * cell.n();
            h[1] += cell.n();
            perRun.computeIfAbsent(steady, k -> new LinkedHashMap<>()).computeIfAbsent(level, k -> new ArrayList<>())
                .add(cell.accuracy());
          });
          out.printf(Locale.ROOT, "  %s sessions, rule: %s%n", steady ? "steady" : "mixed", r.entrySet().stream()
              .map(e -> String.format(Locale.ROOT, "%s s -> %.1f%%", label(e.getKey()), 100 * e.getValue().accuracy()))
              .toList());
          out.flush();
        }
      }
    }
    out.println();
    for (boolean steady : new boolean[] {false, true}) {
      String kind = steady ? "Steady sessions (the speaker's clips of one emotion only)" : "Mixed sessions (any of the speaker's clips)";
      out.printf(Locale.ROOT, "### %s, blend rule min %.0f s, prior %.0f s, max weight %.2f%n%n", kind,
          rule.minSeconds(), rule.priorSeconds(), rule.maxWeight());
      out.println("| speech heard (asked) | mean heard | weight | accuracy, pooled | per run, mean ± sd |");
      out.println("|---|---|---|---|---|");
      for (double level : lv) {
        int[] t = ruleTotals.get(steady).get(level);
        double[] h = heardTotals.get(steady).get(level);
        List<Double> accs = perRun.get(steady).get(level);
        out.printf(Locale.ROOT, "| %s s | %.1f s | %.2f | %.1f%% (%d) | %s |%n", label(level), h[0] / h[1],
            rule.weight(h[0] / h[1]), 100.0 * t[0] / t[1], t[1], meanSd(accs));
      }
      out.println();
      if (!noGrid) {
        out.printf(Locale.ROOT, "%s, every weight (pooled accuracy):%n%n", kind);
        StringBuilder head = new StringBuilder("| heard |");
        StringBuilder rule2 = new StringBuilder("|---|");
        for (double w : ws) {
          head.append(String.format(Locale.ROOT, " w %.2f |", w));
          rule2.append("---|");
        }
        out.println(head);
        out.println(rule2);
        for (double level : lv) {
          Map<Double, int[]> row = gridTotals.get(steady).get(level);
          StringBuilder b = new StringBuilder("| " + label(level) + " s |");
          for (double w : ws) {
            int[] t = row.get(level == 0 ? 0.0 : w);
            b.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * t[0] / t[1]));
          }
          out.println(b);
        }
        out.println();
      }
    }
    if (confidence) {
      printConfidence(out, answers);
    }
    if (variants) {
      out.println("### Blend variants (pooled accuracy; adapting from 10 s; mixed | steady)");
      out.println();
      StringBuilder head = new StringBuilder("| variant |");
      StringBuilder rule2 = new StringBuilder("|---|");
      for (boolean steady : new boolean[] {false, true}) {
        for (double level : lv) {
          head.append(' ').append(steady ? "steady " : "mixed ").append(label(level)).append(" s |");
          rule2.append("---|");
        }
      }
      out.println(head);
      out.println(rule2);
      variantTotals.forEach((name, t) -> {
        StringBuilder b = new StringBuilder("| " + name + " |");
        for (int i = 0; i < t.length; i++) {
          b.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * t[i][0] / Math.max(1, t[i][1])));
        }
        out.println(b);
      });
      out.println();
    }
    out.flush();
    return 0;
  }

  /** The blend variants of {@code --variants}, their cells added to {@code totals} (mixed levels, then steady). */
  private void runVariants(AdaptationStudy study, List<AdaptationStudy.Heard> heard, Set<Emotion> scored, double[] lv,
      java.util.Set<String> excluded, Map<String, int[][]> totals) {
    art.empathic.train.Standardizer pop = study.population();
    art.empathic.train.Standardizer.Stats population = pop.unknownSpeakerStats();
    art.empathic.train.Standardizer.Stats typical = pop.typicalSpeaker(excluded);
    double[] share = pop.speakerShare(excluded);
    if (typical == null || share == null) {
      return;
    }
    int n = share.length;
    Map<String, java.util.function.Function<art.empathic.train.SpeakerStatistics, double[]>> vs = new LinkedHashMap<>();
    double[] flat02 = fill(n, 0.2);
    vs.put("w 0.2", st -> flat02);
    double[] flat01 = fill(n, 0.1);
    vs.put("w 0.1", st -> flat01);
    vs.put("w = share", st -> share);
    double[] sq = map(share, x -> x * x);
    vs.put("w = share^2", st -> sq);
    for (double[] g : new double[][] {{0.5, 0.9}, {0.6, 1.0}, {0.7, 1.1}, {0.8, 1.2}}) {
      vs.put(String.format(Locale.ROOT, "w = share x gate(spread, %.1f-%.1f)", g[0], g[1]), st -> {
        double gate = gate(st.spreadRatio(typical), g[0], g[1]);
        return map(share, x -> x * gate);
      });
      vs.put(String.format(Locale.ROOT, "w = 1 x gate(spread, %.1f-%.1f)", g[0], g[1]), st -> {
        double gate = gate(st.spreadRatio(typical), g[0], g[1]);
        return fill(n, gate);
      });
    }
    Map<String, double[]> spreads = new LinkedHashMap<>();
    boolean[] steadyNow = {false};
    vs.put("(spread probe, w 0.2)", st -> {
      double[] acc = spreads.computeIfAbsent((steadyNow[0] ? "steady " : "mixed ")
          + (st.seconds() < 20 ? "~10 s" : st.seconds() < 45 ? "~30 s" : "60+ s"), k -> new double[2]);
      acc[0] += st.spreadRatio(typical);
      acc[1] += 1;
      return flat02;
    });
    art.empathic.train.Standardizer.Stats clean = pop.originalSpeakersStats(excluded);
    Map<String, art.empathic.train.Standardizer.Stats> priors = new LinkedHashMap<>();
    vs.keySet().forEach(k -> priors.put(k, population));
    if (clean != null) {
      for (double w : new double[] {0, 0.1, 0.2, 0.5}) {
        String name = String.format(Locale.ROOT, "clean-speaker prior, w %.1f", w);
        double[] flat = fill(n, w);
        vs.put(name, st -> flat);
        priors.put(name, clean);
      }
      String name = "clean-speaker prior, w = share x gate(spread, 0.6-1.0)";
      vs.put(name, st -> {
        double gate = gate(st.spreadRatio(typical), 0.6, 1.0);
        return map(share, x -> x * gate);
      });
      priors.put(name, clean);
    }
    vs.forEach((name, f) -> {
      int[][] t = totals.computeIfAbsent(name, k -> new int[2 * lv.length][2]);
      int i = 0;
      for (boolean steady : new boolean[] {false, true}) {
        steadyNow[0] = steady;
        var cells = study.withChannelWeights(heard, scored, steady, lv, priors.get(name), f, 10, orders, seed);
        for (double level : lv) {
          t[i][0] += cells.get(level).correct();
          t[i][1] += cells.get(level).n();
          i++;
        }
      }
    });
    spreads.forEach((k, v) -> spec.commandLine().getOut().printf(Locale.ROOT, "  spread ratio, %s sessions: %.2f%n", k, v[0] / v[1]));
    double mean = java.util.Arrays.stream(share).average().orElse(0);
    long above = java.util.Arrays.stream(share).filter(x -> x > 0.5).count();
    spec.commandLine().getOut().printf(Locale.ROOT, "  speaker share of variance per channel: mean %.2f, %d of %d channels above 0.5%n",
        mean, above, n);
  }

  private static double gate(double v, double lo, double hi) {
    return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
  }

  private static double[] fill(int n, double v) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, v);
    return w;
  }

  private static double[] map(double[] xs, java.util.function.DoubleUnaryOperator f) {
    return java.util.Arrays.stream(xs).map(f).toArray();
  }

  /** Accuracy by band of top probability, and what each candidate "not sure" threshold would flag. */
  static void printConfidence(PrintWriter out, List<AdaptationStudy.Answer> answers) {
    out.printf(Locale.ROOT, "### Public API (one clip, no session): accuracy by top probability, %d clips%n%n",
        answers.size());
    out.println("| top probability | clips | right |");
    out.println("|---|---|---|");
    double[] edges = {0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 1.01};
    for (int b = 0; b + 1 < edges.length; b++) {
      double lo = edges[b];
      double hi = edges[b + 1];
      List<AdaptationStudy.Answer> in = answers.stream().filter(a -> a.top() >= lo && a.top() < hi).toList();
      String label = b == 0 ? String.format(Locale.ROOT, "below %.2f", hi) : hi > 1 ? String.format(Locale.ROOT,
          "%.2f and above", lo) : String.format(Locale.ROOT, "%.2f-%.2f", lo, hi);
      out.printf(Locale.ROOT, "| %s | %d | %s |%n", label, in.size(), rightShare(in));
    }
    out.println();
    out.println("| \"not sure\" below | share of answers flagged | right among flagged | right among the rest |");
    out.println("|---|---|---|---|");
    for (double t : new double[] {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6}) {
      List<AdaptationStudy.Answer> low = answers.stream().filter(a -> a.top() < t).toList();
      List<AdaptationStudy.Answer> rest = answers.stream().filter(a -> a.top() >= t).toList();
      out.printf(Locale.ROOT, "| %.2f | %.1f%% | %s | %s |%n", t, 100.0 * low.size() / Math.max(1, answers.size()),
          rightShare(low), rightShare(rest));
    }
    out.println();
  }

  private static String rightShare(List<AdaptationStudy.Answer> in) {
    return in.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f%%",
        100.0 * in.stream().filter(AdaptationStudy.Answer::right).count() / in.size());
  }

  private static String label(double level) {
    return Double.isInfinite(level) ? "all" : String.format(Locale.ROOT, "%.0f", level);
  }

  private static String meanSd(List<Double> xs) {
    double m = xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    if (xs.size() < 2) {
      return String.format(Locale.ROOT, "%.1f%%", 100 * m);
    }
    double v = xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (xs.size() - 1);
    return String.format(Locale.ROOT, "%.1f ± %.1f%%", 100 * m, 100 * Math.sqrt(v));
  }

  static double[] parse(String csv) {
    return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
  }
}
