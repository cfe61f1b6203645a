package art.empathic.features;

import art.empathic.features.dsp.Functionals;
import art.empathic.features.dsp.MfccExtractor;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The feature kinds models take. Each is derived in memory from a cached {@link BaseFeature}
 * matrix (with any deltas stacked under it, see {@link FeatureSpec#stack}); adding a kind means
 * adding a constant with its base, its shape and its derivation.
 */
public enum FeatureKind {
  /** Time-mean of each row: the original MLP's and the baselines' input. Shape [channels]. */
  MFCC_MEAN("mfcc-mean", BaseFeature.MFCC, false) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      return MfccExtractor.timeMean(stacked);
    }
  },
  /**
   * MFCC statistics over time (see {@link TimeStatistic}; default mean, std, p10, p90 of each
   * MFCC and the std of each delta). Shape [statistics x n_mfcc], grouped by statistic.
   */
  MFCC_STATS("mfcc-stats", BaseFeature.MFCC, false) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      return TimeStatistics.of(stacked, base().rows(spec.mfcc()), spec.statistics());
    }

    @Override
    int[] shape(FeatureSpec spec) {
      return new int[] {TimeStatistics.size(spec.statistics(), base().rows(spec.mfcc()))};
    }
  },
  /** MFCC frames cut or zero-padded to a fixed count. Shape [channels][frames]. */
  MFCC_SEQ("mfcc-seq", BaseFeature.MFCC, true) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      return spec.align().fit(stacked, spec.frames());
    }
  },
  /** Log-mel spectrogram frames (dB) cut or zero-padded to a fixed count. Shape [channels][frames]. */
  MEL_DB("mel-db", BaseFeature.MEL_DB, true) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      return spec.align().fit(stacked, spec.frames());
    }
  },
  /**
   * Log-mel frames (dB) with each band's mean over the whole clip removed (per-utterance cepstral
   * mean normalisation on the mel bands: a microphone's or a voice's fixed spectral colour and the
   * recording level cancel), then cut or zero-padded (padding is the clip's mean) to a fixed
   * count. Computed the same way for one clip through the public API. Shape [channels][frames].
   */
  MEL_CMN("mel-cmn", BaseFeature.MEL_DB, true) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      float[][] centred = new float[stacked.length][];
      for (int c = 0; c < stacked.length; c++) {
        float[] row = stacked[c];
        double sum = 0;
        for (float v : row) {
          sum += v;
        }
        float mean = row.length == 0 ? 0f : (float) (sum / row.length);
        centred[c] = new float[row.length];
        for (int t = 0; t < row.length; t++) {
          centred[c][t] = row[t] - mean;
        }
      }
      return spec.align().fit(centred, spec.frames());
    }
  },
  /**
   * Utterance functionals (see {@link Functionals}): mean, std, p10, p90 and delta std of
   * log-mel (less the clip's level), MFCC, F0, aperiodicity, energy and spectral slope over
   * the frames within 40 dB of the loudest, plus voiced and active shares. Shape [values].
   */
  FUNCTIONALS("functionals", BaseFeature.VOICE, false) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      return Functionals.of(stacked, spec.mfcc());
    }

    @Override
    int[] shape(FeatureSpec spec) {
      return new int[] {Functionals.size(spec.mfcc())};
    }
  },
  /**
   * {@link #FUNCTIONALS} made to survive noise and a telephone line ({@link Functionals#robust}):
   * over the frames that are also 10 dB above the clip's noise floor, with the log-mel bands
   * outside 300-3400 Hz and the active share left out (0). Same layout and shape.
   */
  FUNCTIONALS_ROBUST("functionals-robust", BaseFeature.VOICE, false) {
    @Override
    float[] derive(float[][] stacked, FeatureSpec spec) {
      return Functionals.robust(stacked, spec.mfcc());
    }

    @Override
    int[] shape(FeatureSpec spec) {
      return new int[] {Functionals.size(spec.mfcc())};
    }
  };

  private final String cliName;
  private final BaseFeature base;
  private final boolean sequence;

  FeatureKind(String cliName, BaseFeature base, boolean sequence) {
    this.cliName = cliName;
    this.base = base;
    this.sequence = sequence;
  }

  /** The item's values, flattened in C order, from the base matrix with deltas stacked. */
  abstract float[] derive(float[][] stacked, FeatureSpec spec);

  /** The per-clip shape for a spec: [channels] for pooled kinds, [channels, frames] for sequences. */
  int[] shape(FeatureSpec spec) {
    return sequence ? new int[] {spec.channels(), spec.frames()} : new int[] {spec.channels()};
  }

  @JsonValue
  public String cliName() {
    return cliName;
  }

  public BaseFeature base() {
    return base;
  }

  /** True for kinds with a frame axis (they need a frame count). */
  public boolean isSequence() {
    return sequence;
  }

  @JsonCreator
  public static FeatureKind parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(k -> k.cliName.equals(t)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("unknown feature kind '" + s + "' (use one of "
            + Arrays.stream(values()).map(FeatureKind::cliName).collect(Collectors.joining(", ")) + ")"));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
