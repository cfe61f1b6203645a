package art.empathic.corpus;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.io.PhaseProgress;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.HashMap;
import java.util.HashSet;

/**
 * Reads corpus directories into a {@link Corpus}.
 *
 * <p>For each directory: every {@code .wav} below it is found (following symbolic links; other
 * audio files such as .mp3 are reported as skipped, non-audio files ignored). The reader is the
 * one {@code --corpus} forces, or else detected: the file-name reader (RAVDESS, TESS, SAVEE,
 * CREMA-D, EmoDB, EMOVO, CASIA, nEMO) that reads the most names, if it reads at least half of them; else a single
 * manifest (CSV/TSV with path and emotion columns) in the directory; else the folder layout if
 * at least half the files sit in emotion-named folders. A path to a .csv/.tsv file is read as a
 * manifest. Names the reader cannot read are skipped with the reason, never guessed.
 *
 * <p>A data root, a folder holding several corpus folders side by side (as {@code ../shared/data}
 * does), is read as each of its corpora: see {@link #corpusFolders}. Its folders that hold no
 * corpus (no WAV files, no manifest) are named in the warnings.
 *
 * <p>Labels then go through the {@link NeutralPolicy}; clips left without a class are dropped
 * and counted. Each remaining file is read and decoded once (in parallel) to compute its SHA-256,
 * duration and RMS; unreadable files are skipped with the reason. Files holding the same audio
 * are then grouped by {@link DuplicateFinder}. Reading them is the long part (some 12 s for 11,000
 * clips); when progress is asked for, a {@link PhaseProgress} on standard error counts one step
 * per file read: a bar on a terminal, else a plain line at most every 30 s and one at the end.
 */
public final class CorpusLoader {
  private static final Set<String> OTHER_AUDIO =
      Set.of("mp3", "flac", "ogg", "opus", "m4a", "aac", "aif", "aiff", "wma", "webm", "mp4");

  private final CorpusOptions options;
  private final PhaseProgress.Display display;

  /** A loader that shows no progress. */
  public CorpusLoader(CorpusOptions options) {
    this(options, PhaseProgress.Display.OFF);
  }

  /** A loader that shows its progress on standard error when asked: a bar on a terminal, else plain lines. */
  public CorpusLoader(CorpusOptions options, boolean progress) {
    this(options, PhaseProgress.Display.onStandardError(progress));
  }

  /** A loader that shows its progress on {@code display} (tests give one with a fake clock). */
  CorpusLoader(CorpusOptions options, PhaseProgress.Display display) {
    this.options = Objects.requireNonNull(options, "options");
    this.display = Objects.requireNonNull(display, "display");
  }

  /** A file found with the labels its reader gave it. */
  private record Found(Path path, ClipLabel label) {}

  /** Reads the roots into one corpus; throws IllegalArgumentException if nothing usable is found. */
  public Corpus load(List<Path> roots) throws IOException {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("no corpus directory given");
    }
    List<CorpusSource> sources = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    List<Found> found = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    for (Path given : roots) {
      Path root = given.toAbsolutePath().normalize();
      checkReadable(root);
      folders.addAll(options.kind() == null ? corpusFolders(root, notes) : List.of(root));
    }
    int wavCount = 0;
    for (Path root : folders) {
      if (Files.isRegularFile(root) || options.kind() == CorpusKind.MANIFEST) {
        Path manifest = ManifestReader.single(root).orElseThrow(() ->
            new IllegalArgumentException(root + ": no manifest found (a .csv/.tsv file with 'path' and 'emotion' columns)"));
        List<ManifestReader.Entry> entries = ManifestReader.read(manifest);
        entries.forEach(e -> found.add(new Found(e.path(), e.label())));
        wavCount += entries.size();
        sources.add(new CorpusSource(manifest, CorpusKind.MANIFEST,
            options.kind() == CorpusKind.MANIFEST ? "forced by --corpus" : "manifest file given"));
        continue;
      }
      List<Path> wavs = findWavs(root, skipped);
      wavCount += wavs.size();
      Detection d = options.kind() != null ? new Detection(options.kind(), "forced by --corpus") : detect(root, wavs);
      if (d.kind() == CorpusKind.MANIFEST) {
        Path manifest = ManifestReader.single(root).orElseThrow();
        ManifestReader.read(manifest).forEach(e -> found.add(new Found(e.path(), e.label())));
        sources.add(new CorpusSource(manifest, CorpusKind.MANIFEST, d.how()));
        continue;
      }
      sources.add(new CorpusSource(root, d.kind(), d.how()));
      for (Path wav : wavs) {
        NameReading r = d.kind().reader().read(root, wav);
        if (r.isOk()) {
          found.add(new Found(wav, r.label()));
        } else {
          skipped.add(new SkippedFile(wav, r.problem()));
        }
      }
    }

    SortedLabelCounts dropped = new SortedLabelCounts();
    List<Found> kept = new ArrayList<>();
    Map<Found, Emotion> classOf = new LinkedHashMap<>();
    Set<Path> seen = new HashSet<>();
    for (Found f : found) {
      if (!seen.add(f.path())) {
        skipped.add(new SkippedFile(f.path(), "listed twice (the first listing is used)"));
        continue;
      }
      options.neutral().classify(f.label().label()).ifPresentOrElse(e -> {
        kept.add(f);
        classOf.put(f, e);
      }, () -> dropped.add(f.label().label()));
    }

    List<Object> probed;
    try (PhaseProgress reading = display.start("reading", "files", kept.size())) {
      probed = kept.parallelStream().map(f -> {
        Object p = probe(f, classOf.get(f));
        reading.step();
        return p;
      }).collect(Collectors.toList());
    }
    List<Probed> ok = new ArrayList<>();
    for (Object o : probed) {
      if (o instanceof Probed p) {
        ok.add(p);
      } else {
        skipped.add((SkippedFile) o);
      }
    }
    ok.sort(Comparator.comparing(p -> p.found().path().toString()));
    skipped.sort(Comparator.comparing(s -> s.path().toString()));

    DuplicateFinder.Result same = DuplicateFinder.find(ok.stream().map(Probed::audio).toList());
    List<Clip> clips = ok.stream().map(p -> Clip.of(p.found().path(), p.found().label(), p.emotion(),
        p.audio().contentHash(), same.audioKeys().get(p.found().path()), p.durationSeconds())).toList();
    List<String> warnings = new ArrayList<>(notes);
    Map<Path, Clip> byPath = new HashMap<>();
    clips.forEach(c -> byPath.put(c.path(), c));
    for (DuplicateGroup g : same.groups()) {
      List<Clip> group = g.paths().stream().map(byPath::get).toList();
      if (group.stream().map(Clip::emotion).distinct().count() > 1) {
        warnings.add("the same audio has different labels: " + group.stream()
            .map(c -> c.path().getFileName() + " (" + c.emotion().label() + ")").collect(Collectors.joining(", ")));
      }
    }
    if (!same.groups().isEmpty()) {
      warnings.add(same.groups().size() + " group(s) of files holding the same audio; splits keep each group on one side");
    }

    if (clips.isEmpty()) {
      String where = roots.stream().map(Path::toString).collect(Collectors.joining(", "));
      throw new IllegalArgumentException(where + ": no usable clips (" + wavCount + " WAV files: " + skipped.size()
          + " skipped, " + dropped.total() + " dropped for their label " + dropped.map + ")"
          + (skipped.isEmpty() ? "" : "; first skipped: " + skipped.get(0)));
    }
    return new Corpus(sources, options.neutral(), clips, skipped, dropped.map, same.groups(), warnings);
  }

  /** Counts of dropped labels. */
  private static final class SortedLabelCounts {
    final TreeMap<String, Integer> map = new TreeMap<>();

    void add(String label) {
      map.merge(label, 1, Integer::sum);
    }

    int total() {
      return map.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** A readable file: its labels, class, duration and what duplicate detection needs. */
  private record Probed(Found found, Emotion emotion, double durationSeconds, DuplicateFinder.Probe audio) {}

  /** Reads and decodes a file once. Returns a Probed or a SkippedFile. */
  private static Object probe(Found f, Emotion emotion) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(f.path());
    } catch (IOException e) {
      return new SkippedFile(f.path(), "cannot read: " + ioReason(e));
    }
    try {
      Audio audio = WavReader.decode(bytes, f.path().toString());
      if (audio.samples().length == 0) {
        return new SkippedFile(f.path(), "no audio samples");
      }
      return new Probed(f, emotion, audio.durationSeconds(), new DuplicateFinder.Probe(f.path(), ContentHash.of(bytes),
          audio.sampleRate(), audio.samples().length, DuplicateFinder.rms(audio.samples())));
    } catch (AudioFormatException e) {
      return new SkippedFile(f.path(), e.problem());
    }
  }

  public static String ioReason(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemLoopException) return "symbolic link loop";
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void checkReadable(Path root) {
    if (!Files.exists(root)) {
      throw new IllegalArgumentException(root + ": no such directory");
    }
    if (Files.isRegularFile(root)) {
      if (!ManifestReader.looksLikeManifest(root)) {
        throw new IllegalArgumentException(root + ": not a directory (give a corpus directory or a .csv/.tsv manifest)");
      }
    } else if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(root + ": not a directory");
    }
    if (!Files.isReadable(root) || (Files.isDirectory(root) && !Files.isExecutable(root))) {
      throw new IllegalArgumentException(root + ": cannot read (permission denied)");
    }
  }

  /** Every .wav below root, sorted; unreadable folders and non-WAV audio go to {@code skipped}. */
  private static List<Path> findWavs(Path root, List<SkippedFile> skipped) throws IOException {
    List<Path> wavs = new ArrayList<>();
    Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        String ext = extension(file);
        if (ext.equals("wav")) {
          wavs.add(file);
        } else if (OTHER_AUDIO.contains(ext)) {
          skipped.add(new SkippedFile(file, "not a WAV file (only .wav is read)"));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        if (file.equals(root)) {
          throw new IllegalArgumentException(root + ": cannot read: " + ioReason(e));
        }
        skipped.add(new SkippedFile(file, "cannot read: " + ioReason(e)));
        return FileVisitResult.CONTINUE;
      }
    });
    wavs.sort(Comparator.comparing(Path::toString));
    return wavs;
  }

  private static String extension(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The corpus folders {@code dir} stands for: its subfolders when it is a data root, else
   * {@code dir} itself. A data root has no WAV file and no manifest of its own, and its
   * subfolders hold at least two different corpora (as the readers name them: a file-name
   * reader's corpus, or a manifest or emotion-folder layout of the subfolder's own); a corpus
   * whose speakers have one folder each (RAVDESS's {@code Actor_NN}) is one corpus, not a root.
   * Subfolders of a root that hold no corpus are noted in {@code notes}.
   */
  static List<Path> corpusFolders(Path dir, List<String> notes) throws IOException {
    if (!Files.isDirectory(dir) || ManifestReader.single(dir).isPresent()) {
      return List.of(dir);
    }
    List<Path> subfolders = new ArrayList<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        if (Files.isDirectory(p)) {
          subfolders.add(p);
        } else if (extension(p).equals("wav")) {
          return List.of(dir);
        }
      }
    }
    Map<Path, String> corpusOf = new LinkedHashMap<>();
    List<String> unread = new ArrayList<>();
    for (Path sub : subfolders) {
      List<Path> wavs = findWavs(sub, new ArrayList<>());
      try {
        corpusOf.put(sub, identity(sub, wavs));
      } catch (IllegalArgumentException e) {
        String why = wavs.isEmpty() ? ": no WAV files" : e.getMessage().startsWith(sub.toString())
            ? e.getMessage().substring(sub.toString().length()) : ": " + e.getMessage();
        unread.add(dir.relativize(sub) + why + "; not read as a corpus");
      }
    }
    if (new HashSet<>(corpusOf.values()).size() < 2) {
      return List.of(dir);
    }
    notes.addAll(unread);
    return List.copyOf(corpusOf.keySet());
  }

  /**
   * Which corpus a folder holds, by the reader detection chooses: the corpus a file-name reader
   * names, or the folder itself for a manifest or emotion folders.
   *
   * @throws IllegalArgumentException when detection finds no corpus there
   */
  private static String identity(Path dir, List<Path> wavs) throws IOException {
    Detection d = detect(dir, wavs);
    if (d.kind().byFileName()) {
      return wavs.stream().map(w -> d.kind().reader().read(dir, w)).filter(NameReading::isOk)
          .map(r -> r.label().corpus()).findFirst().orElseThrow();
    }
    return d.kind().cliName() + ":" + dir;
  }

  /** The reader chosen for a directory and how. */
  record Detection(CorpusKind kind, String how) {}

  /** Chooses a reader for a directory by its file names (see the class comment). */
  static Detection detect(Path root, List<Path> wavs) throws IOException {
    CorpusKind best = null;
    int bestCount = 0;
    Map<CorpusKind, Integer> counts = new LinkedHashMap<>();
    for (CorpusKind k : CorpusKind.values()) {
      if (!k.byFileName()) {
        continue;
      }
      int n = (int) wavs.stream().filter(w -> k.reader().read(root, w).isOk()).count();
      counts.put(k, n);
      if (n > bestCount) {
        best = k;
        bestCount = n;
      }
    }
    if (best != null && 2 * bestCount >= wavs.size()) {
      return new Detection(best, "detected from file names (" + bestCount + " of " + wavs.size() + " WAV names)");
    }
    if (ManifestReader.single(root).isPresent()) {
      return new Detection(CorpusKind.MANIFEST, "detected a manifest file");
    }
    int inFolders = (int) wavs.stream().filter(w -> CorpusKind.FOLDER.reader().read(root, w).isOk()).count();
    if (inFolders > 0 && 2 * inFolders >= wavs.size()) {
      return new Detection(CorpusKind.FOLDER, "detected emotion folders (" + inFolders + " of " + wavs.size() + " WAV files)");
    }
    if (wavs.isEmpty()) {
      throw new IllegalArgumentException(root + ": no WAV files and no manifest found");
    }
    String tally = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().cliName())
        .collect(Collectors.joining(", "));
    throw new IllegalArgumentException(root + ": cannot tell which corpus this is: of " + wavs.size()
        + " WAV files, names read as " + tally + ", " + inFolders
        + " in emotion folders, and no manifest; use --corpus KIND (" + CorpusKind.names() + ")");
  }
}
