package art.empathic.train;

import art.empathic.io.Json;

import art.empathic.io.AtomicFiles;
import art.empathic.features.AugmentSpec;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureSpec;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.corpus.SplitSpec;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import art.empathic.run.RunFiles;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Everything that defines a trained model, saved as a run's {@code spec.json}: the data it was
 * trained on and how it was split, the feature spec, the architecture, the training settings,
 * the class list and the normalisation statistics. Enough to resume the run, re-evaluate it, and
 * turn new audio into predictions exactly as in training.
 *
 * @param formatVersion version of this file's layout
 * @param model the family's CLI name (read by reports)
 * @param displayName names the configuration, never the seed or fold (reports group by it)
 * @param feature the feature spec
 * @param featureName a human description of the input
 * @param classes the class labels in output order
 * @param hyperparameters a flat summary of the settings for reports (derived, not read back)
 * @param seed the run seed
 * @param architecture the network
 * @param training how it was trained
 * @param normalizationMode how features are standardised (global or per speaker)
 * @param normalization feature standardisation statistics ({@code null} until computed)
 * @param ensemble number of networks averaged (each trained with its own seed)
 * @param data the corpus folders, as given
 * @param corpusKind forced corpus reader, or null for auto-detection
 * @param neutral the neutral-label policy
 * @param split the split protocol
 * @param augment training-side audio augmentation, or null
 */
public record ModelSpec(
    @JsonProperty("format_version") int formatVersion,
    String model,
    @JsonProperty("display_name") String displayName,
    FeatureSpec feature,
    @JsonProperty("feature_name") String featureName,
    List<String> classes,
    JsonNode hyperparameters,
    long seed,
    Architecture architecture,
    TrainSettings training,
    @JsonProperty("normalization_mode") Standardizer.Mode normalizationMode,
    Standardizer normalization,
    int ensemble,
    List<String> data,
    @JsonProperty("corpus_kind") String corpusKind,
    NeutralPolicy neutral,
    SplitSpec split,
    AugmentSpec augment) {

  public static final int FORMAT_VERSION = 1;
  public static final String FILE = RunFiles.SPEC;

  public ModelSpec {
    classes = List.copyOf(classes);
    data = data == null ? List.of() : List.copyOf(data);
    normalizationMode = normalizationMode == null ? Standardizer.Mode.GLOBAL : normalizationMode;
    if (ensemble < 1) {
      throw new IllegalArgumentException("ensemble size must be >= 1, got " + ensemble);
    }
  }

  @JsonIgnore
  public ModelFamily family() {
    return architecture.family();
  }

  /** The class labels as emotions. */
  @JsonIgnore
  public List<Emotion> emotions() {
    return classes.stream().map(Emotion::fromLabel).toList();
  }

  public ModelSpec withNormalization(Standardizer s) {
    return new ModelSpec(formatVersion, model, displayName, feature, featureName, classes, hyperparameters, seed,
        architecture, training, normalizationMode, s, ensemble, data, corpusKind, neutral, split, augment);
  }

  public ModelSpec withClasses(List<String> c) {
    return new ModelSpec(formatVersion, model, displayName, feature, featureName, c, hyperparameters, seed,
        architecture, training, normalizationMode, normalization, ensemble, data, corpusKind, neutral, split, augment);
  }

  /** The flat hyper-parameter summary reports read ({@code epochs}, {@code alpha}, ...). */
  public static JsonNode summarize(Architecture architecture, TrainSettings t, int ensemble, Standardizer.Mode norm,
      AugmentSpec augment) {
    ObjectNode h = Json.MAPPER.createObjectNode();
    h.put("epochs", t.epochs());
    if (architecture instanceof Architecture.Mlp m) {
      h.put("alpha", m.alpha());
      h.put("hidden", m.hidden().toString());
    }
    h.put("batch_size", t.batchSize());
    h.put("learning_rate", t.learningRate());
    h.put("schedule", t.schedule().name().toLowerCase(Locale.ROOT));
    h.put("weight_decay", t.weightDecay());
    h.put("label_smoothing", t.labelSmoothing());
    h.put("early_stopping_patience", t.patience());
    h.put("sklearn_stopping", t.sklearnStopping());
    h.put("normalization", norm.name().toLowerCase(Locale.ROOT));
    h.put("ensemble", ensemble);
    h.put("augment", augment == null ? "none" : augment.toString());
    h.put("feature_augmentation", t.augmentation().toString());
    return h;
  }

  public void write(Path runDir) throws IOException {
    AtomicFiles.write(runDir.resolve(FILE), Json.MAPPER.writeValueAsBytes(this));
  }

  public static ModelSpec read(Path runDir) throws IOException {
    Path file = runDir.resolve(FILE);
    try {
      ModelSpec s = Json.MAPPER.readValue(Files.readAllBytes(file), ModelSpec.class);
      if (s.formatVersion() != FORMAT_VERSION) {
        throw new IOException(file + ": unsupported spec format version " + s.formatVersion());
      }
      return s;
    } catch (NoSuchFileException e) {
      throw new IOException(runDir + ": not a run directory (no " + FILE + ")", e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": unreadable model spec (" + e.getOriginalMessage() + ")", e);
    }
  }
}
