package art.empathic.recognize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import art.empathic.audio.Audio;
import art.empathic.corpus.Emotion;
import java.util.List;
import org.junit.jupiter.api.Test;

public class ClipAnalysisTest {
  static final int SR = 16000;
  final ToneRecognizer recognizer = new ToneRecognizer();

  /** Concatenates tones: each emotion for the given seconds. */
  public static float[] sequence(double secondsEach, Emotion... emotions) {
    float[][] parts = new float[emotions.length][];
    int n = 0;
    for (int i = 0; i < emotions.length; i++) {
      parts[i] = ToneRecognizer.tone(emotions[i], secondsEach, SR, 0.5);
      n += parts[i].length;
    }
    float[] out = new float[n];
    int o = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }

  @Test
  void withoutWindowsTheWholeClipIsHeardOnce() {
    ClipAnalysis a = ClipAnalysis.analyze(recognizer, "a.wav", new Audio(ToneRecognizer.tone(Emotion.FEAR, 2, SR, 0.5), SR), ClipAnalysis.Windowing.NONE);
    assertThat(a.prediction().top()).isEqualTo(Emotion.FEAR);
    assertThat(a.timeline()).isEmpty();
    assertThat(a.durationSeconds()).isCloseTo(2.0, within(1e-9));
    assertThat(recognizer.calls.get()).isEqualTo(1);
  }

  @Test
  void windowsCoverTheClipAndTheLastOneEndsAtTheEnd() {
    ClipAnalysis a = ClipAnalysis.analyze(recognizer, "a.wav", new Audio(new float[(int) (7.3 * SR)], SR), new ClipAnalysis.Windowing(3, 1.5));
    List<double[]> spans = a.timeline().stream().map(t -> new double[] {t.start(), t.end()}).toList();
    assertThat(spans).extracting(s -> s[0]).containsExactly(0.0, 1.5, 3.0, 4.3);
    assertThat(spans).allSatisfy(s -> assertThat(s[1] - s[0]).isCloseTo(3.0, within(1e-9)));
    assertThat(spans.get(spans.size() - 1)[1]).isCloseTo(7.3, within(1e-9));
  }

  @Test
  void aClipShorterThanTheWindowIsOneWindow() {
    ClipAnalysis a = ClipAnalysis.analyze(recognizer, "a.wav", new Audio(ToneRecognizer.tone(Emotion.SAD, 1.2, SR, 0.5), SR), new ClipAnalysis.Windowing(2.5, 1));
    assertThat(a.timeline()).hasSize(1);
    assertThat(a.timeline().get(0).end()).isCloseTo(1.2, within(1e-9));
    assertThat(a.prediction().top()).isEqualTo(Emotion.SAD);
  }

  @Test
  void theTimelineFollowsAChangeOfMoodAndTheClipIsTheMeanOfItsWindows() {
    float[] x = sequence(6, Emotion.CALM, Emotion.ANGRY);
    ClipAnalysis a = ClipAnalysis.analyze(recognizer, "a.wav", new Audio(x, SR), new ClipAnalysis.Windowing(2, 1));
    assertThat(a.timeline().get(0).smoothed().top()).isEqualTo(Emotion.CALM);
    assertThat(a.timeline().get(a.timeline().size() - 1).smoothed().top()).isEqualTo(Emotion.ANGRY);
    double mean = a.timeline().stream().mapToDouble(t -> t.raw().probability(Emotion.ANGRY)).average().orElseThrow();
    assertThat(a.prediction().probability(Emotion.ANGRY)).isCloseTo(mean, within(1e-12));
    // Smoothing lags the raw label at the switch, never leads it.
    int rawSwitch = indexOfFirst(a, true);
    int smoothSwitch = indexOfFirst(a, false);
    assertThat(smoothSwitch).isGreaterThanOrEqualTo(rawSwitch);
  }

  private static int indexOfFirst(ClipAnalysis a, boolean raw) {
    for (int i = 0; i < a.timeline().size(); i++) {
      EmotionPrediction p = raw ? a.timeline().get(i).raw() : a.timeline().get(i).smoothed();
      if (p.top() == Emotion.ANGRY) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void windowingOptionsAreChecked() {
    assertThat(ClipAnalysis.Windowing.of(null, null).enabled()).isFalse();
    assertThat(ClipAnalysis.Windowing.of(3.0, null).hopSeconds()).isEqualTo(1.5);
    assertThatThrownBy(() -> ClipAnalysis.Windowing.of(null, 1.0)).hasMessageContaining("needs a window");
    assertThatThrownBy(() -> ClipAnalysis.Windowing.of(0.1, null)).hasMessageContaining("window must be");
    assertThatThrownBy(() -> ClipAnalysis.Windowing.of(2.0, 3.0)).hasMessageContaining("hop must be");
    assertThatThrownBy(() -> ClipAnalysis.analyze(recognizer, "e.wav", new Audio(new float[0], SR), ClipAnalysis.Windowing.NONE))
        .hasMessage("e.wav: audio is empty");
  }
}
