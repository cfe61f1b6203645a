package art.empathic.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class LiveSessionTest {
  static byte[] f32(float... x) {
    ByteBuffer b = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : x) {
      b.putFloat(v);
    }
    return b.array();
  }

  static float[] ramp(int n, float step) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i % 100) * step;
    }
    return x;
  }

  @Test
  void theRingKeepsTheMostRecentWindowInOrder() {
    LiveSession s = new LiveSession(8000, LiveSession.Encoding.F32LE, ServerLimits.defaults());
    float[] x = ramp(8000 * 4, 0.001f);
    for (int i = 0; i < x.length; i += 800) {
      s.append(f32(java.util.Arrays.copyOfRange(x, i, i + 800)), 0, 800 * 4);
    }
    LiveSession.Snapshot snap = s.snapshot();
    assertThat(snap.samples()).hasSize(8000 * 3);
    assertThat(snap.samples()).containsExactly(java.util.Arrays.copyOfRange(x, 8000, x.length));
    assertThat(snap.time()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void predictionsAreDueEveryUpdateOnceASecondIsHeardAndNeverTwiceAtOnce() {
    LiveSession s = new LiveSession(8000, LiveSession.Encoding.S16LE, ServerLimits.defaults());
    byte[] frame = new byte[800 * 2]; // 0.1 s
    int due = 0;
    for (int i = 0; i < 9; i++) {
      due += s.append(frame, 0, frame.length) ? 1 : 0;
    }
    assertThat(due).isZero();
    assertThat(s.append(frame, 0, frame.length)).isTrue(); // 1.0 s
    for (int i = 0; i < 3; i++) {
      assertThat(s.append(frame, 0, frame.length)).as("in flight").isFalse();
    }
    assertThat(s.finished()).as("only 0.3 s more: nothing due").isFalse();
    assertThat(s.append(frame, 0, frame.length)).isFalse();
    assertThat(s.append(frame, 0, frame.length)).isTrue(); // 1.5 s
    for (int i = 0; i < 7; i++) {
      assertThat(s.append(frame, 0, frame.length)).as("in flight").isFalse();
    }
    assertThat(s.finished()).as("0.7 s arrived meanwhile: predict again at once").isTrue();
    assertThat(s.snapshot().time()).isCloseTo(2.2, within(1e-9));
    assertThat(s.append(frame, 0, frame.length)).as("still in flight").isFalse();
    assertThat(s.finished()).isFalse();
  }

  @Test
  void int16IsScaledAndOffsetsAreHonoured() {
    LiveSession s = new LiveSession(8000, LiveSession.Encoding.S16LE, ServerLimits.defaults());
    byte[] data = {9, 9, 0, 0x40, 0, (byte) 0xC0, 9};
    s.append(data, 2, 4);
    assertThat(s.snapshot().samples()).containsExactly(0.5f, -0.5f);
  }

  @Test
  void badFramesAreRefused() {
    LiveSession s = new LiveSession(16000, LiveSession.Encoding.F32LE, ServerLimits.defaults());
    assertThatThrownBy(() -> s.append(new byte[6], 0, 6)).hasMessageContaining("not whole f32le samples");
    assertThatThrownBy(() -> s.append(f32(0.1f, Float.POSITIVE_INFINITY), 0, 8)).hasMessageContaining("non-finite");
    assertThatThrownBy(() -> new LiveSession(100, LiveSession.Encoding.F32LE, ServerLimits.defaults())).hasMessageContaining("8000-48000");
    assertThatThrownBy(() -> LiveSession.Encoding.parse("ulaw")).hasMessageContaining("unknown encoding 'ulaw'");
  }

  @Test
  void answersAreClaimedOncePerAudioPositionAndOnlyForNewerAudio() {
    LiveSession s = new LiveSession(16000, LiveSession.Encoding.F32LE, ServerLimits.defaults());
    assertThat(s.claimAnswer(16000)).isTrue();
    assertThat(s.claimAnswer(16000)).as("a second answer for the same audio").isFalse();
    assertThat(s.claimAnswer(8000)).as("a late answer for older audio").isFalse();
    assertThat(s.claimAnswer(24000)).isTrue();
  }
}
