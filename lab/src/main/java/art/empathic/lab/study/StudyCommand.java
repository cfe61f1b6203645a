package art.empathic.lab.study;

import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.DataLocator;
import art.empathic.features.FeatureCache;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.eval.VoiceScore;
import art.empathic.io.AtomicFiles;
import art.empathic.model.ModelFamily;
import art.empathic.train.CorpusBalance;
import art.empathic.train.Recipe;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code study}: measurements that span many trainings. */
@Command(name = "study", mixinStandardHelpOptions = true, subcommands = {StudyCommand.Generalize.class, StudyVoicesCommand.class},
    description = "Measurements over many trainings (see `study generalize --help` and `study voices --help`).")
public final class StudyCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code study generalize}: the new-voices measurement, written to docs/research/GENERALIZATION.md. */
  @Command(name = "generalize", mixinStandardHelpOptions = true, sortOptions = false,
      description = {
        "Measure how recipes carry to new voices: RAVDESS speaker folds, EmoDB folds (one man and one woman",
        "each), cross-corpus both ways, multi-corpus training, simulated channels, binary arousal/valence and",
        "calibration. BEFORE is the mlp family's recipe, AFTER the default family (" + "functionals_mlp" + ").",
        "Writes the measured tables between the generated markers of the output file (text outside is kept)."})
  public static final class Generalize implements Callable<Integer> {
    static final String BEGIN = "<!-- study generalize: begin (generated, do not edit) -->";
    static final String END = "<!-- study generalize: end -->";

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--ravdess", paramLabel = "DIR", description = "RAVDESS folder (default: <data>/ravdess).")
    Path ravdess;

    @Option(names = "--emodb", paramLabel = "DIR", description = "EmoDB folder (default: <data>/emodb).")
    Path emodb;

    @Option(names = "--out", paramLabel = "FILE", description = "Markdown file (default: docs/research/GENERALIZATION.md).")
    Path outFile;

    @Option(names = "--systems", paramLabel = "LIST", defaultValue = "before,after",
        description = "Comma-separated: before (mlp family), after (default family), clean (the default family "
            + "without augmentation), crnn (the logmel_crnn family), fused (late fusion of after and crnn: their "
            + "probabilities averaged per clip, (1 - w) after + w crnn, for each --fusion-weights w; needs both in the "
            + "list), fused_arousal (the same fusion with each clip's arousal-high mass rescaled to after's: the binary "
            + "arousal is after's, the class within a side the fusion's; docs/research/GENERALIZATION.md, \"an arousal-preserving fusion\"; needs after and "
            + "crnn). Default: ${DEFAULT-VALUE}.")
    String systems;

    @Option(names = "--fusion-weights", paramLabel = "LIST", defaultValue = "0.5",
        description = "The crnn weights w of the 'fused' and 'fused_arousal' systems, comma-separated (default: "
            + "${DEFAULT-VALUE}).")
    String fusionWeights;

    @Option(names = "--no-channels", description = "Skip the channel conditions (the slowest part).")
    boolean noChannels;

    @Option(names = "--channel-folds", paramLabel = "N", defaultValue = "6",
        description = "Measure the channels on the first N RAVDESS speaker folds (default all 6; each costs a feature "
            + "extraction per clip and condition).")
    int channelFolds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seeds folds and training.")
    long seed;

    @Option(names = "--augment", paramLabel = "SPEC", description = "Training-side audio augmentation of the "
        + "'after' system (AugmentSpec form, e.g. copies=3,channel=on,speed=0.8:1.2; 'none' switches the default recipe's off).")
    String augment;

    @Option(names = "--normalize", paramLabel = "MODE", description = "Feature standardisation of the 'after' "
        + "system: global, speaker, speaker_mix or speaker_mix_corpus (speaker_mix with each training example blended "
        + "toward its own corpus's prior; default: the recipe's).")
    art.empathic.train.Standardizer.Mode normalize;

    @Option(names = "--ensemble", paramLabel = "K", description = "Networks averaged by the 'after' system "
        + "(default: the recipe's).")
    Integer ensemble;

    @Option(names = "--balance", paramLabel = "MODE", description = "Corpus weighting of multi-corpus training for "
        + "the 'after' system: corpus (each corpus weighs the same in total) or none (each clip weighs 1); default: "
        + "corpus.")
    String balance;

    @Option(names = "--arousal-weight", paramLabel = "W", description = "Auxiliary binary-arousal loss weight of "
        + "the 'after' system (multi-task; default: the recipe's).")
    Double arousalWeight;

    @Option(names = "--sections", paramLabel = "LIST", defaultValue = "folds,multi",
        description = "With --validate: folds (RAVDESS and EmoDB inner folds), multi (multi-corpus on the inner "
            + "folds); channels follow --no-channels/--channel-folds (default: ${DEFAULT-VALUE}).")
    String sections;

    /** Every test-side part but channels: parts 1-4 (--test-sections's default). */
    static final String ALL_TEST_SECTIONS = "folds,cross,multi";

    @Option(names = "--test-sections", paramLabel = "LIST", defaultValue = ALL_TEST_SECTIONS,
        description = "Without --validate: which of folds (parts 1-2), cross (3) and multi (4) to run; channels (5) "
            + "follow --no-channels/--channel-folds; none: channels only (default: ${DEFAULT-VALUE}, all).")
    String testSections;

    @Option(names = "--validate", description = "Validation only (for choosing a recipe): RAVDESS without the "
        + "fold-1 test actors (the other five folds as inner folds) and EmoDB without fold 1's pair (the other four "
        + "pairs as inner folds): the --sections, then channels on RAVDESS inner folds; printed, the doc is not "
        + "touched. System 'clean' is the 'after' recipe without augmentation.")
    boolean validate;

    @Option(names = "--threads", paramLabel = "N", description = "Feature threads (default: every core).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
      PrintWriter pw = spec.commandLine().getOut();
      // The command line is checked before any data is read or any network trained.
      List<Double> weights = fusionWeights();
      List<String> wanted = testSections();
      Path root = DataLocator.dataRoot(null).orElse(DataLocator.projectRoot().resolve("../shared/data"));
      Path rav = ravdess != null ? ravdess : root.resolve("ravdess");
      Path emo = emodb != null ? emodb : root.resolve("emodb");
      for (Path p : List.of(rav, emo)) {
        if (!Files.isDirectory(p)) {
          throw new IllegalArgumentException(p + ": no such corpus folder (pass --ravdess DIR and --emodb DIR)");
        }
      }
      Path target = outFile != null ? outFile : DataLocator.projectRoot().resolve("docs/research/GENERALIZATION.md");
      int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      long start = System.nanoTime();
      // EmoDB's neutral and boredom are dropped (no shared class in the seven); RAVDESS neutral likewise.
      List<Clip> r = Corpus.load(List.of(rav), new CorpusOptions(null, NeutralPolicy.DROP)).clips();
      List<Clip> e = Corpus.load(List.of(emo), new CorpusOptions(null, NeutralPolicy.DROP)).clips();
      pw.printf(Locale.ROOT, "RAVDESS %d clips, EmoDB %d clips%n", r.size(), e.size());

      Map<String, Map<String, List<GeneralizationStudy.Row>>> results = new LinkedHashMap<>();
      Map<String, Double> fitSeconds = new LinkedHashMap<>();
      List<String> names = java.util.Arrays.stream(systems.split(",")).map(String::trim).toList();
      for (String f : List.of("fused", "fused_arousal")) {
        if (names.contains(f) && !(names.contains("after") && names.contains("crnn"))) {
          throw new IllegalArgumentException("--systems: '" + f + "' needs 'after' and 'crnn' in the same list");
        }
      }
      String afterName = null;
      String crnnName = null;
      for (String which : names) {
        if (which.equals("fused") || which.equals("fused_arousal")) {
          continue; // made from after's and crnn's predictions once both ran
        }
        GeneralizationStudy.System sys = switch (which) {
          case "before" -> GeneralizationStudy.System.of("before: mlp", Recipe.defaults(ModelFamily.MLP));
          case "after" -> GeneralizationStudy.System.of("after: " + ModelFamily.DEFAULT.cliName(),
              Recipe.defaults(ModelFamily.DEFAULT));
          case "clean" -> GeneralizationStudy.System.of("clean-trained: " + ModelFamily.DEFAULT.cliName(),
              Recipe.defaults(ModelFamily.DEFAULT)).withAugment("clean-trained: " + ModelFamily.DEFAULT.cliName(), null);
          case "crnn" -> GeneralizationStudy.System.of("crnn: " + ModelFamily.LOGMEL_CRNN.cliName(),
              Recipe.defaults(ModelFamily.LOGMEL_CRNN));
          default -> throw new IllegalArgumentException("--systems: unknown '" + which
              + "' (use before, after, clean, crnn, fused, fused_arousal)");
        };
        if (which.equals("after")) {
          sys = withOverrides(sys);
          afterName = sys.name();
        }
        if (which.equals("crnn")) {
          crnnName = sys.name();
        }
        GeneralizationStudy s = new GeneralizationStudy(sys, FeatureCache.atDefaultLocation(), n, seed, pw);
        if (validate) {
          // The test actors of RAVDESS fold 1 and the test pair of EmoDB fold 1 are never touched; the
          // other folds of each corpus are the inner folds.
          List<java.util.Set<String>> all = GeneralizationStudy.speakerFolds(r, 6, seed);
          List<Clip> side = r.stream().filter(c -> !all.get(0).contains(c.speaker())).toList();
          List<Clip> vc = s.prepare(side);
          List<java.util.Set<String>> inner = all.subList(1, all.size());
          s.prepareCopies(vc, inner);
          List<String> parts = List.of(sections.split(","));
          Map<String, List<GeneralizationStudy.Row>> sectionRows = new LinkedHashMap<>();
          List<Clip> ve = List.of();
          List<java.util.Set<String>> eInner = List.of();
          if (parts.contains("folds") || parts.contains("multi")) {
            List<Clip> ec0 = s.prepare(e);
            List<java.util.Set<String>> eAll = GeneralizationStudy.pairedGenderFolds(ec0);
            ve = ec0.stream().filter(c -> !eAll.get(0).contains(c.speaker())).toList();
            eInner = eAll.subList(1, eAll.size());
            s.prepareCopies(ve, eInner);
          }
          if (parts.contains("folds")) {
            sectionRows.put("V1. RAVDESS fold-1 training side, 5 inner speaker folds",
                withOneClip(s.foldsAll("inner folds", vc, inner, List.of())));
            sectionRows.put("V1b. EmoDB fold-1 training side, 4 inner folds (one man, one woman each)",
                withOneClip(s.foldsAll("EmoDB inner folds", ve, eInner, List.of())));
          }
          if (parts.contains("multi")) {
            List<GeneralizationStudy.Row> multi = new ArrayList<>();
            multi.add(s.folds("RAVDESS inner folds + EmoDB training side in training", vc, inner, ve));
            multi.addAll(s.foldsBoth("EmoDB inner folds + RAVDESS training side in training", ve, eInner, vc));
            sectionRows.put("V3. Multi-corpus on the inner folds (training sides of both corpora)", multi);
          }
          if (!noChannels) {
            int k = Math.max(1, Math.min(channelFolds, inner.size()));
            sectionRows.put("V2. Channels on inner folds 1-" + k, s.channels(vc, inner.subList(0, k)));
          }
          results.put(sys.name(), sectionRows);
          fitSeconds.put(sys.name(), s.meanFitSeconds());
          continue;
        }
        List<Clip> rc = s.prepare(r);
        List<Clip> ec = s.prepare(e);
        List<java.util.Set<String>> rf = GeneralizationStudy.speakerFolds(rc, 6, seed);
        List<java.util.Set<String>> ef = GeneralizationStudy.pairedGenderFolds(ec);
        s.prepareCopies(rc, rf);
        s.prepareCopies(ec, ef);
        Map<String, List<GeneralizationStudy.Row>> sections = new LinkedHashMap<>();
        if (wanted.contains("folds")) {
          sections.put("1. RAVDESS, 6 speaker folds", withOneClip(s.foldsAll("RAVDESS folds", rc, rf, List.of())));
          sections.put("2. EmoDB, 5 speaker folds (one man, one woman each)", withOneClip(s.foldsAll("EmoDB folds", ec,
              ef, List.of())));
        }
        if (wanted.contains("cross")) {
          List<GeneralizationStudy.Row> cross = new ArrayList<>(s.crossCorpus("RAVDESS -> EmoDB", rc, ec));
          cross.addAll(s.crossCorpus("EmoDB -> RAVDESS (5 shared classes)", ec,
              rc.stream().filter(c -> ec.stream().anyMatch(x -> x.emotion() == c.emotion())).toList()));
          sections.put("3. Cross-corpus (train on all of one, test on all of the other)", cross);
        }
        if (wanted.contains("multi")) {
          List<GeneralizationStudy.Row> multi = new ArrayList<>();
          multi.add(s.folds("RAVDESS folds + all EmoDB in training", rc, rf, ec));
          multi.addAll(s.foldsBoth("EmoDB folds + all RAVDESS in training", ec, ef, rc));
          sections.put("4. Multi-corpus (trained on both; loss restricted to each clip's corpus classes)", multi);
        }
        if (!noChannels) {
          int k = Math.max(1, Math.min(channelFolds, rf.size()));
          sections.put("5. Channels (RAVDESS speaker folds " + (k == rf.size() ? "1-6" : "1-" + k + " of 6")
              + ", test clips through the channel)", s.channels(rc, rf.subList(0, k)));
        }
        results.put(sys.name(), sections);
        fitSeconds.put(sys.name(), s.meanFitSeconds());
      }
      if (names.contains("fused") || names.contains("fused_arousal")) {
        for (double weight : weights) {
          String name = String.format(Locale.ROOT, "fused: %s x%.2f + %s x%.2f", afterName, 1 - weight, crnnName, weight);
          Map<String, List<GeneralizationStudy.Row>> f = rowByRow(results.get(afterName), results.get(crnnName),
              (a, b) -> GeneralizationStudy.fuse(a.condition(), a, b, weight));
          if (names.contains("fused")) {
            results.put(name, f);
            fitSeconds.put(name, fitSeconds.get(afterName) + fitSeconds.get(crnnName));
          }
          if (names.contains("fused_arousal")) {
            String arousalName = name.replaceFirst("^fused: ", "fused_arousal (arousal of after): ");
            results.put(arousalName, rowByRow(f, results.get(afterName),
                (fusedRow, after) -> GeneralizationStudy.preserveArousal(fusedRow.condition(), fusedRow, after)));
            fitSeconds.put(arousalName, fitSeconds.get(afterName) + fitSeconds.get(crnnName));
          }
        }
      }
      double minutes = (System.nanoTime() - start) / 60e9;
      String generated = render(results, fitSeconds, minutes);
      if (validate) {
        pw.println(generated);
        pw.printf(Locale.ROOT, "validation done (%.1f min); %s not touched%n", minutes, target);
        return 0;
      }
      String old = Files.exists(target) ? Files.readString(target) : "# New voices: generalisation\n\n" + BEGIN + "\n"
          + END + "\n";
      int b = old.indexOf(BEGIN);
      int en = old.indexOf(END);
      String text = b >= 0 && en > b ? old.substring(0, b) + BEGIN + "\n" + generated + END + old.substring(en + END.length())
          : old + "\n" + BEGIN + "\n" + generated + END + "\n";
      AtomicFiles.writeString(target, text);
      pw.printf(Locale.ROOT, "wrote %s (%.1f min)%n", target, minutes);
      return 0;
    }

    /** The speaker-fold row and the one-clip (public API) row of {@link GeneralizationStudy#foldsAll}. */
    private static List<GeneralizationStudy.Row> withOneClip(List<GeneralizationStudy.Row> all) {
      return List.of(all.get(0), all.get(2));
    }

    /**
     * Two systems' sections combined row by row (the systems ran the same conditions in the same
     * order): late fusion, or the fusion with another system's arousal kept.
     */
    private static Map<String, List<GeneralizationStudy.Row>> rowByRow(Map<String, List<GeneralizationStudy.Row>> a,
        Map<String, List<GeneralizationStudy.Row>> b,
        java.util.function.BinaryOperator<GeneralizationStudy.Row> combine) {
      Map<String, List<GeneralizationStudy.Row>> out = new LinkedHashMap<>();
      a.forEach((section, rows) -> {
        List<GeneralizationStudy.Row> other = b.get(section);
        List<GeneralizationStudy.Row> combined = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          combined.add(combine.apply(rows.get(i), other.get(i)));
        }
        out.put(section, combined);
      });
      return out;
    }

    /** {@code --fusion-weights} as numbers, each in [0, 1]. */
    private List<Double> fusionWeights() {
      List<Double> out = new ArrayList<>();
      for (String w : fusionWeights.split(",")) {
        double weight;
        try {
          weight = Double.parseDouble(w.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--fusion-weights: '" + w.trim() + "' is not a number");
        }
        if (!(weight >= 0 && weight <= 1)) {
          throw new IllegalArgumentException("--fusion-weights: each weight must be in [0, 1], got " + w);
        }
        out.add(weight);
      }
      return out;
    }

    /** {@code --test-sections}, each one of folds, cross, multi or none. */
    private List<String> testSections() {
      List<String> wanted = List.of(testSections.split(","));
      for (String w : wanted) {
        if (!List.of("folds", "cross", "multi", "none").contains(w)) {
          throw new IllegalArgumentException("--test-sections: unknown '" + w + "' (use folds, cross, multi or none)");
        }
      }
      return wanted;
    }

    /** The 'after' system with the recipe options given on the command line, each named in the system's name. */
    private GeneralizationStudy.System withOverrides(GeneralizationStudy.System sys) {
      if (augment != null) {
        sys = sys.withAugment(sys.name() + " + augment " + augment, augment);
      }
      if (normalize != null) {
        sys = sys.withNormalization(sys.name() + " + normalize " + normalize.name().toLowerCase(Locale.ROOT), normalize);
      }
      if (ensemble != null) {
        sys = sys.withEnsemble(sys.name() + " x" + ensemble, ensemble);
      }
      if (balance != null) {
        CorpusBalance.Mode b = CorpusBalance.Mode.parse(balance);
        sys = sys.withBalance(sys.name() + " + balance " + b.name().toLowerCase(Locale.ROOT), b);
      }
      if (arousalWeight != null) {
        sys = sys.withTraining(sys.name() + " + arousal loss " + arousalWeight,
            sys.training().toBuilder().arousalWeight(arousalWeight).build());
      }
      return sys;
    }

    private String render(Map<String, Map<String, List<GeneralizationStudy.Row>>> results, Map<String, Double> fit,
        double minutes) {
      StringBuilder md = new StringBuilder();
      String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
      md.append("Command: `./empathic-art study generalize --systems ").append(systems)
          .append(systems.contains("fused") ? " --fusion-weights " + fusionWeights : "")
          .append(noChannels ? " --no-channels" : channelFolds != 6 ? " --channel-folds " + channelFolds : "").append(augment != null ? " --augment " + augment : "").append(normalize != null ? " --normalize " + normalize.name().toLowerCase(Locale.ROOT) : "").append(ensemble != null ? " --ensemble " + ensemble : "").append(balance != null ? " --balance " + balance : "").append(arousalWeight != null ? " --arousal-weight " + arousalWeight : "")
          .append(validate ? " --validate --sections " + sections
              : testSections.equals(ALL_TEST_SECTIONS) ? "" : " --test-sections " + testSections)
          .append(" --seed ").append(seed).append("`  \n")
          .append("Date: ").append(when).append("; machine: ").append(Runtime.getRuntime().availableProcessors())
          .append(" cores, ").append(System.getProperty("os.arch")).append(", Java ")
          .append(System.getProperty("java.version")).append(String.format(Locale.ROOT, ", load average %.2f",
              java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
          .append(" at the end (shared machine); commit: ").append(commitId()).append("; wall time ")
          .append(String.format(Locale.ROOT, "%.1f min", minutes)).append(".\n\n");
      md.append("Scores are means over folds (± sample sd where there are folds), in %; UAR is the mean per-class "
          + "recall, F1 is macro-F1, arousal/valence are binary UAR, ECE the expected calibration error of the top "
          + "probability (10 bins). Mean training time per fit: ");
      List<String> fits = new ArrayList<>();
      fit.forEach((k, v) -> fits.add(String.format(Locale.ROOT, "%s %.1f s", k, v)));
      md.append(String.join(", ", fits)).append(".\n\n");
      Set<String> sectionNames = new java.util.LinkedHashSet<>();
      results.values().forEach(m -> sectionNames.addAll(m.keySet()));
      for (String section : sectionNames) {
        md.append("#### ").append(section).append("\n\n");
        md.append("| condition | recipe | accuracy | UAR | macro-F1 | arousal UAR | valence UAR | ECE |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        Map<String, List<String[]>> byCondition = new LinkedHashMap<>();
        results.forEach((sys, sections) -> {
          List<GeneralizationStudy.Row> rows = sections.get(section);
          if (rows == null) {
            return;
          }
          for (GeneralizationStudy.Row row : rows) {
            byCondition.computeIfAbsent(row.condition(), k -> new ArrayList<>()).add(new String[] {sys,
                pct(row, VoiceScore::accuracy), pct(row, VoiceScore::uar), pct(row, VoiceScore::macroF1),
                pct(row, VoiceScore::arousalUar), pct(row, VoiceScore::valenceUar),
                String.format(Locale.ROOT, "%.3f", row.mean(VoiceScore::ece))});
          }
        });
        byCondition.forEach((cond, list) -> list.forEach(c -> md.append("| ").append(cond).append(" | ")
            .append(String.join(" | ", c)).append(" |\n")));
        md.append('\n');
      }
      return md.toString();
    }

    /** The checkout's commit (with "+changes" when the tree differs from it), or "unknown" outside git. */
    static String commitId() {
      try {
        Process p = new ProcessBuilder("git", "-C", DataLocator.projectRoot().toString(), "describe", "--always",
            "--dirty=+changes").redirectErrorStream(true).start();
        String id = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 && !id.isEmpty() ? id : "unknown";
      } catch (java.io.IOException e) {
        return "unknown";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "unknown";
      }
    }

    private static String pct(GeneralizationStudy.Row row, ToDoubleFunction<VoiceScore> f) {
      double m = row.mean(f);
      double sd = row.sd(f);
      if (Double.isNaN(m)) {
        return "n/a";
      }
      return Double.isNaN(sd) ? String.format(Locale.ROOT, "%.1f", 100 * m)
          : String.format(Locale.ROOT, "%.1f ± %.1f", 100 * m, 100 * sd);
    }
  }
}
