package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recognizer tells about the model behind it, for {@code GET /api/model} and reports.
 * Immutable; the maps hold JSON-friendly values (strings, numbers, booleans, lists, maps).
 *
 * @param name a human-readable name of the model, e.g. its run directory's name
 * @param classes the classes it answers, in probability order
 * @param features the feature specification it was trained with, e.g. {@code sampleRate},
 *     {@code nMfcc}, {@code nFft}, {@code hopLength}, {@code clipSeconds}; empty if unknown
 * @param metrics its held-out metrics, e.g. {@code accuracy}, {@code macroF1}; empty if unknown
 */
public record ModelInfo(String name, List<Emotion> classes, Map<String, Object> features, Map<String, Object> metrics) {
  /** Copies the collections (immutable). */
  public ModelInfo {
    if (name == null || classes == null || features == null || metrics == null) {
      throw new IllegalArgumentException("model info needs a name, classes, features and metrics (maps may be empty)");
    }
    classes = List.copyOf(classes);
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Info that knows only a name and the classes. */
  public static ModelInfo of(String name, List<Emotion> classes) {
    return new ModelInfo(name, classes, Map.of(), Map.of());
  }
}
