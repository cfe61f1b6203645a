package art.empathic.app.cli;

import art.empathic.features.FeatureCache;
import art.empathic.io.ByteSize;
import art.empathic.recognize.DefaultModel;
import art.empathic.run.RunFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cache prune}: removes entries by age, by use in runs, by build, then down to a size. */
@Command(name = "prune", mixinStandardHelpOptions = true,
    description = {"Remove feature-cache entries by age, by size, or because no run needs them.",
        "",
        "An entry goes if it matches any of --older-than, --unused and --stale; then, with --max-size, the least "
            + "recently used of the rest go until the cache fits. A run records the cache groups it used (its corpus, "
            + "feature configuration, augmentation and feature code) in RUNDIR/cache-keys.txt; runs trained before "
            + "that file existed need none, so --unused lets their entries go and says how many such runs it found."})
final class CachePruneCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([smhdw])", Pattern.CASE_INSENSITIVE);

  @Spec CommandSpec spec;
  @Mixin CacheCommand.Location location;

  @Option(names = "--older-than", paramLabel = "DURATION",
      description = "Remove entries last used (read or written) longer ago than this: e.g. 30d, 12h, 90m, 2w.")
  String olderThan;

  @Option(names = "--max-size", paramLabel = "SIZE",
      description = "Then remove the least recently used entries until the cache holds at most this: e.g. 2G, 500M.")
  String maxSize;

  @Option(names = "--unused", description = "Remove entries of cache groups no run under the runs folder lists in its "
      + "cache-keys.txt.")
  boolean unused;

  @Option(names = "--stale", description = "Remove entries written by another build's feature code or an older "
      + "format (no lookup reads them).")
  boolean stale;

  @Option(names = "--runs", paramLabel = "DIR", description = "The runs folder --unused looks in (default: "
      + "$EMPATHIC_ART_RUNS, else runs/ in the project).")
  Path runs;

  @Option(names = "--dry-run", description = "Only print what would be removed.")
  boolean dryRun;

  @Option(names = "--list", description = "Also print each entry's file.")
  boolean list;

  @Override
  public Integer call() throws IOException {
    if (olderThan == null && maxSize == null && !unused && !stale) {
      throw new IllegalArgumentException("say what to prune: --older-than DURATION, --max-size SIZE, --unused or --stale");
    }
    Duration age = olderThan == null ? null : parseDuration(olderThan);
    long size = maxSize == null ? -1 : ByteSize.parse(maxSize);
    FeatureCache cache = location.open();
    PrintWriter out = spec.commandLine().getOut();
    List<FeatureCache.Entry> entries = cache.entries();
    Set<String> needed = new HashSet<>();
    if (unused) {
      Path folder = runs != null ? runs : DefaultModel.runsFolder();
      RunGroups found = runGroups(folder);
      needed = found.groups();
      out.printf(Locale.ROOT, "runs under %s: %d list %d cache groups%s%n", folder, found.listing(), needed.size(),
          found.unlisted() == 0 ? "" : "; " + found.unlisted() + " runs have no " + RunFiles.CACHE_KEYS
              + " (trained before runs recorded their cache use), so their entries count as unused");
    }
    Instant cutoff = age == null ? null : Instant.now().minus(age);
    Set<FeatureCache.Entry> gone = new LinkedHashSet<>();
    for (FeatureCache.Entry e : entries) {
      if (cutoff != null && e.lastUsed().toInstant().isBefore(cutoff)
          || unused && !needed.contains(e.group())
          || stale && !e.current()) {
        gone.add(e);
      }
    }
    if (size >= 0) {
      List<FeatureCache.Entry> rest = entries.stream().filter(e -> !gone.contains(e)).toList();
      gone.addAll(FeatureCache.leastRecentlyUsedOver(rest, size));
    }
    List<FeatureCache.Entry> chosen = new ArrayList<>(gone);
    long bytes = chosen.stream().mapToLong(FeatureCache.Entry::bytes).sum();
    long before = entries.stream().mapToLong(FeatureCache.Entry::bytes).sum();
    if (list) {
      chosen.forEach(e -> out.println((dryRun ? "would remove " : "removing ") + e.path()));
    }
    if (!chosen.isEmpty()) {
      CacheInfoCommand.table(out, dryRun ? "would remove, by kind" : "removing, by kind", chosen,
          e -> e.base().isEmpty() ? "unknown (format " + e.format() + ")" : e.base());
      CacheInfoCommand.table(out, dryRun ? "would remove, by corpus" : "removing, by corpus", chosen,
          e -> e.corpus().isEmpty() ? "unknown" : e.corpus());
    }
    if (dryRun) {
      out.printf(Locale.ROOT, "dry run: would remove %d of %d entries, freeing %s of %s%n", chosen.size(), entries.size(),
          ByteSize.format(bytes), ByteSize.format(before));
    } else {
      long freed = cache.remove(chosen);
      out.printf(Locale.ROOT, "removed %d of %d entries, freed %s; %s left in %s%n", chosen.size(), entries.size(),
          ByteSize.format(freed), ByteSize.format(before - freed), cache.root().orElseThrow());
    }
    out.flush();
    return 0;
  }

  /** A length of time: a number and s, m, h, d or w (e.g. 30d, 12h, 1.5h). */
  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--older-than: '" + text + "' is not a duration (use e.g. 30d, 12h, 90m, 2w)");
    }
    double n = Double.parseDouble(m.group(1));
    long unitSeconds = switch (Character.toLowerCase(m.group(2).charAt(0))) {
      case 's' -> 1;
      case 'm' -> 60;
      case 'h' -> 3600;
      case 'd' -> 86400;
      default -> 7 * 86400;
    };
    return Duration.ofMillis(Math.round(n * unitSeconds * 1000));
  }

  /** The groups the runs list, how many runs list them, and how many runs (with a spec.json) list none. */
  record RunGroups(Set<String> groups, int listing, int unlisted) {}

  static RunGroups runGroups(Path folder) throws IOException {
    Set<String> groups = new HashSet<>();
    int listing = 0;
    int unlisted = 0;
    if (!Files.isDirectory(folder)) {
      return new RunGroups(groups, 0, 0);
    }
    List<Path> specs;
    try (Stream<Path> s = Files.walk(folder, 6)) {
      // A run's evaluations/NAME/ copies its spec; it is the run itself that lists the groups.
      specs = s.filter(p -> p.getFileName().toString().equals(RunFiles.SPEC)
          && !folder.relativize(p).toString().contains(RunFiles.EVALUATIONS + p.getFileSystem().getSeparator())).toList();
    }
    for (Path spec : specs) {
      Path keys = spec.resolveSibling(RunFiles.CACHE_KEYS);
      if (!Files.isRegularFile(keys)) {
        unlisted++;
        continue;
      }
      listing++;
      for (String line : Files.readAllLines(keys)) {
        String t = line.strip();
        if (!t.isEmpty()) {
          groups.add(t.split("\\s+", 2)[0]);
        }
      }
    }
    return new RunGroups(groups, listing, unlisted);
  }
}
