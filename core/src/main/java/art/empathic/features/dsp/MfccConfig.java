package art.empathic.features.dsp;

/**
 * Every parameter of an MFCC / mel-spectrogram computation, with librosa's (>= 0.10) meaning.
 *
 * @param sampleRate sample rate of the audio the features are computed from
 * @param nMfcc number of cepstral coefficients kept
 * @param nFft FFT size
 * @param hopLength samples between frame starts
 * @param winLength Hann window length (&lt;= nFft; centred in the FFT frame when shorter)
 * @param nMels mel bands
 * @param fmin lowest mel band edge in Hz
 * @param fmax highest mel band edge in Hz (librosa's default is sampleRate / 2)
 * @param center pad the signal by nFft / 2 zeros on both sides (librosa center=True, "constant")
 * @param topDb floor of {@code power_to_db} below the clip's peak, in dB; null for no floor
 */
public record MfccConfig(
    int sampleRate,
    int nMfcc,
    int nFft,
    int hopLength,
    int winLength,
    int nMels,
    double fmin,
    double fmax,
    boolean center,
    Double topDb) {

  /** librosa.feature.mfcc defaults for a sample rate, with the project's default of 40 MFCC. */
  public static MfccConfig librosaDefaults(int sampleRate) {
    return new MfccConfig(sampleRate, 40, 2048, 512, 2048, 128, 0.0, sampleRate / 2.0, true, 80.0);
  }

  public MfccConfig {
    if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    if (nFft <= 0) throw new IllegalArgumentException("n_fft must be positive, got " + nFft);
    if (hopLength <= 0) throw new IllegalArgumentException("hop_length must be positive, got " + hopLength);
    if (winLength <= 0 || winLength > nFft) throw new IllegalArgumentException("win_length must be in 1.." + nFft + ", got " + winLength);
    if (nMels <= 0) throw new IllegalArgumentException("n_mels must be positive, got " + nMels);
    if (nMfcc <= 0 || nMfcc > nMels) throw new IllegalArgumentException("n_mfcc must be in 1..n_mels (" + nMels + "), got " + nMfcc);
    if (!(fmin >= 0) || !(fmax > fmin) || fmax > sampleRate / 2.0 + 1e-9) {
      throw new IllegalArgumentException("need 0 <= fmin < fmax <= sr/2 (" + sampleRate / 2.0 + "), got fmin " + fmin + ", fmax " + fmax);
    }
    if (topDb != null && !(topDb >= 0)) throw new IllegalArgumentException("top_db must be non-negative, got " + topDb);
  }

  public MfccConfig withNMfcc(int n) { return new MfccConfig(sampleRate, n, nFft, hopLength, winLength, nMels, fmin, fmax, center, topDb); }
  public MfccConfig withNFft(int n) { return new MfccConfig(sampleRate, nMfcc, n, hopLength, Math.min(winLength == nFft ? n : winLength, n), nMels, fmin, fmax, center, topDb); }
  public MfccConfig withHopLength(int n) { return new MfccConfig(sampleRate, nMfcc, nFft, n, winLength, nMels, fmin, fmax, center, topDb); }
  public MfccConfig withWinLength(int n) { return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, n, nMels, fmin, fmax, center, topDb); }
  public MfccConfig withNMels(int n) { return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, winLength, n, fmin, fmax, center, topDb); }
  public MfccConfig withFmin(double f) { return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, winLength, nMels, f, fmax, center, topDb); }
  public MfccConfig withFmax(double f) { return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, winLength, nMels, fmin, f, center, topDb); }
  public MfccConfig withCenter(boolean c) { return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, winLength, nMels, fmin, fmax, c, topDb); }
  public MfccConfig withTopDb(Double t) { return new MfccConfig(sampleRate, nMfcc, nFft, hopLength, winLength, nMels, fmin, fmax, center, t); }
}
