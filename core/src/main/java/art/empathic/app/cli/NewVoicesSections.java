package art.empathic.app.cli;

import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusOptions;
import art.empathic.corpus.Emotion;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.Splitter;
import art.empathic.adapt.AdaptationStudy;
import art.empathic.recognize.ModelRecognizer;
import art.empathic.report.StudyReport;
import art.empathic.run.RunMetrics;
import art.empathic.train.ModelSpec;
import art.empathic.train.SpeakerStatistics;
import art.empathic.train.Standardizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The two sections {@code demo}'s report gains for the product's real question, a voice the
 * model never heard: "new voices" (the default family on the speaker folds, with and without
 * a session's adaptation) and "another corpus" (the release model on EmoDB's shared classes).
 */
final class NewVoicesSections {
  /** Seconds of the speaker a session has heard in the "after adapting" column. */
  static final double SESSION_SECONDS = 30;

  private NewVoicesSections() {}

  /** The default family's speaker-fold runs, each also heard as a session would (0 s and 30 s). */
  static StudyReport.Extra newVoices(List<Path> foldRuns, PrintWriter pw) {
    List<List<String>> rows = new ArrayList<>();
    double[] sums = new double[3];
    int n = 0;
    String family = null;
    for (Path run : foldRuns) {
      try (ModelRecognizer rec = ModelRecognizer.open(run, 1)) {
        ModelSpec spec = ModelSpec.read(run);
        family = spec.displayName();
        RunMetrics m = RunMetrics.read(run);
        double all = m.accuracy();
        double zero = Double.NaN;
        double adapted = Double.NaN;
        if (spec.normalizationMode().perSpeaker()) {
          Corpus c = Corpus.load(spec.data().stream().map(Path::of).toList(), new CorpusOptions(null, spec.neutral()));
          AdaptationStudy study = new AdaptationStudy(rec);
          List<AdaptationStudy.Heard> heard = study.load(Splitter.split(c.clips(), spec.split()).test(), new ArrayList<>());
          Set<Emotion> scored = new LinkedHashSet<>(rec.classes());
          Map<Double, AdaptationStudy.Cell> cells = study.withRule(heard, scored, false,
              new double[] {0, SESSION_SECONDS}, SpeakerStatistics.Blend.DEFAULT, 1, 42);
          zero = cells.get(0.0).accuracy();
          adapted = cells.get(SESSION_SECONDS).accuracy();
        }
        rows.add(List.of("fold " + (spec.split().fold()), pct(zero), pct(adapted), pct(all)));
        sums[0] += zero;
        sums[1] += adapted;
        sums[2] += all;
        n++;
        pw.printf(Locale.ROOT, "new voices, %s fold %d: public API %s, after %.0f s of the speaker %s, with all of the "
            + "speaker's clips %s%n", spec.displayName(), spec.split().fold(), pct(zero), SESSION_SECONDS, pct(adapted),
            pct(all));
      } catch (IOException | RuntimeException e) {
        pw.println("new voices: skipped " + run + ": " + CliErrors.describe(e));
      }
    }
    if (n > 1) {
      rows.add(List.of("mean of " + n + " folds", pct(sums[0] / n), pct(sums[1] / n), pct(sums[2] / n)));
    }
    List<String> text = List.of(
        "A person at the page is a voice the model never heard. These are the test speakers of the speaker-independent "
            + "folds heard by " + (family == null ? "the default family" : family) + " (the release model's family, or "
            + "the best of the demo's families on new voices when the release family is not among its rows): first as "
            + "the public API hears a single clip (the population's normalisation statistics), then as a "
            + "speaker session does after " + (int) SESSION_SECONDS + " s of that speaker's other clips (their statistics "
            + "blended in; docs/research/ADAPTATION.md), and last with the statistics of all the speaker's clips, as the "
            + "fold's own test figure is computed (transductive: the speaker's whole recording is known in advance).");
    return new StudyReport.Extra("New voices", "new-voices", text,
        List.of("fold", "public API, one clip", "session, after " + (int) SESSION_SECONDS + " s", "all of the speaker's clips"),
        rows);
  }

  /** The release model on EmoDB's classes shared with it (argmax restricted to them), or a note when absent. */
  static StudyReport.Extra anotherCorpus(Path release, Path emodb, PrintWriter pw) {
    String title = "Another corpus";
    if (release == null) {
      return new StudyReport.Extra(title, "another-corpus", List.of("Skipped: no release model was trained."),
          List.of(), List.of());
    }
    if (emodb == null || !Files.isDirectory(emodb)) {
      return new StudyReport.Extra(title, "another-corpus", List.of("Skipped: EmoDB was not found"
          + (emodb == null ? "" : " at " + emodb) + ". Put it beside RAVDESS (../shared/data/emodb) to see how the "
          + "release model hears German actors it never met."), List.of(), List.of());
    }
    try (ModelRecognizer rec = ModelRecognizer.open(release, 1)) {
      Corpus c = Corpus.load(List.of(emodb), new CorpusOptions(null, NeutralPolicy.DROP));
      Set<Emotion> scored = new LinkedHashSet<>(rec.classes());
      scored.retainAll(c.emotions());
      AdaptationStudy study = new AdaptationStudy(rec);
      List<AdaptationStudy.Heard> heard = study.load(c.clips().stream().filter(x -> scored.contains(x.emotion())).toList(),
          new ArrayList<>());
      List<Emotion> predicted = study.plain(heard, scored);
      int correct = 0;
      double recallSum = 0;
      for (Emotion e : scored) {
        int total = 0;
        int hit = 0;
        for (int i = 0; i < heard.size(); i++) {
          if (heard.get(i).emotion() == e) {
            total++;
            hit += predicted.get(i) == e ? 1 : 0;
          }
        }
        correct += hit;
        recallSum += total == 0 ? 0 : hit / (double) total;
      }
      double accuracy = correct / (double) heard.size();
      double uar = recallSum / scored.size();
      double adapted = study.withRule(heard, scored, false, new double[] {SESSION_SECONDS},
          SpeakerStatistics.Blend.DEFAULT, 1, 42).get(SESSION_SECONDS).accuracy();
      String classes = String.join(", ", scored.stream().map(Emotion::label).toList());
      pw.printf(Locale.ROOT, "another corpus: release model on EmoDB (%s, %d clips): accuracy %s, UAR %s; after %.0f s "
          + "of each speaker %s (chance %s)%n", classes, heard.size(), pct(accuracy), pct(uar), SESSION_SECONDS,
          pct(adapted), pct(1.0 / scored.size()));
      return new StudyReport.Extra(title, "another-corpus", List.of("The release model (trained on RAVDESS only) on "
          + "every EmoDB clip of the classes both corpora have (" + classes + "; neutral and boredom are not scored): "
          + "German speech, other actors, another studio. The argmax is restricted to those classes, as the field scores "
          + "cross-corpus tests. Chance is " + pct(1.0 / scored.size()) + "."),
          List.of("measure", "clips", "value"),
          List.of(List.of("accuracy, public API (one clip)", String.valueOf(heard.size()), pct(accuracy)),
              List.of("UAR, public API (one clip)", String.valueOf(heard.size()), pct(uar)),
              List.of("accuracy, session after " + (int) SESSION_SECONDS + " s of the speaker", String.valueOf(heard.size()),
                  pct(adapted))));
    } catch (IOException | RuntimeException e) {
      pw.println("another corpus: skipped: " + CliErrors.describe(e));
      return new StudyReport.Extra(title, "another-corpus", List.of("Skipped: " + CliErrors.describe(e)), List.of(),
          List.of());
    }
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
