package art.empathic.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelTest {
  private static final int SR = 16000;

  private static float[] tone(double hz, double seconds, double amp) {
    float[] x = new float[(int) (seconds * SR)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / SR));
    }
    return x;
  }

  /** A speech-like test clip: a harmonic tone with silence around it. */
  private static float[] voice() {
    float[] x = new float[SR * 2];
    for (int i = SR / 4; i < SR * 7 / 4; i++) {
      double t = (double) i / SR;
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 150 * t) + 0.1 * Math.sin(2 * Math.PI * 450 * t)
          + 0.05 * Math.sin(2 * Math.PI * 1200 * t));
    }
    return x;
  }

  private static double snr(float[] clean, float[] noisy) {
    double ps = 0;
    double pn = 0;
    for (int i = 0; i < clean.length; i++) {
      ps += (double) clean[i] * clean[i];
      double d = noisy[i] - clean[i];
      pn += d * d;
    }
    return 10 * Math.log10(ps / pn);
  }

  private static double gainDb(float[] in, float[] out, int from) {
    double a = 0;
    double b = 0;
    for (int i = from; i < in.length - from; i++) {
      a += (double) in[i] * in[i];
      b += (double) out[i] * out[i];
    }
    return 10 * Math.log10(b / a);
  }

  @Test
  void whiteAndBabbleNoiseHitTheirSnrWithinATenthOfADecibel() {
    float[] x = voice();
    List<float[]> others = List.of(tone(220, 1.3, 0.2), tone(310, 0.7, 0.5), voice());
    for (double snr : new double[] {20, 10, 0}) {
      for (Channel.Kind k : new Channel.Kind[] {Channel.Kind.WHITE, Channel.Kind.BABBLE}) {
        float[] y = new Channel(k, snr).apply(new Audio(x, SR), others, new Random(7)).samples();
        assertEquals(x.length, y.length);
        assertEquals(snr, snr(x, y), 0.1, k + " at " + snr + " dB");
      }
    }
  }

  @Test
  void babbleWithoutOtherClipsIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Channel(Channel.Kind.BABBLE, 10).apply(new Audio(voice(), SR), List.of(new float[100]), new Random(1)));
    assertTrue(e.getMessage().contains("babble"), e.getMessage());
  }

  @Test
  void telephoneBandPassesSpeechBandAndStopsTheRest() {
    // Inside the band: within 1 dB; at the edges: about -3 dB; outside: strongly attenuated.
    assertEquals(0, gainDb(tone(1000, 1, 0.5), Channel.telephone(tone(1000, 1, 0.5), SR), 2000), 1.0);
    assertEquals(0, gainDb(tone(600, 1, 0.5), Channel.telephone(tone(600, 1, 0.5), SR), 2000), 1.0);
    assertEquals(-3, gainDb(tone(300, 1, 0.5), Channel.telephone(tone(300, 1, 0.5), SR), 2000), 1.5);
    assertTrue(gainDb(tone(100, 1, 0.5), Channel.telephone(tone(100, 1, 0.5), SR), 2000) < -25, "100 Hz passes");
    assertTrue(gainDb(tone(5000, 1, 0.5), Channel.telephone(tone(5000, 1, 0.5), SR), 2000) < -40, "5 kHz passes");
    assertTrue(gainDb(tone(3900, 1, 0.5), Channel.telephone(tone(3900, 1, 0.5), SR), 2000) < -10, "3.9 kHz passes");
  }

  @Test
  void reverbImpulseResponseDecaysAtItsRt60() {
    for (double rt60 : new double[] {0.3, 0.6}) {
      float[] h = Channel.impulseResponse(rt60, SR, new Random(3));
      // Schroeder backward integration of the tail; the time from -5 to -35 dB, doubled, is the RT60.
      double[] edc = new double[h.length];
      double acc = 0;
      for (int i = h.length - 1; i >= 1; i--) {
        acc += (double) h[i] * h[i];
        edc[i] = acc;
      }
      int t5 = -1;
      int t35 = -1;
      for (int i = 1; i < h.length; i++) {
        double db = 10 * Math.log10(edc[i] / edc[1]);
        if (t5 < 0 && db <= -5) t5 = i;
        if (t35 < 0 && db <= -35) t35 = i;
      }
      double measured = 2.0 * (t35 - t5) / SR;
      assertEquals(rt60, measured, 0.1 * rt60, "RT60 " + rt60);
    }
  }

  @Test
  void reverbKeepsLengthAndPowerAndSmearsTime() {
    float[] x = new float[SR];
    x[SR / 10] = 1f;
    float[] y = new Channel(Channel.Kind.REVERB, 0.3).apply(new Audio(x, SR), List.of(), new Random(5)).samples();
    assertEquals(x.length, y.length);
    assertEquals(Augment.power(x), Augment.power(y), 1e-3 * Augment.power(x));
    double late = 0;
    for (int i = SR / 10 + 800; i < SR / 10 + 2400; i++) late += (double) y[i] * y[i];
    assertTrue(late > 0.01 * Augment.power(y) * SR, "no reverberant energy 50-150 ms after the impulse");
  }

  @Test
  void gainAndClipping() {
    float[] x = voice();
    float[] quiet = new Channel(Channel.Kind.GAIN, -20).apply(new Audio(x, SR), List.of(), new Random(1)).samples();
    assertEquals(-20, 10 * Math.log10(Augment.power(quiet) / Augment.power(x)), 1e-3);
    float[] clipped = new Channel(Channel.Kind.CLIP, 12).apply(new Audio(x, SR), List.of(), new Random(1)).samples();
    int atRail = 0;
    for (float v : clipped) {
      assertTrue(Math.abs(v) <= 1f);
      atRail += Math.abs(v) == 1f ? 1 : 0;
    }
    assertTrue(atRail > x.length / 10, "too few clipped samples: " + atRail);
    assertArrayEquals(x, new Channel(Channel.Kind.CLEAN, 0).apply(new Audio(x, SR), List.of(), new Random(1)).samples());
    assertEquals(10, Channel.studyConditions().size());
  }
}
