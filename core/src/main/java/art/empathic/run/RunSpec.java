package art.empathic.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import art.empathic.io.Json;

/**
 * {@code spec.json} of a run directory, as far as reports need it: what was trained, on which
 * input, with which settings. The trainer writes the full file from {@code train.ModelSpec}
 * (these keys are its first ones); a fused run's spec is written from this record.
 *
 * @param model the model family, a {@code --model} value ({@code mlp}, {@code baseline_cnn}, ...)
 * @param displayName human name of the configuration, e.g. "MLP (alpha 0.01)"; reports group
 *     runs of one configuration (folds, seeds) by this name, so it must not name the fold or seed
 * @param feature the feature spec object (free-form)
 * @param featureName human description of the input feature
 * @param classes the model's classes in output order
 * @param hyperparameters free-form; reports read {@code epochs} and {@code alpha} when present
 * @param seed the run's seed
 */
public record RunSpec(String model, String displayName, JsonNode feature, String featureName,
    List<String> classes, JsonNode hyperparameters, @JsonInclude(JsonInclude.Include.NON_NULL) Long seed) {

  public static final String FILE = RunFiles.SPEC;

  public RunSpec {
    classes = classes == null ? List.of() : List.copyOf(classes);
  }

  public static RunSpec read(Path runDir) throws IOException {
    return Json.read(runDir.resolve(FILE), RunSpec.class);
  }

  /** A numeric hyper-parameter, if the spec has it. */
  public Optional<Double> hyperparameter(String key) {
    if (hyperparameters == null || !hyperparameters.hasNonNull(key) || !hyperparameters.get(key).isNumber()) {
      return Optional.empty();
    }
    return Optional.of(hyperparameters.get(key).asDouble());
  }
}
