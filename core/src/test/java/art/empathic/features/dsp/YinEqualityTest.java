package art.empathic.features.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link Yin} against the direct {@link YinReference}: bit for bit where the window is
 * summed whole, and to rounding (1e-9 relative) where it is summed hop by hop.
 */
class YinEqualityTest {
  /** A voiced-like signal: a gliding harmonic tone under noise, with a silent stretch. */
  private static float[] signal(int sr, double seconds, long seed) {
    Random r = new Random(seed);
    float[] y = new float[(int) (sr * seconds)];
    double phase = 0;
    for (int i = 0; i < y.length; i++) {
      double f0 = 110 + 150 * i / (double) y.length;
      phase += 2 * Math.PI * f0 / sr;
      boolean silent = i > y.length / 3 && i < y.length / 2;
      y[i] = silent ? 0f : (float) (0.4 * Math.sin(phase) + 0.2 * Math.sin(2 * phase) + 0.05 * r.nextGaussian());
    }
    return y;
  }

  @Test
  void speechSettingsGiveTheDirectValuesToRounding() {
    for (int sr : new int[] {16000, 22050}) {
      float[] y = signal(sr, 1.3, sr);
      Yin.Track fast = Yin.speech(sr).track(y);
      YinReference.Track direct = YinReference.speech(sr).track(y);
      assertEquals(direct.frames(), fast.frames());
      int voiced = 0;
      for (int i = 0; i < fast.frames(); i++) {
        assertEquals(direct.f0()[i], fast.f0()[i], 1e-9 * direct.f0()[i], "f0 at " + sr + " Hz, frame " + i);
        assertEquals(direct.aperiodicity()[i], fast.aperiodicity()[i], 1e-9, "aperiodicity, frame " + i);
        voiced += direct.aperiodicity()[i] < 0.1 ? 1 : 0;
      }
      assertTrue(voiced > fast.frames() / 3, "the signal should be mostly voiced, " + voiced + " of " + fast.frames());
    }
  }

  @Test
  void aWindowOfNoWholeHopsGivesTheSameBits() {
    float[] y = signal(16000, 0.8, 5);
    Yin fast = new Yin(16000, 65, 500, 1024, 300, 0.1);
    YinReference direct = new YinReference(16000, 65, 500, 1024, 300, 0.1);
    assertArrayEquals(direct.track(y).f0(), fast.track(y).f0(), 0.0);
    assertArrayEquals(direct.track(y).aperiodicity(), fast.track(y).aperiodicity(), 0.0);
  }

  @Test
  void lagCountsThatAreNoMultipleOfEightAgreeWithTheDirectSum() {
    // Lag ranges with every remainder mod 8 exercise the tail loop; hops of a quarter window
    // sum the window in four parts.
    float[] y = signal(8000, 0.6, 7);
    for (int frame = 64; frame <= 120; frame += 7) {
      int hop = frame / 2 % 4 == 0 ? frame / 8 : 32;
      Yin.Track a = new Yin(8000, 200, 2000, frame, hop, 0.1).track(y);
      YinReference.Track b = new YinReference(8000, 200, 2000, frame, hop, 0.1).track(y);
      assertEquals(b.frames(), a.frames());
      for (int i = 0; i < a.frames(); i++) {
        assertEquals(b.f0()[i], a.f0()[i], 1e-9 * b.f0()[i], "f0, frame length " + frame + ", frame " + i);
        assertEquals(b.aperiodicity()[i], a.aperiodicity()[i], 1e-9, "aperiodicity, frame length " + frame);
      }
    }
  }

  @Test
  void autocorrelationEqualsTheOneLagSum() {
    Random r = new Random(3);
    double[] x = new double[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    for (int maxLag = 0; maxLag <= 20; maxLag++) {
      double[] acf = new double[maxLag + 1];
      Yin.autocorrelation(x, 5, 100, maxLag, acf);
      for (int tau = 0; tau <= maxLag; tau++) {
        double expected = 0;
        for (int j = 1; j <= 100; j++) {
          expected += x[5 + j] * x[5 + j + tau];
        }
        assertEquals(expected, acf[tau], 0.0, "lag " + tau + " of " + maxLag);
      }
    }
  }
}
