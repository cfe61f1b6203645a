package art.empathic.run;

import art.empathic.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code release.json}: what a release run ({@code train --split none}) was trained on. A release
 * model learns from every clip, so it has no test part and no {@code metrics.json}: its expected
 * accuracy on new voices is what the same recipe scores on speaker-independent folds. Keys are
 * snake_case.
 *
 * @param model model family ({@code --model} value)
 * @param displayName the configuration's name
 * @param protocol always {@code none}
 * @param data the corpus folders it was trained on
 * @param classes class labels in output order
 * @param clipsPerClass training clips of each class
 * @param nTrain clips trained on
 * @param nValidation clips held for validation (early stopping), if any
 * @param speakers speakers heard in training
 * @param epochs epochs trained
 * @param trainingSeconds wall time of the training loop alone
 * @param finished when training finished (ISO-8601, UTC)
 * @param notes what the run's numbers do and do not say
 * @param corpora the training set, one entry per corpus it heard (empty in runs written before it was recorded)
 */
public record ReleaseInfo(String model, String displayName, String protocol, List<String> data, List<String> classes,
    Map<String, Integer> clipsPerClass, int nTrain, int nValidation, int speakers, int epochs, double trainingSeconds,
    String finished, List<String> notes, List<TrainingCorpus> corpora) {

  /**
   * One corpus of a release model's training set (original clips; augmented copies not counted).
   *
   * @param name the corpus name its clips carry ("ravdess", "emodb", or a manifest's)
   * @param kind the reader kind ({@code --corpus} name: "ravdess", ..., "manifest", "folder")
   * @param language the language it is spoken in, null when not known
   * @param clips clips trained on (validation clips included)
   * @param speakers speakers heard
   * @param classes the classes it has, in the model's output order
   */
  public record TrainingCorpus(String name, String kind, String language, int clips, int speakers,
      List<String> classes) {
    public TrainingCorpus {
      classes = classes == null ? List.of() : List.copyOf(classes);
    }
  }

  public static final String FILE = "release.json";
  public static final String PROTOCOL = "none";

  public ReleaseInfo {
    data = data == null ? List.of() : List.copyOf(data);
    classes = classes == null ? List.of() : List.copyOf(classes);
    clipsPerClass = clipsPerClass == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(clipsPerClass));
    notes = notes == null ? List.of() : List.copyOf(notes);
    corpora = corpora == null ? List.of() : List.copyOf(corpora);
  }

  /** Whether {@code runDir} holds a finished release run. */
  public static boolean isRelease(Path runDir) {
    return Files.isRegularFile(runDir.resolve(FILE));
  }

  public static ReleaseInfo read(Path runDir) throws IOException {
    return Json.read(runDir.resolve(FILE), ReleaseInfo.class);
  }

  /** Writes {@code runDir/release.json} atomically. */
  public void write(Path runDir) throws IOException {
    Json.write(runDir.resolve(FILE), this);
  }
}
