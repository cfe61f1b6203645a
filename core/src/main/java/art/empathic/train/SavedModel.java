package art.empathic.train;

import art.empathic.audio.Audio;
import art.empathic.audio.Resampler;
import art.empathic.features.FeatureSpec;
import art.empathic.features.dsp.MfccExtractor;
import art.empathic.model.Network;
import art.empathic.model.Tensors;
import art.empathic.run.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A trained run loaded for prediction: its spec, its normalisation, and its networks (several
 * for an ensemble, whose probabilities are averaged). Thread-safe: it keeps a small pool of
 * network copies so that several threads predict at once.
 */
public final class SavedModel implements AutoCloseable {
  private final Path runDir;
  private final ModelSpec spec;
  private final MfccExtractor extractor;
  private final BlockingQueue<List<TrainedModel>> pool;
  private final List<List<TrainedModel>> all = new ArrayList<>();

  private SavedModel(Path runDir, ModelSpec spec, List<byte[]> members, int copies) {
    this.runDir = runDir;
    this.spec = spec;
    this.extractor = new MfccExtractor(spec.feature().mfcc());
    this.pool = new ArrayBlockingQueue<>(copies);
    try {
      for (int c = 0; c < copies; c++) {
        List<TrainedModel> set = new ArrayList<>();
        for (byte[] params : members) {
          set.add(TrainedModel.load(network(spec), params));
        }
        all.add(set);
        pool.add(set);
      }
    } catch (RuntimeException e) {
      close();
      throw new IllegalArgumentException(runDir + ": " + e.getMessage(), e);
    }
  }

  /** The parameter file of ensemble member {@code m} (1-based). */
  public static Path parametersFile(Path runDir, int member) {
    return RunFiles.modelParams(runDir, member);
  }

  /** Builds the (untrained) network a spec describes. */
  public static Network network(ModelSpec spec) {
    return Network.build(spec.architecture(), inputShape(spec.feature(), spec.training()), spec.classes().size());
  }

  /**
   * The example shape a network for these features and training settings takes: the feature
   * shape, with a sequence recipe's training window as its frame count (a window longer than the
   * sequences is refused).
   */
  public static ai.djl.ndarray.types.Shape inputShape(FeatureSpec feature, TrainSettings training) {
    long[] shape = Tensors.toLongs(feature.shape());
    if (training.window() > 0 && shape.length == 2) {
      if (training.window() > shape[1]) {
        throw new IllegalArgumentException("a window of " + training.window() + " frames does not fit "
            + shape[1] + "-frame sequences");
      }
      shape[1] = training.window();
    }
    return new ai.djl.ndarray.types.Shape(shape);
  }

  /** Loads a finished run with one network copy per available core (at most 4). */
  public static SavedModel load(Path runDir) throws IOException {
    return load(runDir, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
  }

  public static SavedModel load(Path runDir, int copies) throws IOException {
    ModelSpec spec = ModelSpec.read(runDir);
    if (spec.normalization() == null) {
      throw new IOException(runDir + ": the run has no normalisation statistics yet (did training finish?)");
    }
    List<byte[]> members = new ArrayList<>();
    for (int m = 1; m <= spec.ensemble(); m++) {
      Path file = parametersFile(runDir, m);
      try {
        members.add(Files.readAllBytes(file));
      } catch (NoSuchFileException e) {
        throw new IOException(runDir + ": no trained model (" + file.getFileName() + " is missing; did training finish?)", e);
      }
    }
    return new SavedModel(runDir, spec, members, copies);
  }

  public Path runDir() {
    return runDir;
  }

  public ModelSpec spec() {
    return spec;
  }

  /** The model input for a clip: resampled to the spec's rate, features derived as in training. */
  public float[] features(Audio audio) {
    Audio a = Resampler.resample(audio, spec.feature().sampleRate());
    FeatureSpec f = spec.feature();
    return f.derive(f.kind().base().compute(extractor, a.samples()));
  }

  /** Probabilities for one clip of audio from an unknown speaker. */
  public float[] predict(Audio audio) {
    return predictFeatures(new float[][] {features(audio)}, new String[] {null})[0];
  }

  /**
   * Probabilities for raw (unnormalised) feature rows; {@code speakers} selects per-speaker
   * statistics where the model has them (null entries: unknown speaker).
   */
  public float[][] predictFeatures(float[][] rows, String[] speakers) {
    float[][] x = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = spec.normalization().apply(rows[i], speakers[i]);
    }
    return predictStandardized(x);
  }

  /** Probabilities for raw feature rows of one speaker, standardised with the given statistics. */
  public float[][] predictFeatures(float[][] rows, Standardizer.Stats stats) {
    float[][] x = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = spec.normalization().applyWith(rows[i], stats);
    }
    return predictStandardized(x);
  }

  /** Probabilities for rows already standardised (each with its own statistics), in one batch. */
  public float[][] predictStandardized(float[][] x) {
    List<TrainedModel> members = take();
    try {
      float[][] sum = null;
      for (TrainedModel m : members) {
        float[][] p = m.predict(x, spec.training().testWindows());
        if (sum == null) {
          sum = p;
        } else {
          for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < p[i].length; k++) {
              sum[i][k] += p[i][k];
            }
          }
        }
      }
      if (members.size() > 1) {
        for (float[] row : sum) {
          for (int k = 0; k < row.length; k++) {
            row[k] /= members.size();
          }
        }
      }
      return sum;
    } finally {
      pool.add(members);
    }
  }

  private List<TrainedModel> take() {
    try {
      return pool.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a free model copy", e);
    }
  }

  @Override
  public void close() {
    for (List<TrainedModel> set : all) {
      set.forEach(TrainedModel::close);
    }
    all.clear();
    pool.clear();
  }
}
