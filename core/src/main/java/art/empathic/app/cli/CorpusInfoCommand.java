package art.empathic.app.cli;

import art.empathic.io.Json;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.CorpusSummary;
import art.empathic.corpus.NeutralPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corpus info}: what a corpus holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = {"Count a corpus's clips per emotion, speaker and corpus, and name the files it cannot use.",
        "Reads corpus directories and prints clips per emotion, speaker and corpus, total and min/max "
        + "duration, files that could not be used (and why), labels dropped, and groups of files holding the same audio "
        + "(byte-identical, or the same recording converted twice)."})
final class CorpusInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CorpusArgs corpus;

  @Option(names = "--json", description = "Print one JSON object (keys clips, per_emotion, per_speaker, per_corpus, "
      + "duration_s, duplicates, skipped, dropped, ...) instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Corpus c = corpus.load(NeutralPolicy.KEEP); // info describes every class the data holds
    CorpusSummary s = CorpusSummary.of(c);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.MAPPER.writeValueAsString(s));
    } else {
      printText(out, c, s);
    }
    out.flush();
    return 0;
  }

  private static void printText(PrintWriter out, Corpus c, CorpusSummary s) {
    out.printf(Locale.ROOT, "%d clips (neutral: %s)%n", s.clips(), s.neutral());
    s.sources().forEach(src -> out.printf("  from %s: %s, %s%n", src.path(), src.corpus(), src.detection()));
    if (s.durationS() != null) {
      double total = s.durationS().total();
      out.printf(Locale.ROOT, "duration: %s total, min %.2f s, max %.2f s, mean %.2f s%n",
          total < 120 ? String.format(Locale.ROOT, "%.1f s", total) : String.format(Locale.ROOT, "%.1f min", total / 60),
          s.durationS().min(), s.durationS().max(), s.durationS().mean());
    }
    table(out, "per emotion", s.perEmotion(), Map.of());
    corpora(out, s);
    table(out, "per speaker (" + s.perSpeaker().size() + ")", s.perSpeaker(), s.speakerGenders());
    if (!s.dropped().isEmpty()) {
      table(out, "dropped for their label", s.dropped(), Map.of());
    }
    out.printf("groups of files holding the same audio: %d%n", s.duplicates().size());
    c.duplicates().forEach(g -> out.println("  " + String.join(" = ", g.paths().stream().map(p -> display(c, p)).toList())
        + " (" + g.describe() + ")"));
    out.printf("skipped files: %d%n", s.skipped().size());
    c.skipped().forEach(k -> out.println("  " + display(c, k.path()) + ": " + k.reason()));
    if (!s.warnings().isEmpty()) {
      out.println("warnings:");
      s.warnings().forEach(w -> out.println("  " + w));
    }
  }

  /** One line per corpus: language, clips, speakers and clips per class. */
  private static void corpora(PrintWriter out, CorpusSummary s) {
    List<String> classes = s.perEmotion().keySet().stream().toList();
    int width = Math.max(6, s.corpora().stream().mapToInt(k -> k.corpus().length()).max().orElse(0));
    out.println("per corpus (" + s.corpora().size() + "):");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %-9s %6s %8s", "corpus",
        "language", "clips", "speakers"));
    classes.forEach(k -> head.append(String.format(Locale.ROOT, " %8s", k)));
    out.println(head);
    for (CorpusSummary.CorpusCounts k : s.corpora()) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-" + width + "s %-9s %6d %8d", k.corpus(),
          k.language() == null ? "?" : k.language(), k.clips(), k.speakers()));
      classes.forEach(e -> row.append(String.format(Locale.ROOT, " %8d", k.perEmotion().getOrDefault(e, 0))));
      out.println(row);
    }
  }

  private static void table(PrintWriter out, String title, Map<String, Integer> counts, Map<String, String> notes) {
    out.println(title + ":");
    int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
    counts.forEach((k, n) -> out.printf(Locale.ROOT, "  %-" + width + "s %6d%s%n", k, n,
        notes.containsKey(k) ? "  " + notes.get(k) : ""));
  }

  /** A path relative to the source directory it came from, when it is under one. */
  static String display(Corpus c, Path p) {
    List<Path> roots = c.sources().stream().map(s -> java.nio.file.Files.isDirectory(s.root()) ? s.root()
        : s.root().getParent()).toList();
    for (Path r : roots) {
      if (p.startsWith(r) && roots.size() == 1) {
        return r.relativize(p).toString();
      }
    }
    return p.toString();
  }
}
