package art.empathic.app.cli;

import art.empathic.features.FeatureCache;
import art.empathic.io.ByteSize;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cache info}: where the feature cache is and what it holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = {"Print the feature cache's folder, size, limit and entries by feature kind and corpus.",
        "",
        "Also how long ago entries were last used and how many were written by other builds' feature code "
            + "(no lookup reads those; cache prune --stale removes them)."})
final class CacheInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CacheCommand.Location location;

  @Override
  public Integer call() {
    FeatureCache cache = location.open();
    PrintWriter out = spec.commandLine().getOut();
    List<FeatureCache.Entry> entries = cache.entries();
    long total = entries.stream().mapToLong(FeatureCache.Entry::bytes).sum();
    out.println("feature cache: " + cache.root().orElseThrow());
    out.println("limit: " + (cache.limit() > 0 ? ByteSize.format(cache.limit()) : "none")
        + " (" + FeatureCache.LIMIT_ENV + " or -D" + FeatureCache.LIMIT_PROPERTY + "; the least recently used go first)");
    out.printf(Locale.ROOT, "total: %d entries, %s%s%n", entries.size(), ByteSize.format(total),
        cache.limit() > 0 ? String.format(Locale.ROOT, " (%.0f%% of the limit)", 100.0 * total / cache.limit()) : "");
    if (entries.isEmpty()) {
      out.flush();
      return 0;
    }
    Instant now = Instant.now();
    Instant newest = entries.stream().map(e -> e.lastUsed().toInstant()).max(Comparator.naturalOrder()).orElseThrow();
    Instant oldest = entries.stream().map(e -> e.lastUsed().toInstant()).min(Comparator.naturalOrder()).orElseThrow();
    out.println("last used: " + ago(Duration.between(newest, now)) + " to " + ago(Duration.between(oldest, now)));
    List<FeatureCache.Entry> stale = entries.stream().filter(e -> !e.current()).toList();
    out.printf(Locale.ROOT, "written by other builds or formats: %d entries, %s%s%n", stale.size(),
        ByteSize.format(stale.stream().mapToLong(FeatureCache.Entry::bytes).sum()),
        stale.isEmpty() ? "" : " (never read again; cache prune --stale removes them)");
    table(out, "by kind", entries, e -> e.base().isEmpty() ? "unknown (format " + e.format() + ")" : e.base());
    table(out, "by corpus", entries, e -> e.corpus().isEmpty() ? "unknown" : e.corpus());
    out.flush();
    return 0;
  }

  /** Entries, bytes and bytes per entry of each value of {@code by}. */
  static void table(PrintWriter out, String title, List<FeatureCache.Entry> entries, Function<FeatureCache.Entry, String> by) {
    Map<String, long[]> rows = new TreeMap<>();
    for (FeatureCache.Entry e : entries) {
      long[] r = rows.computeIfAbsent(by.apply(e), k -> new long[2]);
      r[0]++;
      r[1] += e.bytes();
    }
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(4);
    out.println(title + ":");
    rows.forEach((k, r) -> out.printf(Locale.ROOT, "  %-" + width + "s %8d entries %11s  %s per entry%n", k, r[0],
        ByteSize.format(r[1]), ByteSize.format(r[1] / r[0])));
  }

  static String ago(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s ago";
    }
    if (s < 2 * 3600) {
      return s / 60 + " min ago";
    }
    if (s < 2 * 86400) {
      return s / 3600 + " h ago";
    }
    return s / 86400 + " days ago";
  }
}
