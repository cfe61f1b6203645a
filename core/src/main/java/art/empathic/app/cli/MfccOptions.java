package art.empathic.app.cli;

import art.empathic.features.dsp.MfccConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The MFCC parameters every feature-extracting command offers, with librosa's defaults and 40
 * coefficients: a picocli mixin.
 */
final class MfccOptions {
  @Option(names = "--n-mfcc", paramLabel = "N", defaultValue = "40", description = "Coefficients per frame (default: ${DEFAULT-VALUE}).")
  int nMfcc;

  @Option(names = "--n-fft", paramLabel = "N", defaultValue = "2048", description = "FFT size (default: ${DEFAULT-VALUE}).")
  int nFft;

  @Option(names = "--hop-length", paramLabel = "N", defaultValue = "512", description = "Samples between frames (default: ${DEFAULT-VALUE}).")
  int hopLength;

  @Option(names = "--win-length", paramLabel = "N", description = "Hann window length, centred in n_fft (default: n_fft).")
  Integer winLength;

  @Option(names = "--n-mels", paramLabel = "N", defaultValue = "128", description = "Mel bands (default: ${DEFAULT-VALUE}).")
  int nMels;

  @Option(names = "--fmin", paramLabel = "HZ", defaultValue = "0", description = "Lowest mel band edge (default: ${DEFAULT-VALUE}).")
  double fmin;

  @Option(names = "--fmax", paramLabel = "HZ", description = "Highest mel band edge (default: sample rate / 2).")
  Double fmax;

  @Option(names = "--top-db", paramLabel = "DB|none", defaultValue = "80", converter = TopDb.class,
      description = "Floor of the log-mel spectrogram below the clip's peak, or 'none' (default: ${DEFAULT-VALUE}).")
  Double topDb;

  /** "none" means no floor; anything else must be a number of dB. */
  static final class TopDb implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return value.equalsIgnoreCase("none") ? null : Double.valueOf(value);
    }
  }

  /** The configuration for audio at {@code sampleRate}; IllegalArgumentException on inconsistent values. */
  MfccConfig config(int sampleRate, boolean center) {
    return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, winLength == null ? nFft : winLength, nMels, fmin,
        fmax == null ? sampleRate / 2.0 : fmax, center, topDb);
  }
}
