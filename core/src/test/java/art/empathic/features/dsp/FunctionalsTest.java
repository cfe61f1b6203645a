package art.empathic.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FunctionalsTest {
  private static final int SR = 16000;
  private static final MfccConfig CONFIG =
      MfccConfig.librosaDefaults(SR).withNFft(1024).withHopLength(256).withNMels(64).withNMfcc(20);

  /** 0.3 s of silence, 1 s of a harmonic voice at f0 Hz, 0.3 s of silence. */
  private static float[] voice(double f0, double amp) {
    float[] x = new float[(int) (1.6 * SR)];
    for (int i = (int) (0.3 * SR); i < (int) (1.3 * SR); i++) {
      double t = (double) i / SR;
      double v = 0;
      for (int h = 1; h <= 8; h++) {
        v += Math.sin(2 * Math.PI * f0 * h * t) / h;
      }
      x[i] = (float) (amp * v);
    }
    return x;
  }

  @Test
  void pitchStatisticsFollowTheVoiceAndSilenceIsLeftOut() {
    VoiceFrames vf = new VoiceFrames(CONFIG);
    float[] f = Functionals.of(vf.compute(voice(200, 0.2)), CONFIG);
    assertEquals(Functionals.size(CONFIG), f.length);
    assertEquals(442, f.length);
    int pitch = Functionals.STATISTICS * VoiceFrames.f0Row(CONFIG);
    double semitones200 = 12 * Math.log(200 / 27.5) / Math.log(2);
    assertEquals(semitones200, f[pitch], 0.2, "mean F0 in semitones");
    assertTrue(f[pitch + 1] < 0.5, "F0 std " + f[pitch + 1]);
    float voicedShare = f[f.length - 2];
    float activeShare = f[f.length - 1];
    assertTrue(voicedShare > 0.9, "voiced share " + voicedShare);
    assertEquals(1.0 / 1.6, activeShare, 0.06, "active share: the silence is not counted");
    float[] higher = Functionals.of(vf.compute(voice(300, 0.2)), CONFIG);
    assertEquals(12 * Math.log(1.5) / Math.log(2), higher[pitch] - f[pitch], 0.3, "a fifth higher");
  }

  @Test
  void logMelFunctionalsAndRelativeEnergyDoNotDependOnGain() {
    VoiceFrames vf = new VoiceFrames(CONFIG);
    float[] loud = Functionals.of(vf.compute(voice(180, 0.3)), CONFIG);
    float[] quiet = Functionals.of(vf.compute(voice(180, 0.03)), CONFIG);
    int mel = Functionals.STATISTICS * CONFIG.nMels();
    for (int i = 0; i < mel; i++) {
      assertEquals(loud[i], quiet[i], 0.05, "log-mel functional " + i);
    }
    int energy = Functionals.STATISTICS * (VoiceFrames.f0Row(CONFIG) + 2);
    assertEquals(loud[energy], quiet[energy], 0.05, "mean energy relative to the loudest frame");
    int mfcc0 = mel; // the mean of c0 does move with gain: the functionals are not blind to level
    assertTrue(Math.abs(loud[mfcc0] - quiet[mfcc0]) > 10, "c0 " + loud[mfcc0] + " vs " + quiet[mfcc0]);
  }

  @Test
  void silenceGivesFiniteValuesAndNoPitch() {
    VoiceFrames vf = new VoiceFrames(CONFIG);
    float[] f = Functionals.of(vf.compute(new float[SR]), CONFIG);
    for (float v : f) {
      assertTrue(Float.isFinite(v));
    }
    assertEquals(0f, f[f.length - 2], "voiced share of silence");
  }

  @Test
  void percentileIsNumpysLinearInterpolation() {
    double[] v = {1, 2, 3, 4, 10};
    assertEquals(1.4, Functionals.percentile(v, 10), 1e-12);   // np.percentile([1,2,3,4,10], 10)
    assertEquals(7.6, Functionals.percentile(v, 90), 1e-12);   // np.percentile([1,2,3,4,10], 90)
  }

  /** The clip with Gaussian white noise at {@code snrDb} over the whole clip (as audio.Channel adds it). */
  private static float[] withNoise(float[] x, double snrDb, long seed) {
    java.util.Random r = new java.util.Random(seed);
    double[] n = new double[x.length];
    double ps = 0;
    double pn = 0;
    for (int i = 0; i < x.length; i++) {
      n[i] = r.nextGaussian();
      ps += x[i] * x[i];
      pn += n[i] * n[i];
    }
    double g = Math.sqrt(ps / (pn * Math.pow(10, snrDb / 10)));
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (x[i] + g * n[i]);
    }
    return y;
  }

  @Test
  void aboveTheNoiseFloorNoiseDoesNotTurnPausesIntoSpeech() {
    VoiceFrames vf = new VoiceFrames(CONFIG);
    float[] clean = voice(200, 0.2);
    float[] noisy = withNoise(clean, 20, 3);
    float[] plainNoisy = Functionals.of(vf.compute(noisy), CONFIG);
    float[] floorClean = Functionals.aboveNoise(vf.compute(clean), CONFIG);
    float[] floorNoisy = Functionals.aboveNoise(vf.compute(noisy), CONFIG);
    int active = Functionals.size(CONFIG) - 1;
    // The plain rule: the pauses of the noisy clip are within 40 dB of its loudest frame.
    assertTrue(plainNoisy[active] > 0.95, "plain active share " + plainNoisy[active]);
    assertEquals(1.0 / 1.6, floorClean[active], 0.06, "clean clip above its floor");
    assertEquals(floorClean[active], floorNoisy[active], 0.06, "noisy clip above its floor");
    // Every statistic of the energy row moves less under noise above the floor.
    float[] plainClean = Functionals.of(vf.compute(clean), CONFIG);
    int energy = Functionals.STATISTICS * (VoiceFrames.f0Row(CONFIG) + 2);
    double plainShift = 0;
    double floorShift = 0;
    for (int k = energy; k < energy + Functionals.STATISTICS; k++) {
      plainShift += Math.abs(plainNoisy[k] - plainClean[k]);
      floorShift += Math.abs(floorNoisy[k] - floorClean[k]);
    }
    assertTrue(floorShift < plainShift / 3, "energy statistics moved " + floorShift + " above the floor, "
        + plainShift + " with the plain rule");
  }

  @Test
  void aSteadyClipKeepsItsFramesAboveTheNoiseFloor() {
    float[] tone = new float[SR];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * 220 * i / SR));
    }
    float[] f = Functionals.aboveNoise(new VoiceFrames(CONFIG).compute(tone), CONFIG);
    float active = f[f.length - 1];
    assertTrue(active > 0 && active <= 1, "active share " + active);
    for (float v : f) {
      assertTrue(Float.isFinite(v), "every value finite");
    }
  }

  @Test
  void theRobustViewKeepsTheTelephoneBandAndLeavesTheActiveShareOut() {
    float[][] frames = new VoiceFrames(CONFIG).compute(withNoise(voice(200, 0.2), 30, 5));
    float[] floor = Functionals.aboveNoise(frames, CONFIG);
    float[] robust = Functionals.robust(frames, CONFIG);
    double[] mels = MelFilterbank.melFrequencies(CONFIG.nMels() + 2, CONFIG.fmin(), CONFIG.fmax());
    int kept = 0;
    for (int m = 0; m < CONFIG.nMels(); m++) {
      boolean inBand = mels[m + 1] >= 300 && mels[m + 1] <= 3400;
      kept += inBand ? 1 : 0;
      for (int s = 0; s < Functionals.STATISTICS; s++) {
        int k = m * Functionals.STATISTICS + s;
        assertEquals(inBand ? floor[k] : 0f, robust[k], "band " + m + " (" + Math.round(mels[m + 1]) + " Hz) statistic " + s);
      }
    }
    assertEquals(41, kept, "bands 6-46 of 64 lie in 300-3400 Hz");
    assertTrue(floor[floor.length - 1] > 0, "the active share is there before");
    assertEquals(0f, robust[robust.length - 1], "and left out of the robust view");
    for (int k = Functionals.STATISTICS * CONFIG.nMels(); k < robust.length - 1; k++) {
      assertEquals(floor[k], robust[k], "value " + k + " past the log-mel rows is kept");
    }
  }
}
