package art.empathic.train;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.run.EpochStats;
import java.io.PrintWriter;
import java.io.StringWriter;
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

  @Test
  void timesLeftReadAsSecondsMinutesOrHours() {
    assertThat(ConsoleFitListener.timeLeft(42.4)).isEqualTo("42 s");
    assertThat(ConsoleFitListener.timeLeft(185)).isEqualTo("3 min 05 s");
    assertThat(ConsoleFitListener.timeLeft(3720)).isEqualTo("1 h 02 min");
  }
}
