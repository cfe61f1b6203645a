package art.empathic.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The line, the time left and when lines are written, all on a fake clock (no sleeping, nothing timed). */
class PhaseProgressTest {
  private static final long SECOND = 1_000_000_000L;

  /** A clock that moves only when told to. */
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private PhaseProgress.Display display(PhaseProgress.Mode mode) {
    return new PhaseProgress.Display(mode, out, now::get);
  }

  private List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private void advance(double seconds) {
    now.addAndGet(Math.round(seconds * SECOND));
  }

  @Test
  void theLineSaysCountShareRateAndTimeLeftAtTheRateSoFar() {
    PhaseProgress p = display(PhaseProgress.Mode.OFF).start("features", "items", 45_772);
    assertThat(p.line()).isEqualTo("features: 0/45,772 items (0%), time left not known yet");
    assertThat(p.secondsLeft()).isEmpty();
    advance(60);
    p.stepTo(12_000);
    // 12,000 in 60 s is 200 a second; 33,772 left at that rate is 168.86 s.
    assertThat(p.secondsLeft()).hasValueCloseTo(168.86, within(1e-9));
    assertThat(p.line()).isEqualTo("features: 12,000/45,772 items (26%), 200 items/s, about 2 min 49 s left");
    advance(40);
    // No step for 40 s: the rate falls to 120 a second, the estimate grows.
    assertThat(p.line()).isEqualTo("features: 12,000/45,772 items (26%), 120 items/s, about 4 min 41 s left");
    advance(140);
    p.stepTo(45_772);
    assertThat(p.secondsLeft()).hasValue(0.0);
    assertThat(p.line()).isEqualTo("features: 45,772/45,772 items (100%), 191 items/s, done in 4 min 00 s");
  }

  @Test
  void theShareIsRoundedDownSoOnlyTheEndReads100() {
    PhaseProgress p = display(PhaseProgress.Mode.OFF).start("reading", "files", 1_000);
    advance(9);
    p.stepTo(999);
    assertThat(p.line()).isEqualTo("reading: 999/1,000 files (99%), 111 files/s, about 0 s left");
  }

  @Test
  void ratesAndDurationsReadShortAndStable() {
    assertThat(PhaseProgress.rate(1234.4)).isEqualTo("1,234");
    assertThat(PhaseProgress.rate(180.2)).isEqualTo("180");
    assertThat(PhaseProgress.rate(12.34)).isEqualTo("12.3");
    assertThat(PhaseProgress.rate(3.0)).isEqualTo("3");
    assertThat(PhaseProgress.rate(0.25)).isEqualTo("0.25");
    assertThat(PhaseProgress.rate(0.004)).isEqualTo("0.0040");
    assertThat(PhaseProgress.duration(42.4)).isEqualTo("42 s");
    assertThat(PhaseProgress.duration(188)).isEqualTo("3 min 08 s");
    assertThat(PhaseProgress.duration(3720)).isEqualTo("1 h 02 min");
  }

  @Test
  void offTheTerminalALineAtMostEveryThirtySecondsAndOneAtTheEnd() {
    PhaseProgress p = display(PhaseProgress.Mode.LINES).start("reading", "files", 100);
    for (int i = 0; i < 100; i++) {
      advance(1);
      p.step();
    }
    p.close();
    p.close(); // once only
    assertThat(lines()).containsExactly(
        "reading: 30/100 files (30%), 1 files/s, about 1 min 10 s left",
        "reading: 60/100 files (60%), 1 files/s, about 40 s left",
        "reading: 90/100 files (90%), 1 files/s, about 10 s left",
        "reading: 100/100 files (100%), 1 files/s, done in 1 min 40 s");
  }

  @Test
  void aQuickPhaseWritesOnlyItsLastLine() {
    PhaseProgress p = display(PhaseProgress.Mode.LINES).start("features", "items", 500);
    for (int i = 0; i < 500; i++) {
      p.step();
    }
    advance(2);
    p.close();
    assertThat(lines()).containsExactly("features: 500/500 items (100%), 250 items/s, done in 2 s");
  }

  @Test
  void aPhaseEndedEarlySaysHowFarItGot() {
    PhaseProgress p = display(PhaseProgress.Mode.LINES).start("features", "items", 10);
    advance(5);
    p.stepTo(4);
    p.close();
    assertThat(lines()).containsExactly("features: 4/10 items (40%), 0.80 items/s, about 8 s left");
  }

  @Test
  void closingWithoutALineLeavesTheEndToTheCaller() {
    PhaseProgress p = display(PhaseProgress.Mode.LINES).start("epoch 1/3", "batches", 10);
    advance(31);
    p.stepTo(5);
    p.closeWithoutLine();
    p.close();
    advance(31);
    p.stepTo(6);
    assertThat(lines()).containsExactly("epoch 1/3: 5/10 batches (50%), 0.16 batches/s, about 31 s left");
  }

  @Test
  void noProgressWritesNothingHoweverLongThePhase() {
    assertThat(PhaseProgress.Mode.of(false, true)).isEqualTo(PhaseProgress.Mode.OFF);
    assertThat(PhaseProgress.Mode.of(false, false)).isEqualTo(PhaseProgress.Mode.OFF);
    assertThat(PhaseProgress.Mode.of(true, true)).isEqualTo(PhaseProgress.Mode.BAR);
    assertThat(PhaseProgress.Mode.of(true, false)).isEqualTo(PhaseProgress.Mode.LINES);
    PhaseProgress p = display(PhaseProgress.Mode.of(false, false)).start("features", "items", 100);
    for (int i = 0; i < 100; i++) {
      advance(60);
      p.step();
    }
    p.close();
    assertThat(p.count()).isEqualTo(100);
    assertThat(bytes.size()).isZero();
  }

  @Test
  void anEmptyPhaseWritesNothing() {
    PhaseProgress p = display(PhaseProgress.Mode.LINES).start("features", "items", 0);
    advance(60);
    p.close();
    assertThat(bytes.size()).isZero();
  }

  @Test
  void stepsFromManyThreadsAreAllCountedAndNoLineIsWrittenTwice() {
    // Every reading of this clock is 31 s after the one before, so any step may be due a line.
    AtomicLong ticking = new AtomicLong();
    PhaseProgress p = new PhaseProgress.Display(PhaseProgress.Mode.LINES, out, () -> ticking.addAndGet(31 * SECOND))
        .start("reading", "files", 10_000);
    IntStream.range(0, 10_000).parallel().forEach(i -> p.step());
    p.close();
    assertThat(p.count()).isEqualTo(10_000);
    List<String> lines = lines();
    assertThat(lines).doesNotHaveDuplicates();
    assertThat(lines.get(lines.size() - 1)).startsWith("reading: 10,000/10,000 files (100%), ");
    assertThat(lines).allSatisfy(l -> assertThat(l).matches("reading: [0-9,]+/10,000 files \\(\\d+%\\), .*"));
  }

  @Test
  void theLaunchersWordThatStandardErrorIsNoTerminalTurnsBarsIntoLines() {
    assertThat(PhaseProgress.Display.standardErrorMayBeTerminal("false")).isFalse();
    assertThat(PhaseProgress.Display.standardErrorMayBeTerminal("true")).isTrue();
    assertThat(PhaseProgress.Display.standardErrorMayBeTerminal(null)).as("embedded: System.console() decides").isTrue();
  }
}
