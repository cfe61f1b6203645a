package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.run.RunMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code demo}'s lanes claim trainings: one claim file per run, created atomically. */
class LaneClaimsTest {
  @TempDir Path dir;

  private List<Path> runDirs() {
    return DemoCommand.tasks(false, false, 3, dir, 42).stream().map(DemoCommand.Task::runDir).toList();
  }

  @Test
  void twoClaimersOverOneFolderNeverBothGetATraining() throws Exception {
    List<Path> runs = runDirs();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // Many rounds, both claimers released at once each time, so that they race for the same files.
      for (int round = 0; round < 50; round++) {
        new LaneClaims(dir).clear();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<List<Path>>> won = new ArrayList<>();
        for (int lane = 1; lane <= 2; lane++) {
          int k = lane;
          LaneClaims own = new LaneClaims(dir); // each lane its own instance, as in its own JVM
          won.add(pool.submit(() -> {
            start.await(30, TimeUnit.SECONDS);
            List<Path> mine = new ArrayList<>();
            for (Path run : runs) {
              if (own.claim(run, k)) {
                mine.add(run);
              }
            }
            return mine;
          }));
        }
        List<Path> one = won.get(0).get(30, TimeUnit.SECONDS);
        List<Path> two = won.get(1).get(30, TimeUnit.SECONDS);
        Set<Path> both = new HashSet<>(one);
        both.retainAll(two);
        assertThat(both).as("round %d: claimed by both lanes", round).isEmpty();
        assertThat(one.size() + two.size()).as("round %d: every training claimed exactly once", round)
            .isEqualTo(runs.size());
        LaneClaims claims = new LaneClaims(dir);
        assertThat(claims.claimedBy(1, runs)).isEqualTo(one);
        assertThat(claims.claimedBy(2, runs)).isEqualTo(two);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClaimIsTakenOnceAndClearingFreesItButKeepsTheRuns() throws Exception {
    Path run = runDirs().get(7); // speaker/fold-1/mlp-alpha0.01
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    assertThat(claims.owner(run)).isEmpty();
    assertThat(claims.claim(run, 2)).isTrue();
    assertThat(claims.claim(run, 2)).as("the same lane again").isFalse();
    assertThat(claims.claim(run, 1)).as("another lane").isFalse();
    assertThat(claims.owner(run)).hasValue(2);
    assertThat(Files.readString(dir.resolve(".lanes/claims/speaker+fold-1+mlp-alpha0.01"))).isEqualTo("2\n");

    Files.createDirectories(run);
    Files.writeString(run.resolve(RunMetrics.FILE), "{}");
    claims.clear();
    assertThat(claims.owner(run)).isEmpty();
    assertThat(run.resolve(RunMetrics.FILE)).as("a finished run outlives the claims").exists();
    assertThat(claims.claim(run, 1)).isTrue();
    assertThat(claims.owner(run)).hasValue(1);

    claims.delete();
    assertThat(dir.resolve(LaneClaims.FOLDER)).doesNotExist();
    assertThat(run.resolve(RunMetrics.FILE)).exists();
  }

  @Test
  void aClaimNamingNoLaneHasNoOwner() throws Exception {
    Path run = runDirs().get(7);
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    // A lane that died between creating its claim and writing its number.
    Files.createFile(dir.resolve(".lanes/claims/speaker+fold-1+mlp-alpha0.01"));
    assertThat(claims.owner(run)).isEmpty();
    assertThat(claims.claim(run, 1)).as("still claimed: nobody else trains it").isFalse();
  }

  @Test
  void onlyRunsInsideTheDemoFolderAreClaimed() throws Exception {
    LaneClaims claims = new LaneClaims(dir);
    claims.clear();
    assertThatThrownBy(() -> claims.claim(dir.resolveSibling("elsewhere"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a run folder inside");
    assertThatThrownBy(() -> claims.claim(dir, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
