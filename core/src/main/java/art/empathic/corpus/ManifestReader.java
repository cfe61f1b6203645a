package art.empathic.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import art.empathic.io.Csv;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * A CSV or TSV manifest: a header line, then one row per clip with columns {@code path} and
 * {@code emotion} (or {@code label}), and optionally {@code speaker}, {@code corpus} (or
 * {@code dataset}) and {@code gender}. Paths are relative to the manifest's folder and may not
 * leave it: {@code ..}, absolute paths elsewhere and symbolic links pointing outside are refused.
 *
 * <p>A manifest is strict: a missing file, an unknown emotion word or a bad row makes the whole
 * manifest an error (every problem is listed), because a manifest is an explicit statement of
 * what the corpus is. Known labels outside the classes (boredom) are dropped and counted.
 */
public final class ManifestReader {
  /** A manifest row: the file it names and what it says about it. */
  public record Entry(Path path, ClipLabel label) {}

  private static final int MAX_LISTED_PROBLEMS = 5;

  private ManifestReader() {}

  /** True when the file's name ends in .csv or .tsv. */
  public static boolean looksLikeManifest(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".tsv");
  }

  /** The CSV/TSV files directly in a folder whose header has path and emotion columns. */
  public static List<Path> manifestsIn(Path dir) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        if (Files.isRegularFile(p) && looksLikeManifest(p) && hasManifestHeader(p)) {
          found.add(p);
        }
      }
    }
    return found;
  }

  private static boolean hasManifestHeader(Path p) {
    try (var r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null) {
        return false;
      }
      Map<String, Integer> col = columns(header, delimiter(p, header));
      return col.containsKey("path") && (col.containsKey("emotion") || col.containsKey("label"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Reads a manifest; throws IllegalArgumentException naming the manifest and its problems. */
  public static List<Entry> read(Path manifest) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new IllegalArgumentException(manifest + ": not UTF-8 text");
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(manifest + ": empty manifest (need a header with path and emotion columns)");
    }
    String header = lines.get(0);
    char delim = delimiter(manifest, header);
    Map<String, Integer> col = columns(header, delim);
    Integer pathCol = col.get("path");
    Integer emotionCol = col.containsKey("emotion") ? col.get("emotion") : col.get("label");
    if (pathCol == null || emotionCol == null) {
      throw new IllegalArgumentException(manifest + ": header must name columns 'path' and 'emotion', got: " + header);
    }
    Integer speakerCol = col.get("speaker");
    Integer corpusCol = col.containsKey("corpus") ? col.get("corpus") : col.get("dataset");
    Integer genderCol = col.get("gender");
    String defaultCorpus = FolderLayout.corpusName(manifest.toAbsolutePath().getParent());
    Path base = manifest.toAbsolutePath().normalize().getParent();
    Path realBase = base.toRealPath();

    List<Entry> entries = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = "line " + (i + 1);
      try {
        List<String> f = Csv.parseLine(line, delim);
        if (f.size() < col.size()) {
          throw new IllegalArgumentException("has " + f.size() + " fields, the header has " + col.size());
        }
        Path file = safePath(base, realBase, f.get(pathCol));
        String word = f.get(emotionCol);
        String label = EmotionWords.canonical(word).orElseThrow(() -> new IllegalArgumentException(
            "unknown emotion '" + word + "' (known: " + EmotionWords.known() + ")"));
        String speaker = speakerCol == null || f.get(speakerCol).isBlank() ? Clip.UNKNOWN_SPEAKER : f.get(speakerCol);
        String corpus = corpusCol == null || f.get(corpusCol).isBlank() ? defaultCorpus : f.get(corpusCol);
        Gender gender = genderCol == null ? Gender.UNKNOWN : gender(f.get(genderCol));
        entries.add(new Entry(file, ClipLabel.of(corpus, speaker, gender, label)));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      String listed = String.join("; ", problems.subList(0, Math.min(MAX_LISTED_PROBLEMS, problems.size())));
      String more = problems.size() > MAX_LISTED_PROBLEMS ? "; and " + (problems.size() - MAX_LISTED_PROBLEMS) + " more" : "";
      throw new IllegalArgumentException(manifest + ": " + problems.size() + " bad row"
          + (problems.size() == 1 ? "" : "s") + ": " + listed + more);
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(manifest + ": the manifest lists no clips");
    }
    return entries;
  }

  /**
   * Resolves a manifest path inside {@code base}: refuses '..', absolute paths outside, missing
   * files and symbolic links leading outside (checked on the real path).
   */
  static Path safePath(Path base, Path realBase, String raw) {
    if (raw.isBlank()) {
      throw new IllegalArgumentException("empty path");
    }
    Path p;
    try {
      p = Path.of(raw);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("invalid path '" + raw + "'");
    }
    for (Path part : p) {
      if (part.toString().equals("..")) {
        throw new IllegalArgumentException("path '" + raw + "' uses '..'; manifest paths must stay inside " + base);
      }
    }
    Path resolved = p.isAbsolute() ? p.normalize() : base.resolve(p).normalize();
    if (!resolved.startsWith(base) && !resolved.startsWith(realBase)) {
      throw new IllegalArgumentException("path '" + raw + "' is outside the manifest's folder " + base);
    }
    if (!Files.exists(resolved)) {
      throw new IllegalArgumentException("file '" + raw + "' not found");
    }
    Path real;
    try {
      real = resolved.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot resolve '" + raw + "': " + e.getMessage());
    }
    if (!real.startsWith(realBase)) {
      throw new IllegalArgumentException("path '" + raw + "' is a link to " + real + ", outside the manifest's folder");
    }
    if (!Files.isRegularFile(real)) {
      throw new IllegalArgumentException("'" + raw + "' is not a regular file");
    }
    return resolved;
  }

  private static Gender gender(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "m", "male", "man" -> Gender.MALE;
      case "f", "female", "woman" -> Gender.FEMALE;
      case "", "?", "unknown", "u", "na", "n/a" -> Gender.UNKNOWN;
      default -> throw new IllegalArgumentException("unknown gender '" + s + "' (use male, female or unknown)");
    };
  }

  private static char delimiter(Path file, String header) {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") || header.indexOf('\t') >= 0) {
      return '\t';
    }
    return ',';
  }

  private static Map<String, Integer> columns(String header, char delim) {
    Map<String, Integer> col = new LinkedHashMap<>();
    List<String> names = Csv.parseLine(header.startsWith("\uFEFF") ? header.substring(1) : header, delim);
    for (int i = 0; i < names.size(); i++) {
      col.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    return col;
  }

  /** The manifest to read for {@code dir}: the file itself, or the single manifest inside it. */
  static Optional<Path> single(Path dir) throws IOException {
    if (Files.isRegularFile(dir)) {
      return Optional.of(dir);
    }
    List<Path> found = manifestsIn(dir);
    if (found.size() > 1) {
      throw new IllegalArgumentException(dir + ": several manifests (" + found.stream().map(p -> p.getFileName().toString())
          .collect(Collectors.joining(", ")) + "); name the one to read");
    }
    return found.stream().findFirst();
  }
}
