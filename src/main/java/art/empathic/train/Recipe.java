package art.empathic.train;

import art.empathic.corpus.AugmentSpec;
import art.empathic.corpus.FeatureKind;
import art.empathic.corpus.FeatureSpec;
import art.empathic.corpus.TimeStatistic;
import art.empathic.features.MfccConfig;
import art.empathic.model.Architecture;
import art.empathic.model.ModelFamily;
import java.util.List;

/**
 * A family's complete default recipe: input features, architecture, training settings,
 * normalisation, audio augmentation and ensemble size. The defaults are the settings that
 * scored best on a validation part of the training side (never on test); the evidence is in
 * {@code docs/MODELS.md}. Every part can be overridden from the CLI.
 *
 * @param augmentText training-side audio augmentation in {@link AugmentSpec#parse} form, or null
 */
public record Recipe(FeatureSpec feature, Architecture architecture, TrainSettings training,
    Standardizer.Mode normalization, String augmentText, int ensemble) {

  /** The sample rate every recipe analyses at (speech corpora are 16 kHz or resampled to it). */
  public static final int SAMPLE_RATE = 16000;

  public static Recipe defaults(ModelFamily family) {
    MfccConfig speech = MfccConfig.librosaDefaults(SAMPLE_RATE).withNFft(1024).withHopLength(256);
    return switch (family) {
      case MLP -> new Recipe(
          FeatureSpec.of(FeatureKind.MFCC_STATS, speech.withNMfcc(20)),
          new Architecture.Mlp(List.of(300), 0.01),
          TrainSettings.sklearnMlp(42),
          Standardizer.Mode.SPEAKER,
          "copies=2,speed=0.9:1.1,noise=20:30",
          1);
      case BASELINE_CNN -> new Recipe(
          FeatureSpec.of(FeatureKind.MFCC_STATS, speech.withNMfcc(32))
              .withStatistics(TimeStatistic.parseList("mean,std,p90,dstd")),
          new Architecture.BaselineCnn(256, List.of(0.3, 0.3, 0.1)),
          sequenceTraining(20, FeatureAugmentation.NONE),
          Standardizer.Mode.SPEAKER,
          null,
          1);
      case CNN_LSTM -> new Recipe(
          FeatureSpec.mfccSeq(speech, 160),
          new Architecture.CnnLstm(List.of(64, 128), 5, 2, 128, 0.3, Architecture.TimePooling.LAST),
          sequenceTraining(20, new FeatureAugmentation(0, 0, 0, 0, 16, 0, 0)),
          Standardizer.Mode.SPEAKER,
          null,
          1);
      case CNN_LSTM_PAPER -> new Recipe(
          FeatureSpec.mfccSeq(speech, 160),
          new Architecture.PaperCnnLstm(List.of(64, 64, 128, 128), 3, List.of(2, 2, 2, 2), 256, 0.3,
              Architecture.TimePooling.LAST),
          sequenceTraining(20, new FeatureAugmentation(0, 0, 0, 0, 16, 0, 0)),
          Standardizer.Mode.SPEAKER,
          null,
          1);
    };
  }

  private static TrainSettings sequenceTraining(int epochs, FeatureAugmentation augmentation) {
    return new TrainSettings(epochs, 32, 1e-3, TrainSettings.Schedule.ONE_CYCLE, 0, 0, 42, 0, false, 1e-4, 10,
        augmentation);
  }

  public AugmentSpec augment(long seed) {
    return augmentText == null ? null : AugmentSpec.parse(augmentText, seed);
  }
}
