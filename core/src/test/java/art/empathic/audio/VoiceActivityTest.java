package art.empathic.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The voice-activity measure on synthetic audio: voices, silence and noises of known make. */
class VoiceActivityTest {
  private static final int SR = 16000;

  /**
   * A synthetic voice: a glottal-like source (harmonics 1..12 of a pitch gliding 140-180 Hz,
   * falling 6 dB per octave) in syllables of {@code on} seconds separated by {@code off} seconds
   * of nothing, peak level about -12 dBFS.
   */
  static float[] voice(double seconds, double on, double off, int rate) {
    float[] x = new float[(int) Math.round(seconds * rate)];
    double phase = 0;
    for (int i = 0; i < x.length; i++) {
      double t = i / (double) rate;
      double f0 = 160 + 20 * Math.sin(2 * Math.PI * 0.7 * t);
      phase += 2 * Math.PI * f0 / rate;
      double inSyllable = t % (on + off);
      if (inSyllable >= on) {
        continue;
      }
      double env = Math.sin(Math.PI * inSyllable / on);
      double v = 0;
      for (int h = 1; h <= 12; h++) {
        v += Math.sin(h * phase) / h;
      }
      x[i] = (float) (0.12 * env * v);
    }
    return x;
  }

  static float[] whiteNoise(double seconds, double rms, long seed, int rate) {
    Random r = new Random(seed);
    float[] x = new float[(int) Math.round(seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rms * r.nextGaussian());
    }
    return x;
  }

  static double rms(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v * (double) v;
    }
    return Math.sqrt(s / x.length);
  }

  static float[] plus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  static float[] scaled(float[] a, double gain) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (a[i] * gain);
    }
    return out;
  }

  @Test
  void digitalSilenceHasNoVoice() {
    VoiceActivity v = VoiceActivity.measure(new float[3 * SR], SR);
    assertThat(v.voiceHeard()).isFalse();
    assertThat(v.voicedSeconds()).isZero();
    assertThat(v.noVoiceReason()).hasValueSatisfying(r -> assertThat(r).contains("digital silence"));
  }

  @Test
  void whiteNoiseWithoutSpeechHasNoVoice() {
    for (double rms : new double[] {0.001, 0.03, 0.3}) {
      VoiceActivity v = VoiceActivity.measure(whiteNoise(3, rms, 7, SR), SR);
      assertThat(v.voiceHeard()).as("white noise at rms %s", rms).isFalse();
      assertThat(v.noVoiceReason()).hasValueSatisfying(r -> assertThat(r).containsAnyOf("no voiced speech", "too little"));
    }
  }

  @Test
  void lowFrequencyRumbleHasNoVoice() {
    // Brown noise (integrated white noise): strongly correlated at short lags, yet not periodic.
    float[] w = whiteNoise(3, 1, 11, SR);
    float[] brown = new float[w.length];
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s = 0.995 * s + w[i];
      brown[i] = (float) s;
    }
    float[] x = scaled(brown, 0.1 / rms(brown));
    VoiceActivity v = VoiceActivity.measure(x, SR);
    assertThat(v.voiceHeard()).isFalse();
  }

  @Test
  void aVoiceIsHeardAndItsVoicedTimeMeasured() {
    // 3 s of syllables 0.25 s on, 0.15 s off: 1.95 s of voice, less the faint edges of each syllable.
    float[] x = voice(3, 0.25, 0.15, SR);
    VoiceActivity v = VoiceActivity.measure(x, SR);
    assertThat(v.voiceHeard()).isTrue();
    assertThat(v.noVoiceReason()).isEmpty();
    double syllables = 7 * 0.25 + 0.2;
    assertThat(v.voicedSeconds()).isBetween(0.5 * syllables, 1.1 * syllables);
    assertThat(v.loudestDbfs()).isBetween(-30.0, -5.0);
  }

  @Test
  void aVoiceInNoiseAtTenDbIsStillHeard() {
    float[] x = voice(3, 0.25, 0.15, SR);
    float[] noise = whiteNoise(3, 1, 3, SR);
    float[] noisy = plus(x, scaled(noise, rms(x) / Math.pow(10, 10 / 20.0) / rms(noise)));
    VoiceActivity v = VoiceActivity.measure(noisy, SR);
    assertThat(v.voiceHeard()).isTrue();
    assertThat(v.voicedSeconds()).isGreaterThan(0.5);
  }

  @Test
  void aVoiceAtAnotherRateIsHeard() {
    assertThat(VoiceActivity.measure(voice(2, 0.3, 0.1, 44100), 44100).voiceHeard()).isTrue();
    assertThat(VoiceActivity.measure(voice(2, 0.3, 0.1, 8000), 8000).voiceHeard()).isTrue();
  }

  @Test
  void aBlipOfVoiceInSilenceIsTooLittle() {
    float[] x = whiteNoise(3, 0.0005, 5, SR);
    float[] blip = voice(0.08, 0.08, 0, SR);
    System.arraycopy(plus(blip, java.util.Arrays.copyOf(x, blip.length)), 0, x, SR, blip.length);
    VoiceActivity v = VoiceActivity.measure(x, SR);
    assertThat(v.voiceHeard()).isFalse();
    assertThat(v.voicedSeconds()).isLessThan(VoiceActivity.MIN_VOICED_SECONDS);
    assertThat(v.noVoiceReason()).hasValueSatisfying(r -> assertThat(r).containsAnyOf("too little", "no voiced"));
  }

  @Test
  void aVoiceTooQuietToBeSpeechIsSilence() {
    float[] x = scaled(voice(3, 0.25, 0.15, SR), Math.pow(10, -60 / 20.0));
    VoiceActivity v = VoiceActivity.measure(x, SR);
    assertThat(v.voiceHeard()).isFalse();
    assertThat(v.noVoiceReason()).hasValueSatisfying(r -> assertThat(r).startsWith("silence"));
  }

  @Test
  void aSteadyVoiceWithoutPausesIsHeard() {
    // No pause at all: the floor rule must not make every frame "the floor".
    VoiceActivity v = VoiceActivity.measure(voice(2, 2, 0, SR), SR);
    assertThat(v.voiceHeard()).isTrue();
    assertThat(v.voicedSeconds()).isGreaterThan(1.2);
  }

  @Test
  void emptyAndTinyInputsAreMeasuredWithoutFailing() {
    assertThat(VoiceActivity.measure(new float[0], SR).voiceHeard()).isFalse();
    assertThat(VoiceActivity.measure(new float[10], SR).voiceHeard()).isFalse();
  }
}
