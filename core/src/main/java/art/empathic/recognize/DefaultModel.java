package art.empathic.recognize;

import art.empathic.corpus.DataLocator;
import art.empathic.run.ReleaseInfo;
import art.empathic.run.RunMetrics;
import art.empathic.run.SplitInfo;
import art.empathic.train.ModelSpec;
import art.empathic.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The model used when no {@code --model} is given. A person who speaks to the product is a new
 * voice, so the rule prefers models made for new voices and never picks one that was only
 * tested on the random split (whose score comes partly from having heard the test speakers):
 *
 * <ol>
 *   <li>{@code EMPATHIC_ART_MODEL}, if set, names the run directory;
 *   <li>otherwise, among finished runs found up to four levels below the runs folder
 *       ({@code EMPATHIC_ART_RUNS}, default {@code runs/} in the project):
 *       <ol>
 *         <li>the most recently finished <em>release</em> run ({@code train --split none}:
 *             spec.json, model parameters and release.json), trained on every clip;
 *         <li>else the speaker-independent run (metrics.json with protocol {@code speaker}) with the
 *             highest test accuracy; runs within 0.5 percentage points of the best count as equal
 *             and the most recently finished of them wins;
 *       </ol>
 *   <li>random-split runs (and fusions of them) are never chosen: with only those, there is no
 *       default model, and the commands that need one say how to train it (or train the release
 *       model themselves when the data is there).
 * </ol>
 */
public final class DefaultModel {
  static final String MODEL_ENV = "EMPATHIC_ART_MODEL";
  static final String RUNS_ENV = "EMPATHIC_ART_RUNS";
  private static final double TIE = 0.005;

  private DefaultModel() {}

  /** A finished run that may be the default: release runs have no accuracy (NaN). */
  record Candidate(Path dir, boolean release, double accuracy, FileTime finished) {}

  /** System property that overrides the runs folder (tests point it at an empty folder). */
  public static final String RUNS_PROPERTY = "empathic.art.runs";

  public static Path runsFolder() {
    String property = System.getProperty(RUNS_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv(RUNS_ENV);
    return env != null && !env.isBlank() ? Path.of(env) : DataLocator.projectRoot().resolve("runs");
  }

  /**
   * The default model's run directory (the rule above).
   *
   * @throws ModelUnavailableException if there is none; the message says how to train one
   */
  public static Path find() throws IOException {
    return findIfAny().orElseThrow(() -> new ModelUnavailableException("no trained model: found no release run and "
        + "no speaker-independent run under " + runsFolder() + " (random-split runs are never the default for a new "
        + "voice); train one (./empathic-art train --split none, or ./empathic-art demo) or pass --model RUNDIR"));
  }

  /** The default model's run directory, if there is one. */
  public static Optional<Path> findIfAny() throws IOException {
    String env = System.getenv(MODEL_ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env));
    }
    return best(runsFolder());
  }

  static Optional<Path> best(Path runs) throws IOException {
    List<Candidate> candidates = candidates(runs);
    Optional<Path> release = candidates.stream().filter(Candidate::release)
        .max(Comparator.comparing(Candidate::finished)).map(Candidate::dir);
    if (release.isPresent()) {
      return release;
    }
    double top = candidates.stream().mapToDouble(Candidate::accuracy).filter(Double::isFinite).max().orElse(Double.NaN);
    return candidates.stream().filter(c -> !c.release() && c.accuracy() >= top - TIE)
        .max(Comparator.comparing(Candidate::finished)).map(Candidate::dir);
  }

  /** Finished release runs and finished speaker-independent runs below {@code runs}. */
  static List<Candidate> candidates(Path runs) throws IOException {
    List<Candidate> candidates = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return candidates;
    }
    try (Stream<Path> dirs = Files.find(runs, 4, (p, a) -> a.isDirectory())) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        if (!Files.exists(d.resolve(ModelSpec.FILE))
            || !(Files.exists(SavedModel.parametersFile(d, 1)) || Fusion.isFused(d))) {
          continue;
        }
        try {
          if (ReleaseInfo.isRelease(d)) {
            ReleaseInfo.read(d);
            candidates.add(new Candidate(d, true, Double.NaN, Files.getLastModifiedTime(d.resolve(ReleaseInfo.FILE))));
          } else if (Files.exists(d.resolve(RunMetrics.FILE))) {
            RunMetrics m = RunMetrics.read(d);
            if (newVoices(m.split())) {
              candidates.add(new Candidate(d, false, m.accuracy(), Files.getLastModifiedTime(d.resolve(RunMetrics.FILE))));
            }
          }
        } catch (IOException | RuntimeException unreadable) {
          // A damaged run is not a candidate; `compare` names such runs.
        }
      }
    }
    return candidates;
  }

  /** Whether a run was tested on speakers it never heard in training. */
  private static boolean newVoices(SplitInfo split) {
    return split != null && split.protocol() != null && !split.sharesSpeakers()
        && split.protocolKind() == art.empathic.corpus.Protocol.SPEAKER;
  }
}
