package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.corpus.Protocol;
import art.empathic.model.ModelFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** How {@code demo} shares its trainings between lanes (this JVM and helper JVMs). */
class DemoLanesTest {
  private static final Path DIR = Path.of("/tmp/demo-x");

  @Test
  void everyTrainingOfTheDefaultDemoIsListedOnceInStudyOrder() {
    List<DemoCommand.Task> tasks = DemoCommand.tasks(false, false, 3, DIR, 42);
    assertThat(tasks).hasSize(7 + 3 * 4 + 1);
    assertThat(tasks.stream().map(DemoCommand.Task::runDir).distinct()).hasSize(tasks.size());
    assertThat(tasks.subList(0, 7)).allMatch(t -> t.protocol() == Protocol.RANDOM);
    assertThat(tasks.get(7).runDir()).isEqualTo(DIR.resolve("speaker/fold-1/mlp-alpha0.01"));
    assertThat(tasks.get(tasks.size() - 1).release()).isTrue();
    assertThat(tasks.get(tasks.size() - 1).runDir()).isEqualTo(DIR.resolve("release"));
    // The slow rows are the CNN-LSTMs: the estimates must say so, or the lanes come out lopsided.
    DemoCommand.Task paper = tasks.stream().filter(t -> !t.release() && t.row().family() == ModelFamily.CNN_LSTM_PAPER)
        .findFirst().orElseThrow();
    DemoCommand.Task mlp = tasks.get(0);
    assertThat(paper.estimatedSeconds()).isGreaterThan(20 * mlp.estimatedSeconds());
  }

  @Test
  void lanesShareTheWorkEvenlyAndTheSameWayEveryTime() {
    List<DemoCommand.Task> tasks = DemoCommand.tasks(false, false, 3, DIR, 42);
    for (int lanes = 1; lanes <= 4; lanes++) {
      int[] laneOf = DemoCommand.assignLanes(tasks, lanes);
      assertThat(DemoCommand.assignLanes(tasks, lanes)).isEqualTo(laneOf);
      double[] load = new double[lanes];
      for (int i = 0; i < tasks.size(); i++) {
        assertThat(laneOf[i]).isBetween(1, lanes);
        load[laneOf[i] - 1] += tasks.get(i).estimatedSeconds();
      }
      double longest = tasks.stream().mapToDouble(DemoCommand.Task::estimatedSeconds).max().orElseThrow();
      double spread = Arrays.stream(load).max().orElseThrow() - Arrays.stream(load).min().orElseThrow();
      // Longest-first greedy: no lane ends more than one training behind another.
      assertThat(spread).as("lanes %d, loads %s", lanes, Arrays.toString(load)).isLessThanOrEqualTo(longest);
    }
    int[] two = DemoCommand.assignLanes(tasks, 2);
    assertThat(Arrays.stream(two).filter(l -> l == 2).count()).isPositive();
  }

  @Test
  void theHelperIsThisJvmRunningOneLaneOfTheSameDemo() {
    CommandLine cl = new CommandLine(new art.empathic.app.Main());
    CommandLine.ParseResult parsed = cl.parseArgs("demo", "--quick", "--seed", "7");
    DemoCommand parsedDemo = (DemoCommand) parsed.subcommand().commandSpec().userObject();
    List<String> cmd = parsedDemo.helperCommand(DIR, Path.of("/data/ravdess"), 2, 3);
    assertThat(cmd.get(0)).endsWith("java");
    assertThat(cmd).contains("-cp", "art.empathic.app.Main", "demo", "--quick", "--no-progress");
    assertThat(String.join(" ", cmd)).contains("--lane 2/3").contains("--out /tmp/demo-x")
        .contains("--data /data/ravdess").contains("--seed 7");
    assertThat(cmd).noneMatch(a -> a.startsWith("-javaagent") || a.startsWith("-agentlib"));
  }

  @Test
  void aBadLaneIsAClearError() {
    assertThat(DemoCommand.Lane.parse("2/3")).isEqualTo(new DemoCommand.Lane(2, 3));
    for (String bad : List.of("0/2", "3/2", "x", "1/2/3")) {
      assertThatThrownBy(() -> DemoCommand.Lane.parse(bad)).hasMessageContaining("--lane must be K/N");
    }
  }

  @Test
  void linesFromSeveralLanesArriveWholeAndPrefixed() throws Exception {
    StringWriter sink = new StringWriter();
    PrintWriter shared = new PrintWriter(sink);
    Thread[] threads = new Thread[4];
    for (int k = 0; k < threads.length; k++) {
      int lane = k + 1;
      threads[k] = new Thread(() -> {
        try (PrintWriter pw = new PrintWriter(new LinePrefixWriter(shared, "[lane " + lane + "] "), true)) {
          for (int i = 0; i < 200; i++) {
            pw.printf("line %d of lane %d%n", i, lane);
          }
          pw.print("unterminated " + lane);
        }
      });
      threads[k].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    List<String> lines = sink.toString().lines().toList();
    assertThat(lines).hasSize(4 * 201);
    for (String line : lines) {
      assertThat(line).matches("\\[lane (\\d)\\] (line \\d+ of lane \\1|unterminated \\1)");
    }
  }
}
