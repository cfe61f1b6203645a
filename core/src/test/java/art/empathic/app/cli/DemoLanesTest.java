package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.corpus.Protocol;
import art.empathic.model.ModelFamily;
import art.empathic.run.RunMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code demo}'s lanes (this JVM and helper JVMs) take its trainings: each the next one left, longest first. */
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
    // The slow rows are the CNN-LSTMs: the estimates must say so, or they would be taken last and one
    // lane would train the last of them alone.
    DemoCommand.Task paper = tasks.stream().filter(t -> !t.release() && t.row().family() == ModelFamily.CNN_LSTM_PAPER)
        .findFirst().orElseThrow();
    DemoCommand.Task mlp = tasks.get(0);
    assertThat(paper.estimatedSeconds()).isGreaterThan(20 * mlp.estimatedSeconds());
  }

  @Test
  void theLanesTakeTheLongestTrainingsFirstTiesInStudyOrder() {
    List<DemoCommand.Task> tasks = DemoCommand.tasks(false, false, 3, DIR, 42, 2.2);
    List<DemoCommand.Task> order = DemoCommand.longestFirst(tasks);
    assertThat(order).containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(order.stream().mapToDouble(DemoCommand.Task::estimatedSeconds).boxed().toList())
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(order.get(0).release()).as("the release model over four corpora is the longest").isTrue();
    // The random split's paper row (three networks) next; the folds' one-network rows have equal
    // estimates and keep the study's order, folds 1-3.
    List<Path> paper = order.stream().filter(t -> !t.release() && t.row().family() == ModelFamily.CNN_LSTM_PAPER)
        .map(DemoCommand.Task::runDir).toList();
    assertThat(paper).containsExactly(DIR.resolve("random/cnn_lstm_paper-20ep"),
        DIR.resolve("speaker/fold-1/cnn_lstm_paper-20ep-x1"), DIR.resolve("speaker/fold-2/cnn_lstm_paper-20ep-x1"),
        DIR.resolve("speaker/fold-3/cnn_lstm_paper-20ep-x1"));
    assertThat(order.get(1).runDir()).isEqualTo(paper.get(0));
    assertThat(order.get(order.size() - 1).row().family()).isEqualTo(ModelFamily.MLP);
    assertThat(DemoCommand.longestFirst(tasks)).as("every lane computes the same order").isEqualTo(order);
  }

  /** A trainer that records what it was asked to train, by lane, and trains nothing. */
  private static DemoCommand.Trainer recording(List<Path> trained) {
    return task -> {
      synchronized (trained) {
        trained.add(task.runDir());
      }
      return true;
    };
  }

  @Test
  void aLaneWhoseTrainingRunsLongHoldsBackNoOther(@TempDir Path dir) throws Exception {
    List<DemoCommand.Task> order = DemoCommand.longestFirst(DemoCommand.tasks(false, false, 3, dir, 42));
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    List<Path> byTwo = new ArrayList<>();
    CountDownLatch twoIsTraining = new CountDownLatch(1);
    CountDownLatch oneIsDone = new CountDownLatch(1);
    // Lane 2's first training lasts until lane 1 has run out of work (a training far longer than its estimate).
    DemoCommand.Trainer slow = task -> {
      byTwo.add(task.runDir());
      twoIsTraining.countDown();
      try {
        return oneIsDone.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> two = pool.submit(() -> DemoCommand.runClaiming(order, new LaneClaims(dir), 2, slow,
          new PrintWriter(new StringWriter()), () -> false));
      assertThat(twoIsTraining.await(60, TimeUnit.SECONDS)).isTrue();
      List<Path> byOne = new ArrayList<>();
      StringWriter out = new StringWriter();
      assertThat(DemoCommand.runClaiming(order, claims, 1, recording(byOne), new PrintWriter(out, true), () -> false))
          .isTrue();
      oneIsDone.countDown();
      assertThat(two.get(60, TimeUnit.SECONDS)).isTrue();

      assertThat(byTwo).containsExactly(order.get(0).runDir());
      // Lane 1 took everything else, longest first, while lane 2 was still busy: no lane waited for a share.
      assertThat(byOne).containsExactlyElementsOf(order.subList(1, order.size()).stream()
          .map(DemoCommand.Task::runDir).toList());
      assertThat(out.toString()).contains("== Random 80/20 split").contains("== Speaker-independent fold 3 of 6 ==");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLaneKeepsAFinishedRunAndNeverTrainsItAgain(@TempDir Path dir) throws Exception {
    List<DemoCommand.Task> tasks = DemoCommand.tasks(true, false, 1, dir, 42);
    DemoCommand.Task done = tasks.get(1); // random/baseline_cnn-20ep
    Files.createDirectories(done.runDir());
    Files.writeString(done.runDir().resolve(RunMetrics.FILE), "{}");
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    List<Path> trained = new ArrayList<>();
    StringWriter out = new StringWriter();
    assertThat(DemoCommand.runClaiming(DemoCommand.longestFirst(tasks), claims, 2, recording(trained),
        new PrintWriter(out, true), () -> false)).isTrue();
    assertThat(trained).hasSize(tasks.size() - 1).doesNotContain(done.runDir());
    assertThat(out.toString()).contains("-- baseline_cnn-20ep: already finished, kept");
    assertThat(claims.owner(done.runDir())).as("claimed, so no other lane looks at it").hasValue(2);
    // One lane in study order (--jobs 1, and what the demo trains after its helpers) keeps it too.
    trained.clear();
    assertThat(DemoCommand.runInOrder(tasks, recording(trained), new PrintWriter(new StringWriter()))).isTrue();
    assertThat(trained).hasSize(tasks.size() - 1).doesNotContain(done.runDir());
  }

  @Test
  void aStoppedLaneClaimsNoMore(@TempDir Path dir) throws Exception {
    List<DemoCommand.Task> order = DemoCommand.longestFirst(DemoCommand.tasks(true, false, 1, dir, 42));
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    boolean[] stop = {false};
    List<Path> trained = new ArrayList<>();
    DemoCommand.Trainer stopped = task -> {
      trained.add(task.runDir());
      stop[0] = true;
      return false; // the user stopped this training
    };
    PrintWriter quiet = new PrintWriter(new StringWriter());
    assertThat(DemoCommand.runClaiming(order, claims, 1, stopped, quiet, () -> stop[0])).isFalse();
    assertThat(trained).containsExactly(order.get(0).runDir());
    List<Path> runs = order.stream().map(DemoCommand.Task::runDir).toList();
    assertThat(claims.claimedBy(1, runs)).containsExactly(order.get(0).runDir());
    // Stopped before it starts: it claims nothing, so the rest stays for the next demo.
    assertThat(DemoCommand.runClaiming(order, claims, 2, recording(trained), quiet, () -> true)).isFalse();
    assertThat(claims.claimedBy(2, runs)).isEmpty();
  }

  @Test
  void aHelperThatStopsIsReportedWithTheTrainingsItLeftUnfinished(@TempDir Path dir) throws Exception {
    List<DemoCommand.Task> tasks = DemoCommand.tasks(true, false, 1, dir, 42);
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    DemoCommand.Task finished = tasks.get(0);
    DemoCommand.Task left = tasks.get(3); // random/cnn_lstm_paper-20ep
    Files.createDirectories(finished.runDir());
    Files.writeString(finished.runDir().resolve(RunMetrics.FILE), "{}");
    assertThat(claims.claim(finished.runDir(), 2)).isTrue();
    assertThat(claims.claim(left.runDir(), 2)).isTrue();
    assertThat(claims.claim(tasks.get(4).runDir(), 1)).isTrue();
    assertThat(DemoCommand.laneStopped(2, 1, claims, tasks, dir))
        .isEqualTo("[lane 2] stopped with exit code 1; it had claimed random/cnn_lstm_paper-20ep and not finished it");
    assertThat(DemoCommand.laneStopped(3, 137, claims, tasks, dir)).isEqualTo("[lane 3] stopped with exit code 137");
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
