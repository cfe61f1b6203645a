package art.empathic.recognize;

import art.empathic.audio.Audio;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureSpec;
import art.empathic.run.RunMetrics;
import art.empathic.train.ModelSpec;
import art.empathic.train.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The recognizer behind {@link EmotionRecognizer#load}: a trained run's model with its feature
 * pipeline and normalisation, as in training. Thread-safe (a pool of network copies).
 */
public final class ModelRecognizer implements EmotionRecognizer {
  /** Shorter audio is refused: the features need a few analysis frames. */
  static final double MIN_SECONDS = 0.25;

  private final SavedModel model;
  private final List<Emotion> classes;
  private final ModelInfo info;

  private ModelRecognizer(SavedModel model, ModelInfo info) {
    this.model = model;
    this.classes = model.spec().emotions();
    this.info = info;
  }

  /** Opens a finished run; {@code copies} networks serve that many predictions at once. */
  public static ModelRecognizer open(Path runDir, int copies) throws IOException {
    if (!Files.isDirectory(runDir)) {
      throw new ModelUnavailableException(runDir + ": no such run directory");
    }
    if (!Files.exists(runDir.resolve(ModelSpec.FILE))) {
      throw new ModelUnavailableException(runDir + ": not a run directory (no spec.json); train one with "
          + "./empathic-art train --model NAME --out DIR");
    }
    SavedModel model;
    try {
      model = SavedModel.load(runDir, copies);
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelUnavailableException(e.getMessage());
    }
    return new ModelRecognizer(model, info(runDir, model.spec()));
  }

  private static ModelInfo info(Path runDir, ModelSpec spec) throws IOException {
    FeatureSpec f = spec.feature();
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("kind", f.kind().cliName());
    features.put("description", f.describe());
    features.put("sampleRate", f.sampleRate());
    features.put("nMfcc", f.mfcc().nMfcc());
    features.put("nFft", f.mfcc().nFft());
    features.put("hopLength", f.mfcc().hopLength());
    features.put("nMels", f.mfcc().nMels());
    if (f.kind().isSequence()) {
      features.put("frames", f.frames());
      features.put("clipSeconds", f.frames() * (double) f.mfcc().hopLength() / f.sampleRate());
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (Files.exists(runDir.resolve(RunMetrics.FILE))) {
      RunMetrics m = RunMetrics.read(runDir);
      metrics.put("accuracy", m.accuracy());
      metrics.put("macroF1", m.f1Macro());
      metrics.put("loss", m.loss());
      metrics.put("protocol", m.split() == null ? null : m.split().protocol());
      metrics.put("testClips", m.nTest());
    }
    String name = spec.displayName() + " [" + runDir.toAbsolutePath().normalize().getFileName() + "]";
    return new ModelInfo(name, spec.emotions(), features, metrics);
  }

  /** {@inheritDoc} */
  @Override
  public List<Emotion> classes() {
    return classes;
  }

  /** {@inheritDoc} */
  @Override
  public EmotionPrediction predict(float[] samples, int sampleRate) {
    Audio audio = new Audio(samples, sampleRate);
    if (audio.durationSeconds() < MIN_SECONDS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "audio too short: %.0f ms, need at least %.0f ms", audio.durationSeconds() * 1000, MIN_SECONDS * 1000));
    }
    float[] p = model.predict(audio);
    Map<Emotion, Double> probabilities = new LinkedHashMap<>();
    for (int k = 0; k < classes.size(); k++) {
      probabilities.put(classes.get(k), (double) p[k]);
    }
    return EmotionPrediction.of(probabilities);
  }

  /** {@inheritDoc} */
  @Override
  public ModelInfo info() {
    return info;
  }

  /** {@inheritDoc} */
  @Override
  public void close() {
    model.close();
  }
}
