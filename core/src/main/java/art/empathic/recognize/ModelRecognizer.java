package art.empathic.recognize;

import art.empathic.audio.Audio;
import art.empathic.audio.VoiceActivity;
import art.empathic.corpus.Emotion;
import art.empathic.features.FeatureSpec;
import art.empathic.run.RunMetrics;
import art.empathic.train.ModelSpec;
import art.empathic.train.SavedModel;
import art.empathic.train.SpeakerStatistics;
import art.empathic.train.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      metrics.put("protocol", m.split() == null || m.split().protocol() == null ? null : m.split().protocol().key());
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
    Audio audio = checked(samples, sampleRate);
    Optional<String> noVoice = VoiceActivity.check(audio).noVoiceReason();
    if (noVoice.isPresent()) {
      return EmotionPrediction.noVoice(noVoice.get());
    }
    return prediction(model.predict(audio));
  }

  private static Audio checked(float[] samples, int sampleRate) {
    Audio audio = new Audio(samples, sampleRate);
    if (audio.durationSeconds() < MIN_SECONDS) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "audio too short: %.0f ms, need at least %.0f ms", audio.durationSeconds() * 1000, MIN_SECONDS * 1000));
    }
    return audio;
  }

  private EmotionPrediction prediction(float[] p) {
    Map<Emotion, Double> probabilities = new LinkedHashMap<>();
    for (int k = 0; k < classes.size(); k++) {
      probabilities.put(classes.get(k), (double) p[k]);
    }
    return EmotionPrediction.of(probabilities);
  }

  /** An adapting session when the model was trained with per-speaker normalisation. */
  @Override
  public SpeakerSession newSession() {
    return newSession(SpeakerStatistics.Blend.DEFAULT);
  }

  /** A session with a given blend rule (the adaptation benchmark compares rules). */
  SpeakerSession newSession(SpeakerStatistics.Blend blend) {
    boolean adapts = model.spec().normalizationMode().perSpeaker();
    return new AdaptiveSession(adapts ? blend : SpeakerStatistics.Blend.NONE, adapts);
  }

  /**
   * The model's raw input for a clip (before normalisation), for sessions and for measuring
   * them ({@code adapt.AdaptationStudy}); an application predicts through {@link #predict(float[], int)} instead.
   */
  public float[] features(Audio audio) {
    return model.features(audio);
  }

  /** Probabilities for one raw feature row normalised by a session's statistics. */
  EmotionPrediction predictRow(float[] row, Standardizer.Stats stats) {
    return prediction(model.predictFeatures(new float[][] {row}, stats)[0]);
  }

  /**
   * Probabilities for rows of {@link #features} already standardised by the caller, one batch:
   * the path of {@code adapt.AdaptationStudy}, which replays many sessions over the same rows.
   */
  public float[][] predictStandardized(float[][] rows) {
    return model.predictStandardized(rows);
  }

  /** The model's normalisation: population statistics and, for per-speaker models, the training speakers'. */
  public Standardizer population() {
    return model.spec().normalization();
  }

  /** A speaker's session: accumulates statistics of the voiced clips it hears (no labels). */
  private final class AdaptiveSession implements SpeakerSession {
    private final SpeakerStatistics.Blend blend;
    private final boolean supported;
    private final SpeakerStatistics statistics;

    AdaptiveSession(SpeakerStatistics.Blend blend, boolean supported) {
      this.blend = blend;
      this.supported = supported;
      this.statistics = new SpeakerStatistics(population().channels());
    }

    @Override
    public synchronized EmotionPrediction predict(float[] samples, int sampleRate, boolean learn) {
      Audio audio = checked(samples, sampleRate);
      Optional<String> noVoice = VoiceActivity.check(audio).noVoiceReason();
      if (noVoice.isPresent()) {
        return EmotionPrediction.noVoice(noVoice.get());
      }
      float[] row = model.features(audio);
      EmotionPrediction p = predictRow(row, statistics.blended(population(), blend.weight(statistics.seconds())));
      if (learn) {
        statistics.add(row, audio.durationSeconds());
      }
      return p;
    }

    @Override
    public synchronized Adaptation adaptation() {
      return new Adaptation(supported, statistics.seconds(), blend.minSeconds(), blend.weight(statistics.seconds()));
    }
  }

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
