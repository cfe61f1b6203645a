package art.empathic.corpus;

import art.empathic.io.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A public benchmark's protocol as file lists (EmoBox's, in {@code ../shared/data/emobox}): its
 * speaker folds ({@code fold<TAB>test_actors}, the actors comma-separated) and its fixed test
 * lists ({@code path<TAB>speaker<TAB>emotion}, paths relative to the corpus folder). Figures are
 * comparable with a benchmark's only on its own lists, so the clips are picked from a loaded
 * corpus by these lists and nothing else.
 */
public final class BenchmarkLists {
  private BenchmarkLists() {}

  /** One fold: its number as the list gives it and the speakers it tests on. */
  public record Fold(int number, List<String> testSpeakers) {
    public Fold {
      testSpeakers = List.copyOf(testSpeakers);
    }
  }

  /** One entry of a test list: the clip's path relative to the corpus folder, its speaker and label. */
  public record Entry(String path, String speaker, String emotion) {}

  /** Reads a folds list; a line that is not {@code number<TAB>speaker,speaker...} is an error naming it. */
  public static List<Fold> readFolds(Path file) throws IOException {
    List<Fold> folds = new ArrayList<>();
    for (Row r : rows(file, List.of("fold", "test_actors"))) {
      int n;
      try {
        n = Integer.parseInt(r.get("fold").trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(r.where() + ": fold '" + r.get("fold") + "' is not a number");
      }
      List<String> speakers = new ArrayList<>();
      for (String s : r.get("test_actors").split(",")) {
        if (!s.isBlank()) {
          speakers.add(s.trim());
        }
      }
      if (speakers.isEmpty()) {
        throw new IllegalArgumentException(r.where() + ": fold " + n + " names no test speaker");
      }
      folds.add(new Fold(n, speakers));
    }
    if (folds.isEmpty()) {
      throw new IllegalArgumentException(file + ": no folds listed");
    }
    return folds;
  }

  /** Reads a test list ({@code path, speaker, emotion}). */
  public static List<Entry> readTestList(Path file) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Row r : rows(file, List.of("path", "speaker", "emotion"))) {
      out.add(new Entry(r.get("path").trim().replace('\\', '/'), r.get("speaker").trim(),
          r.get("emotion").trim().toLowerCase(Locale.ROOT)));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(file + ": no clips listed");
    }
    return out;
  }

  /**
   * The corpus's clips in the list's order, matched by path relative to {@code corpusRoot}. A
   * listed path the corpus lacks, or whose class differs from the list's, is an error naming the
   * first few: a benchmark figure on other clips would not be the benchmark's.
   */
  public static List<Clip> select(List<Clip> clips, Path corpusRoot, List<Entry> list) {
    Path root = corpusRoot.toAbsolutePath().normalize();
    Map<String, Clip> byPath = new HashMap<>();
    for (Clip c : clips) {
      Path p = c.path().toAbsolutePath().normalize();
      if (p.startsWith(root)) {
        byPath.put(root.relativize(p).toString().replace('\\', '/'), c);
      }
    }
    List<Clip> out = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> mislabelled = new ArrayList<>();
    for (Entry e : list) {
      Clip c = byPath.get(e.path());
      if (c == null) {
        missing.add(e.path());
      } else if (!c.emotion().label().toLowerCase(Locale.ROOT).equals(e.emotion())) {
        mislabelled.add(e.path() + " (list: " + e.emotion() + ", corpus: " + c.emotion().label() + ")");
      } else {
        out.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(root + ": " + missing.size() + " of " + list.size() + " listed clips are not "
          + "in the corpus (e.g. " + String.join(", ", missing.subList(0, Math.min(3, missing.size()))) + ")");
    }
    if (!mislabelled.isEmpty()) {
      throw new IllegalArgumentException(root + ": " + mislabelled.size() + " listed clips have another class in the "
          + "corpus (e.g. " + String.join(", ", mislabelled.subList(0, Math.min(3, mislabelled.size()))) + ")");
    }
    return out;
  }

  /** Speakers a fold names that the corpus does not have (empty when all are there). */
  public static List<String> unknownSpeakers(Fold fold, List<Clip> clips) {
    java.util.Set<String> known = new java.util.HashSet<>();
    clips.forEach(c -> known.add(c.speaker()));
    return fold.testSpeakers().stream().filter(s -> !known.contains(s)).toList();
  }

  private record Row(Path file, int line, Map<String, String> fields) {
    String get(String column) {
      return fields.get(column);
    }

    String where() {
      return file + " line " + line;
    }
  }

  /** The rows of a tab-separated file with a header naming at least {@code columns}. */
  private static List<Row> rows(Path file, List<String> columns) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such list");
    }
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + ": empty (expected a header with " + String.join(", ", columns) + ")");
    }
    List<String> header = Csv.parseLine(lines.get(0), '\t').stream().map(s -> s.trim().toLowerCase(Locale.ROOT))
        .toList();
    for (String c : columns) {
      if (!header.contains(c)) {
        throw new IllegalArgumentException(file + ": no '" + c + "' column in the header " + header);
      }
    }
    List<Row> out = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> f = Csv.parseLine(lines.get(i), '\t');
      if (f.size() < header.size()) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + f.size() + " fields, the header has "
            + header.size());
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int k = 0; k < header.size(); k++) {
        m.put(header.get(k), f.get(k));
      }
      out.add(new Row(file, i + 1, m));
    }
    return out;
  }
}
