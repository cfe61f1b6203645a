package art.empathic.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * YIN pitch, aperiodicity and RMS energy against golden values. librosa is not installable on
 * this machine, so the values come from bench/peers/pitch_reference.py, a numpy
 * re-implementation of librosa.yin and librosa.feature.rms (librosa 0.10's algorithm line by
 * line), run by bench/peers/make_pitch_golden.py on the MFCC golden clips.
 */
class YinGoldenTest {
  private static final String PITCH = "/art/empathic/features/pitch/";

  @Test
  void everyClipMatchesTheNumpyReferenceOfLibrosa() throws IOException {
    List<String[]> index = read("index.tsv").lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
    assertTrue(index.size() >= 10, "golden index too small: " + index.size());
    int frames = 0;
    for (String[] r : index) {
      GoldenData.Clip clip = GoldenData.clip(r[0]);
      int frame = Integer.parseInt(r[4]);
      int hop = Integer.parseInt(r[5]);
      Yin yin = new Yin(clip.sampleRate(), Double.parseDouble(r[2]), Double.parseDouble(r[3]), frame, hop, 0.1);
      Yin.Track t = yin.track(clip.samples());
      double[] rms = Yin.rms(clip.samples(), frame, hop);
      List<String> expected = read(r[0] + "." + r[1] + ".csv").lines().filter(l -> !l.isBlank()).toList();
      String what = r[0] + "/" + r[1];
      assertEquals(expected.size(), t.frames(), what + ": frame count");
      assertEquals(yin.frameCount(clip.samples().length), t.frames(), what + ": frameCount()");
      for (int i = 0; i < expected.size(); i++) {
        String[] v = expected.get(i).split(",");
        double f0 = Double.parseDouble(v[0]);
        assertEquals(f0, t.f0()[i], 1e-5 * f0, what + " frame " + i + ": f0");
        assertEquals(Double.parseDouble(v[1]), t.aperiodicity()[i], 1e-5, what + " frame " + i + ": aperiodicity");
        double e = Double.parseDouble(v[2]);
        assertEquals(e, rms[i], 1e-6 * Math.max(e, 1e-3), what + " frame " + i + ": rms");
        frames++;
      }
    }
    assertTrue(frames > 500, "too few frames compared: " + frames);
  }

  @Test
  void aToneOf200HzIsFoundAndIsPeriodic() {
    int sr = 16000;
    float[] y = new float[sr / 2];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 200 * i / sr) + 0.2 * Math.sin(2 * Math.PI * 400 * i / sr));
    }
    Yin.Track t = Yin.speech(sr).track(y);
    int mid = t.frames() / 2;
    assertEquals(200.0, t.f0()[mid], 0.5);
    assertTrue(t.aperiodicity()[mid] < 0.05, "aperiodicity " + t.aperiodicity()[mid]);
  }

  private static String read(String name) throws IOException {
    try (InputStream in = YinGoldenTest.class.getResourceAsStream(PITCH + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + PITCH + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
