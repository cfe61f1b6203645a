package art.empathic.report;

import art.empathic.run.RunFiles;
import art.empathic.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import art.empathic.eval.ClassificationMetrics;
import art.empathic.eval.ClassificationReport;
import art.empathic.model.ModelSummary;
import art.empathic.corpus.Protocol;
import art.empathic.run.RunDirectory;
import art.empathic.run.RunMetrics;
import art.empathic.run.RunSpec;
import art.empathic.run.SplitInfo;

/**
 * The report of one run: {@code report.md} and a self-contained {@code report.html} (figures
 * inline) in the run directory, plus the figures as {@code confusion_matrix.png} and
 * {@code training_curves.png} beside them. It states the model, protocol, seed, split sizes,
 * that speakers are shared when they are, the training time and epochs, all metrics, the
 * classification report, the confusion matrix (table and heatmap), the architecture summary
 * and the training curves.
 */
public final class RunReport {
  public static final String MARKDOWN = RunFiles.REPORT_MARKDOWN;
  public static final String HTML = RunFiles.REPORT_HTML;
  public static final String CONFUSION_PNG = RunFiles.CONFUSION_PNG;
  public static final String CURVES_PNG = RunFiles.CURVES_PNG;

  private RunReport() {}

  /** The files written. */
  public record Written(Path markdown, Path html, List<Path> figures) {}

  /**
   * Writes the report of the finished run in {@code runDir} (it needs {@code metrics.json};
   * spec, history and summary are used when present).
   */
  public static Written write(Path runDir) throws IOException {
    RunDirectory run = RunDirectory.load(runDir);
    if (!run.finished()) {
      throw new IllegalArgumentException(runDir + ": no " + RunMetrics.FILE
          + " yet (the run has not finished or was not evaluated)");
    }
    return write(run, run.protocol()).written();
  }

  /** What {@link #write(RunDirectory, Protocol)} wrote and the report body, for the study report. */
  record WrittenSection(Written written, Section section) {}

  /**
   * Writes the report of a loaded, finished run reported under {@code protocol}, and returns
   * its body (headings from level 2) so a study report can include it without redrawing figures.
   */
  static WrittenSection write(RunDirectory run, Protocol protocol) throws IOException {
    Path runDir = run.dir();
    Section s = section(run, protocol, 2);
    Doc doc = new Doc().heading(1, run.displayName());
    doc.muted("Run directory `" + runDir.toAbsolutePath().normalize() + "`");
    doc.addAll(s.doc());
    Path md = runDir.resolve(MARKDOWN);
    Path html = runDir.resolve(HTML);
    AtomicFiles.writeString(md, doc.toMarkdown(runDir));
    AtomicFiles.writeString(html, Html.page(run.displayName() + ": run report", doc.toHtml()));
    return new WrittenSection(new Written(md, html, s.figures()), s);
  }

  /** A run's report body and the figure files it wrote. */
  record Section(Doc doc, List<Path> figures) {}

  /**
   * The report body of a finished run, headings starting at {@code level}; writes the figures
   * into the run directory. {@code protocol} is the protocol the run is reported under.
   */
  static Section section(RunDirectory run, Protocol protocol, int level) throws IOException {
    RunMetrics rm = run.metrics();
    ClassificationMetrics m = rm.toClassificationMetrics();
    Doc doc = new Doc();
    List<Path> figures = new ArrayList<>();

    doc.table(facts(run, protocol), "facts");
    SplitInfo split = rm.split();
    if (split != null && split.protocol() != null && split.protocolKind() != protocol) {
      doc.note("This run's metrics.json records the **" + split.protocolKind().key()
          + "** protocol, but it is reported here under **" + protocol.key() + "**.");
    }
    if (protocol == Protocol.RANDOM || (split != null && split.sharesSpeakers())) {
      doc.note("**Speakers are shared between training and test.** The " + (protocol == Protocol.RANDOM
          ? "random split" : "split") + " puts clips of the same actors on both sides, so this score measures"
          + " recognising emotions in voices the model already knows, not in new voices. The"
          + " speaker-independent protocol measures new voices and is usually much lower.");
    } else {
      doc.info("**Speaker-independent:** no test speaker was heard in training"
          + (split != null && !split.testSpeakers().isEmpty()
              ? " (test speakers " + String.join(", ", split.testSpeakers()) + ")" : "") + ".");
    }
    if (rm.evaluatedOn() != null) {
      doc.info("Evaluated on `" + rm.evaluatedOn() + "`.");
    }
    for (String n : rm.notes()) {
      doc.note(n);
    }
    consistency(rm, m).ifPresent(doc::note);

    doc.heading(level, "Results");
    doc.table(results(run, m), "facts");
    doc.heading(level + 1, "Classification report");
    doc.pre(ClassificationReport.format(m));

    doc.heading(level + 1, "Confusion matrix");
    doc.muted("Rows are true classes, columns predicted classes; cells count test clips.");
    doc.table(ConfusionMatrixText.table(m.classes(), m.confusionMatrix()));
    Path cmPng = run.dir().resolve(CONFUSION_PNG);
    ConfusionMatrixChart.write(cmPng, m.classes(), m.confusionMatrix(), "Confusion matrix: " + run.displayName());
    figures.add(cmPng);
    Doc.Figure cmFigure = new Doc.Figure(cmPng, "Confusion matrix heatmap of " + run.displayName(), Files.readAllBytes(cmPng));
    doc.add(cmFigure);

    if (run.history() != null && !run.history().epochs().isEmpty()) {
      doc.heading(level + 1, "Training curves");
      Path curvesPng = run.dir().resolve(CURVES_PNG);
      TrainingCurvesChart.write(curvesPng, run.history(), "Training curves: " + run.displayName());
      figures.add(curvesPng);
      if (!run.history().hasValidation()) {
        doc.muted("The run had no validation part: only training curves are shown.");
      }
      doc.add(new Doc.Figure(curvesPng, "Training curves of " + run.displayName(), Files.readAllBytes(curvesPng)));
    }

    if (run.summary() != null) {
      doc.heading(level + 1, "Architecture");
      ModelSummary s = run.summary();
      if (s.inputShape() != null) {
        doc.muted("Input shape " + ModelSummary.pythonTuple(s.inputShape()) + ".");
      }
      doc.pre(s.toKerasText());
      String problem = s.inconsistency();
      if (problem != null) {
        doc.note("summary.json does not add up: " + problem + ".");
      }
    }
    return new Section(doc, figures);
  }

  private static Table facts(RunDirectory run, Protocol protocol) {
    RunMetrics rm = run.metrics();
    SplitInfo split = rm.split();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Model", run.displayName() + " (" + run.model() + ")"));
    rows.add(List.of("Input feature", run.featureName()));
    rows.add(List.of("Protocol", protocol.title()
        + run.fold().map(f -> ", fold " + f).orElse("")));
    rows.add(List.of("Seed", run.seed().map(String::valueOf).orElse("not recorded")));
    rows.add(List.of("Split sizes", splitSizes(rm)));
    if (split != null && !split.testSpeakers().isEmpty()) {
      rows.add(List.of("Test speakers", String.join(", ", split.testSpeakers())));
    }
    rows.add(List.of("Speakers shared by train and test",
        split == null ? (protocol == Protocol.RANDOM ? "yes (random split)" : "not recorded")
            : split.sharesSpeakers() ? "yes" : "no"));
    rows.add(List.of("Epochs", Integer.toString(run.epochsRun())
        + run.plannedEpochs().filter(p -> p != run.epochsRun()).map(p -> " (of " + p + " planned)").orElse("")));
    rows.add(List.of("Training time", Fmt.duration(rm.trainingSeconds())));
    if (run.spec() != null && run.spec().hyperparameters() != null && run.spec().hyperparameters().size() > 0) {
      rows.add(List.of("Hyper-parameters", hyperparameters(run.spec())));
    }
    return new Table(List.of("Setting", "Value"), List.of(false, false), rows);
  }

  private static String hyperparameters(RunSpec spec) {
    List<String> parts = new ArrayList<>();
    spec.hyperparameters().properties().forEach(e ->
        parts.add(e.getKey() + " = " + (e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString())));
    return String.join(", ", parts);
  }

  static String splitSizes(RunMetrics rm) {
    SplitInfo s = rm.split();
    Integer train = s != null && s.nTrain() != null ? s.nTrain() : rm.nTrain();
    Integer val = s == null ? null : s.nVal();
    Integer test = s != null && s.nTest() != null ? s.nTest() : rm.nTest();
    List<String> parts = new ArrayList<>();
    parts.add((train == null ? "?" : train) + " train");
    if (val != null) {
      parts.add(val + " validation");
    }
    parts.add((test == null ? "?" : test) + " test clips");
    return String.join(" / ", parts);
  }

  private static Table results(RunDirectory run, ClassificationMetrics m) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Accuracy", Fmt.percent(m.accuracy())));
    rows.add(List.of("F1-score (macro)", Fmt.decimal(m.f1Macro())));
    rows.add(List.of("F1-score (weighted)", Fmt.decimal(m.f1Weighted())));
    rows.add(List.of("UAR (unweighted average recall)", Fmt.percent(m.uar())));
    rows.add(List.of("Precision (macro / weighted)", Fmt.decimal(m.precisionMacro()) + " / " + Fmt.decimal(m.precisionWeighted())));
    rows.add(List.of("Recall (macro / weighted)", Fmt.decimal(m.recallMacro()) + " / " + Fmt.decimal(m.recallWeighted())));
    rows.add(List.of("Loss (test cross-entropy)", Fmt.decimal(m.loss())));
    rows.add(List.of("Test clips", Long.toString(m.n())));
    Optional<OriginalStudy.Figure> original = OriginalStudy.figureFor(run);
    original.ifPresent(f -> rows.add(List.of("Original study (" + f.row() + ")",
        Fmt.percent(f.accuracy()) + (f.trainingTime() == null ? "" : ", " + f.trainingTime())
            + " (random split of about 4640 clips)")));
    return new Table(List.of("Metric", "Value"), List.of(false, false), rows);
  }

  /** A note when metrics.json's headline numbers disagree with its own confusion matrix. */
  private static Optional<String> consistency(RunMetrics rm, ClassificationMetrics m) {
    List<String> off = new ArrayList<>();
    if (Math.abs(rm.accuracy() - m.accuracy()) > 1e-9) {
      off.add("accuracy " + rm.accuracy() + " vs " + m.accuracy());
    }
    if (Math.abs(rm.f1Macro() - m.f1Macro()) > 1e-9) {
      off.add("macro F1 " + rm.f1Macro() + " vs " + m.f1Macro());
    }
    if (off.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("metrics.json disagrees with its own confusion matrix (" + String.join(", ", off)
        + "); this report shows the values computed from the confusion matrix.");
  }
}
