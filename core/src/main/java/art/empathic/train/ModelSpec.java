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
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import art.empathic.corpus.CorpusKind;
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
    // Written as the CLI name ("crema-d"), as spec.json files always had it.
    @JsonProperty("corpus_kind") @JsonSerialize(using = ToStringSerializer.class) CorpusKind corpusKind,
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
    // functionals_mlp shares the MLP architecture: the family's own name is in `model`.
    return model != null ? ModelFamily.fromCliName(model) : architecture.family();
  }

  /** The class labels as emotions. */
  @JsonIgnore
  public List<Emotion> emotions() {
    return classes.stream().map(Emotion::fromLabel).toList();
  }

  /**
   * What training learned from the data, as opposed to the configuration that asked for it: the
   * class list and the normalisation statistics. Both stay in spec.json where they always were.
   */
  public record Learned(List<String> classes, Standardizer normalization) {}

  /** The learned part of this spec (normalisation null until computed). */
  @JsonIgnore
  public Learned learned() {
    return new Learned(classes, normalization);
  }

  /** This configuration with what training learned. */
  public ModelSpec withLearned(Learned l) {
    return toBuilder().classes(l.classes()).normalization(l.normalization()).build();
  }

  public ModelSpec withNormalization(Standardizer s) {
    return toBuilder().normalization(s).build();
  }

  public ModelSpec withClasses(List<String> c) {
    return toBuilder().classes(c).build();
  }

  /** A builder holding every component of this spec, to change a few by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Sets components of a {@link ModelSpec} by name; start from {@link #toBuilder()}. */
  public static final class Builder {
    private int formatVersion;
    private String model;
    private String displayName;
    private FeatureSpec feature;
    private String featureName;
    private List<String> classes;
    private JsonNode hyperparameters;
    private long seed;
    private Architecture architecture;
    private TrainSettings training;
    private Standardizer.Mode normalizationMode;
    private Standardizer normalization;
    private int ensemble;
    private List<String> data;
    private CorpusKind corpusKind;
    private NeutralPolicy neutral;
    private SplitSpec split;
    private AugmentSpec augment;

    private Builder(ModelSpec s) {
      formatVersion = s.formatVersion;
      model = s.model;
      displayName = s.displayName;
      feature = s.feature;
      featureName = s.featureName;
      classes = s.classes;
      hyperparameters = s.hyperparameters;
      seed = s.seed;
      architecture = s.architecture;
      training = s.training;
      normalizationMode = s.normalizationMode;
      normalization = s.normalization;
      ensemble = s.ensemble;
      data = s.data;
      corpusKind = s.corpusKind;
      neutral = s.neutral;
      split = s.split;
      augment = s.augment;
    }

    public Builder displayName(String v) { displayName = v; return this; }
    public Builder feature(FeatureSpec v) { feature = v; return this; }
    public Builder featureName(String v) { featureName = v; return this; }
    public Builder classes(List<String> v) { classes = v; return this; }
    public Builder hyperparameters(JsonNode v) { hyperparameters = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder architecture(Architecture v) { architecture = v; return this; }
    public Builder training(TrainSettings v) { training = v; return this; }
    public Builder normalizationMode(Standardizer.Mode v) { normalizationMode = v; return this; }
    public Builder normalization(Standardizer v) { normalization = v; return this; }
    public Builder ensemble(int v) { ensemble = v; return this; }
    public Builder data(List<String> v) { data = v; return this; }
    public Builder corpusKind(CorpusKind v) { corpusKind = v; return this; }
    public Builder neutral(NeutralPolicy v) { neutral = v; return this; }
    public Builder split(SplitSpec v) { split = v; return this; }
    public Builder augment(AugmentSpec v) { augment = v; return this; }

    public ModelSpec build() {
      return new ModelSpec(formatVersion, model, displayName, feature, featureName, classes, hyperparameters, seed,
          architecture, training, normalizationMode, normalization, ensemble, data, corpusKind, neutral, split, augment);
    }
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
