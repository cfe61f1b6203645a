package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.Main;
import art.empathic.corpus.ContentHash;
import art.empathic.features.CacheEntry;
import art.empathic.features.FeatureCache;
import art.empathic.run.RunFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache info} and {@code cache prune} on a cache of synthesised entries. */
class CacheCommandTest {
  @TempDir Path tmp;
  private Path dir;
  private FeatureCache cache;

  /** Four entries: old ravdess voice (group A, 40 days), ravdess voice (A, 2 days), emodb mfcc (B, 1 h), emodb mfcc (C, now). */
  @BeforeEach
  void entries() throws IOException {
    dir = tmp.resolve("cache");
    cache = FeatureCache.at(dir, 0);
    put("old", "voice", "ravdess", "aaaaaaaaaaaaaaaa", Duration.ofDays(40));
    put("recent", "voice", "ravdess", "aaaaaaaaaaaaaaaa", Duration.ofDays(2));
    put("hour", "mfcc", "emodb", "bbbbbbbbbbbbbbbb", Duration.ofHours(1));
    put("now", "mfcc", "emodb", "cccccccccccccccc", Duration.ZERO);
  }

  private void put(String name, String base, String corpus, String group, Duration ago) throws IOException {
    String key = ContentHash.of(name);
    cache.put(key, new float[][] {{1, 2, 3}, {4, 5, 6}}, new CacheEntry.Meta(base, corpus, group, "elsewhere", 0));
    Files.setLastModifiedTime(cache.entryPath(key), FileTime.fromMillis(System.currentTimeMillis() - ago.toMillis()));
  }

  private boolean present(String name) {
    return Files.exists(cache.entryPath(ContentHash.of(name)));
  }

  private String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void infoCountsEntriesByKindAndCorpus() {
    String out = run("cache", "info", "--cache", dir.toString());
    assertThat(out).contains("feature cache: " + dir.toAbsolutePath().normalize(), "total: 4 entries", "limit: ");
    assertThat(out).containsPattern("voice +2 entries").containsPattern("mfcc +2 entries")
        .containsPattern("ravdess +2 entries").containsPattern("emodb +2 entries");
    assertThat(out).contains("to 40 days ago", "written by other builds or formats: 4 entries");
  }

  @Test
  void olderThanRemovesOnlyEntriesNotUsedSinceAndDryRunRemovesNothing() {
    String dry = run("cache", "prune", "--cache", dir.toString(), "--older-than", "30d", "--dry-run");
    assertThat(dry).contains("would remove 1 of 4 entries");
    assertThat(present("old")).isTrue();
    String out = run("cache", "prune", "--cache", dir.toString(), "--older-than", "1d");
    assertThat(out).contains("removed 2 of 4 entries");
    assertThat(present("old")).isFalse();
    assertThat(present("recent")).isFalse();
    assertThat(present("hour")).isTrue();
    assertThat(present("now")).isTrue();
  }

  @Test
  void maxSizeKeepsTheMostRecentlyUsed() throws IOException {
    long one = Files.size(cache.entryPath(ContentHash.of("now")));
    run("cache", "prune", "--cache", dir.toString(), "--max-size", String.valueOf(2 * one));
    assertThat(present("old")).isFalse();
    assertThat(present("recent")).isFalse();
    assertThat(present("hour")).isTrue();
    assertThat(present("now")).isTrue();
  }

  @Test
  void unusedKeepsTheGroupsRunsListAndSaysWhichRunsListNone() throws IOException {
    Path runs = tmp.resolve("runs");
    Path run = Files.createDirectories(runs.resolve("r1"));
    Files.writeString(run.resolve(RunFiles.SPEC), "{}");
    Files.writeString(run.resolve(RunFiles.CACHE_KEYS), "aaaaaaaaaaaaaaaa voice ravdess augment=none\n");
    Files.writeString(Files.createDirectories(runs.resolve("legacy")).resolve(RunFiles.SPEC), "{}");
    String out = run("cache", "prune", "--cache", dir.toString(), "--unused", "--runs", runs.toString());
    assertThat(out).contains("1 list 1 cache groups", "1 runs have no " + RunFiles.CACHE_KEYS, "removed 2 of 4 entries");
    assertThat(present("old")).isTrue();
    assertThat(present("recent")).isTrue();
    assertThat(present("hour")).isFalse();
    assertThat(present("now")).isFalse();
  }

  @Test
  void pruneWithoutACriterionOrWithABadDurationIsAOneLineError() {
    StringWriter err = new StringWriter();
    int code = Main.newCommandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
        .execute("cache", "prune", "--cache", dir.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("say what to prune");
    StringWriter err2 = new StringWriter();
    Main.newCommandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true))
        .execute("cache", "prune", "--cache", dir.toString(), "--older-than", "soon");
    assertThat(err2.toString()).contains("'soon' is not a duration");
    assertThat(present("old")).isTrue();
  }
}
