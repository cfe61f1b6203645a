package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MfccExtractorTest {
  static final int SR = 16000;
  static final MfccConfig DEFAULTS = MfccConfig.librosaDefaults(SR);

  static float[] tone(double hz, double amplitude, int n) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
    }
    return y;
  }

  static float[] noise(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (0.1 * (r.nextDouble() * 2 - 1));
    }
    return y;
  }

  @Test
  void framesCountLikeLibrosa() {
    MfccExtractor centred = new MfccExtractor(DEFAULTS);
    assertThat(centred.frameCount(16000)).isEqualTo(32); // 1 + (16000 + 2048 - 2048) // 512
    assertThat(centred.frameCount(300)).isEqualTo(1); // shorter than n_fft: padded, one frame
    assertThat(centred.mfcc(new float[16000])[0]).hasSize(32);
    MfccExtractor uncentred = new MfccExtractor(DEFAULTS.withCenter(false));
    assertThat(uncentred.frameCount(16000)).isEqualTo(28); // 1 + (16000 - 2048) // 512
    assertThat(uncentred.frameCount(2048)).isEqualTo(1);
  }

  @Test
  void uncentredAnalysisOfASignalShorterThanNfftIsAnErrorAsInLibrosa() {
    MfccExtractor uncentred = new MfccExtractor(DEFAULTS.withCenter(false));
    assertThatThrownBy(() -> uncentred.mfcc(new float[2047]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n_fft=2048").hasMessageContaining("2047");
    assertThatThrownBy(() -> new MfccExtractor(DEFAULTS).mfcc(new float[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no audio samples");
  }

  @Test
  void silenceIsTheAminFloorEverywhere() {
    // power_to_db(0) = 10 log10(1e-10) = -100 dB; its orthonormal DCT is -100 sqrt(n_mels) in c0, 0 elsewhere.
    MfccExtractor ex = new MfccExtractor(DEFAULTS);
    for (float[] row : ex.melDb(new float[5000])) {
      for (float v : row) {
        assertThat(v).isEqualTo(-100f);
      }
    }
    float[][] mfcc = ex.mfcc(new float[5000]);
    assertThat(mfcc).hasDimensions(40, 10);
    for (int t = 0; t < 10; t++) {
      assertThat(mfcc[0][t]).isCloseTo((float) (-100 * Math.sqrt(128)), within(1e-3f));
      for (int k = 1; k < 40; k++) {
        assertThat(mfcc[k][t]).isCloseTo(0f, within(1e-3f));
      }
    }
  }

  @Test
  void aToneLightsTheBandAroundItsFrequency() {
    MfccExtractor ex = new MfccExtractor(DEFAULTS);
    float[][] db = ex.melDb(tone(1000, 0.5, SR));
    double[] edges = MelFilterbank.melFrequencies(130, 0, SR / 2.0);
    int loudest = 0;
    for (int m = 0; m < 128; m++) {
      if (db[m][16] > db[loudest][16]) {
        loudest = m;
      }
    }
    assertThat(edges[loudest]).isLessThan(1000);
    assertThat(edges[loudest + 2]).isGreaterThan(1000);
  }

  @Test
  void tenTimesTheAmplitudeIsTwentyDecibelsAndOnlyMovesC0() {
    MfccExtractor ex = new MfccExtractor(DEFAULTS.withTopDb(null));
    float[] quiet = noise(3, 8000);
    float[] loud = new float[quiet.length];
    for (int i = 0; i < loud.length; i++) {
      loud[i] = quiet[i] * 10;
    }
    float[][] a = ex.mfcc(quiet);
    float[][] b = ex.mfcc(loud);
    for (int t = 0; t < a[0].length; t++) {
      assertThat(b[0][t] - a[0][t]).isCloseTo((float) (20 * Math.sqrt(128)), within(2e-3f));
      for (int k = 1; k < 40; k++) {
        assertThat(b[k][t]).isCloseTo(a[k][t], within(2e-3f));
      }
    }
  }

  @Test
  void topDbFloorsEverythingBelowThePeakOfTheWholeClip() {
    float[] y = new float[3 * SR];
    System.arraycopy(tone(440, 0.8, SR), 0, y, 0, SR); // a loud second, then two of silence
    float[][] floored = new MfccExtractor(DEFAULTS.withTopDb(80.0)).melDb(y);
    float[][] raw = new MfccExtractor(DEFAULTS.withTopDb(null)).melDb(y);
    float max = Float.NEGATIVE_INFINITY;
    for (float[] row : raw) {
      for (float v : row) {
        max = Math.max(max, v);
      }
    }
    float floor = max - 80;
    for (int m = 0; m < raw.length; m++) {
      for (int t = 0; t < raw[m].length; t++) {
        assertThat(floored[m][t]).isEqualTo(Math.max(raw[m][t], floor));
      }
    }
    assertThat(raw[0][90]).isEqualTo(-100f); // the silent end is below the floor without top_db
    assertThat(floored[0][90]).isEqualTo(floor);
  }

  @Test
  void nonFiniteAudioIsRejected() {
    float[] y = noise(1, 4000);
    y[1234] = Float.NaN;
    assertThatThrownBy(() -> new MfccExtractor(DEFAULTS).mfcc(y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
  }

  @Test
  void concurrentCallsGiveTheSameResultsAsSequentialOnes() throws Exception {
    MfccExtractor ex = new MfccExtractor(DEFAULTS.withNFft(512).withHopLength(160));
    List<float[]> signals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      signals.add(noise(i, 4000 + 1000 * i)); // different lengths: the reusable buffers must grow
    }
    List<float[][]> expected = signals.stream().map(ex::mfcc).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int rep = 0; rep < 16; rep++) {
        for (int i = 0; i < signals.size(); i++) {
          int idx = (i + rep) % signals.size();
          checks.add(pool.submit(() -> java.util.Arrays.deepEquals(ex.mfcc(signals.get(idx)), expected.get(idx))));
        }
      }
      for (Future<Boolean> f : checks) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void framesDependOnlyOnTheirOwnSamplesEvenForSignalsTooLongToKeepABufferFor() {
    // Without a top_db floor each frame is local: a prefix's frames (those not reaching its
    // end padding) equal the long signal's. 1.2 M samples exceed the kept-buffer size.
    MfccExtractor ex = new MfccExtractor(DEFAULTS.withTopDb(null));
    float[] longSignal = noise(21, 1_200_000);
    float[] prefix = java.util.Arrays.copyOf(longSignal, 20_000);
    float[][] whole = ex.mfcc(longSignal);
    float[][] part = ex.mfcc(prefix);
    assertThat(whole[0]).hasSize(2344); // 1 + 1_200_000 // 512
    for (int t = 0; t < part[0].length - 2048 / 512; t++) {
      for (int k = 0; k < 40; k++) {
        assertThat(part[k][t]).isEqualTo(whole[k][t]);
      }
    }
  }

  @Test
  void meanIsTheAverageOverFrames() {
    MfccExtractor ex = new MfccExtractor(DEFAULTS);
    float[] y = noise(9, 12000);
    float[][] m = ex.mfcc(y);
    float[] mean = ex.mfccMean(y);
    assertThat(mean).hasSize(40);
    for (int k = 0; k < 40; k++) {
      double sum = 0;
      for (float v : m[k]) {
        sum += v;
      }
      assertThat(mean[k]).isCloseTo((float) (sum / m[k].length), within(1e-4f));
    }
  }

  @Test
  void directAndFftDctAgree() {
    // 64 mels take JTransforms' DCT, 63 the explicit matrix: compare the matrix with the definition.
    double[] d = MfccExtractor.orthonormalDct(20, 63);
    for (int k = 0; k < 20; k++) {
      double norm = 0;
      for (int m = 0; m < 63; m++) {
        norm += d[k * 63 + m] * d[k * 63 + m];
      }
      assertThat(norm).as("row %d is unit length", k).isCloseTo(1.0, within(1e-12));
    }
    float[] y = noise(5, 6000);
    float[][] viaFft = new MfccExtractor(DEFAULTS.withNMels(64).withNMfcc(20)).mfcc(y);
    float[][] db = new MfccExtractor(DEFAULTS.withNMels(64).withNMfcc(20)).melDb(y);
    for (int t = 0; t < db[0].length; t++) {
      for (int k = 0; k < 20; k++) {
        double sum = 0;
        for (int m = 0; m < 64; m++) {
          double basis = (k == 0 ? Math.sqrt(1.0 / 64) : Math.sqrt(2.0 / 64)) * Math.cos(Math.PI * k * (2 * m + 1) / 128.0);
          sum += basis * db[m][t];
        }
        assertThat(viaFft[k][t]).isCloseTo((float) sum, within(1e-4f));
      }
    }
  }

  @Test
  void periodicHannIsScipysFftbinsWindow() {
    double[] w = MfccExtractor.periodicHann(8);
    double[] expected = {0, 0.1464466094, 0.5, 0.8535533906, 1, 0.8535533906, 0.5, 0.1464466094};
    for (int i = 0; i < 8; i++) {
      assertThat(w[i]).isCloseTo(expected[i], within(1e-9));
    }
    assertThat(MfccExtractor.periodicHann(1)).containsExactly(1.0);
  }
}
