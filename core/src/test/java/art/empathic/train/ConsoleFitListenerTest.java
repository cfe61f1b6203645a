package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.io.PhaseProgress;
import art.empathic.run.EpochStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleFitListenerTest {
  @Test
  void eachEpochLineSaysTheTimeLeftAtTheMeanPaceSoFar() {
    StringWriter text = new StringWriter();
    ConsoleFitListener l = new ConsoleFitListener(new PrintWriter(text), false, "");
    l.epochDone(new EpochStats(1, 1.0, 0.5, null, null, 2.0, 1e-3), 100);
    l.epochDone(new EpochStats(2, 0.9, 0.6, null, null, 4.0, 1e-3), 100);
    l.epochDone(new EpochStats(100, 0.1, 0.9, null, null, 3.0, 1e-3), 100);
    String[] lines = text.toString().split("\n");
    assertThat(lines[0]).contains("epoch   1/100").endsWith("2.0 s  3 min 18 s left at most"); // 99 x 2 s
    assertThat(lines[1]).endsWith("4.0 s  4 min 54 s left at most"); // 98 x 3 s
    assertThat(lines[2]).endsWith("3.0 s"); // the last epoch: nothing left
  }

  /**
   * Off the terminal a long epoch writes a line of its batches every 30 s (on the progress stream,
   * not on the epoch lines' one), and no line of its own at its end: the epoch line says it.
   * Without progress only the epoch lines are written.
   */
  @Test
  void offTheTerminalALongEpochWritesALineEveryThirtySecondsAndWithoutProgressNone() {
    for (PhaseProgress.Mode mode : List.of(PhaseProgress.Mode.LINES, PhaseProgress.Mode.OFF)) {
      StringWriter text = new StringWriter();
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      AtomicLong clock = new AtomicLong();
      ConsoleFitListener l = new ConsoleFitListener(new PrintWriter(text),
          new PhaseProgress.Display(mode, new PrintStream(progress, true, StandardCharsets.UTF_8), clock::get), "[1/2] ");
      l.epochStarted(1, 10, 100);
      for (int b = 1; b <= 100; b++) {
        clock.addAndGet(1_000_000_000L); // one batch a second
        l.batchDone(1, b, 100);
      }
      l.epochDone(new EpochStats(1, 1.0, 0.5, null, null, 100.0, 1e-3), 10);
      assertThat(text.toString()).startsWith("[1/2] epoch  1/10  loss 1.0000").hasLineCount(1);
      String lines = progress.toString(StandardCharsets.UTF_8);
      if (mode == PhaseProgress.Mode.OFF) {
        assertThat(lines).isEmpty();
      } else {
        assertThat(lines.split("\n")).containsExactly(
            "[1/2] epoch 1/10: 30/100 batches (30%), 1 batches/s, about 1 min 10 s left",
            "[1/2] epoch 1/10: 60/100 batches (60%), 1 batches/s, about 40 s left",
            "[1/2] epoch 1/10: 90/100 batches (90%), 1 batches/s, about 10 s left");
      }
    }
  }

  @Test
  void timesLeftReadAsSecondsMinutesOrHours() {
    assertThat(ConsoleFitListener.timeLeft(42.4)).isEqualTo("42 s");
    assertThat(ConsoleFitListener.timeLeft(185)).isEqualTo("3 min 05 s");
    assertThat(ConsoleFitListener.timeLeft(3720)).isEqualTo("1 h 02 min");
  }
}
