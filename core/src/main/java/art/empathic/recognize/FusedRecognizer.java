package art.empathic.recognize;

import art.empathic.corpus.Emotion;
import art.empathic.run.RunMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recognizer of a fused run: the weighted average of its members' probabilities. Thread-safe. */
final class FusedRecognizer implements EmotionRecognizer {
  private final List<EmotionRecognizer> members;
  private final List<Double> weights;
  private final ModelInfo info;

  /** Members answer the same classes; weights sum to 1 (as {@link Fusion} writes them). */
  FusedRecognizer(List<EmotionRecognizer> members, List<Double> weights, ModelInfo info) {
    this.members = members;
    this.weights = weights;
    this.info = info;
  }

  static FusedRecognizer open(Path dir, int copies) throws IOException {
    List<Fusion.Member> spec = Fusion.read(dir);
    List<EmotionRecognizer> members = new ArrayList<>();
    try {
      for (Fusion.Member m : spec) {
        members.add(ModelRecognizer.open(m.run(), copies));
        if (!members.get(members.size() - 1).classes().equals(members.get(0).classes())) {
          throw new ModelUnavailableException(dir + ": member " + m.run() + " answers other classes than the first");
        }
      }
    } catch (IOException | RuntimeException e) {
      members.forEach(EmotionRecognizer::close);
      throw e;
    }
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("fusion", spec.stream().map(m -> Map.of("run", m.run().toString(), "weight", m.weight())).toList());
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (Files.exists(dir.resolve(RunMetrics.FILE))) {
      RunMetrics m = RunMetrics.read(dir);
      metrics.put("accuracy", m.accuracy());
      metrics.put("macroF1", m.f1Macro());
      metrics.put("protocol", m.split() == null ? null : m.split().protocol());
    }
    ModelInfo info = new ModelInfo("fusion [" + dir.toAbsolutePath().normalize().getFileName() + "]",
        members.get(0).classes(), features, metrics);
    return new FusedRecognizer(members, spec.stream().map(Fusion.Member::weight).toList(), info);
  }

  /** {@inheritDoc} */
  @Override
  public List<Emotion> classes() {
    return members.get(0).classes();
  }

  /** {@inheritDoc} */
  @Override
  public EmotionPrediction predict(float[] samples, int sampleRate) {
    Map<Emotion, Double> sum = new LinkedHashMap<>();
    classes().forEach(e -> sum.put(e, 0.0));
    for (int m = 0; m < members.size(); m++) {
      double w = weights.get(m);
      EmotionPrediction p = members.get(m).predict(samples, sampleRate);
      if (!p.voiceHeard()) {
        return p;
      }
      p.probabilities().forEach((e, q) -> sum.merge(e, w * q, Double::sum));
    }
    return EmotionPrediction.of(sum);
  }

  /** {@inheritDoc} */
  @Override
  public ModelInfo info() {
    return info;
  }

  /** {@inheritDoc} */
  @Override
  public void close() {
    members.forEach(EmotionRecognizer::close);
  }
}
