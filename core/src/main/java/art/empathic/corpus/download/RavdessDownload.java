package art.empathic.corpus.download;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gets the RAVDESS speech corpus onto this machine: the official audio-only speech archive from
 * Zenodo, downloaded resumably, verified against the checksum Zenodo lists, unpacked safely into
 * a temporary sibling folder and moved into place only when complete. A complete folder already
 * in place is left alone; a downloaded archive is never thrown away on failure.
 */
public final class RavdessDownload {
  public static final String RECORD_PAGE = "https://zenodo.org/records/1188976";
  public static final String DOI = "10.5281/zenodo.1188976";
  public static final String ARCHIVE_NAME = "Audio_Speech_Actors_01-24.zip";
  public static final URI ARCHIVE_URL = URI.create(RECORD_PAGE + "/files/" + ARCHIVE_NAME + "?download=1");
  public static final URI RECORD_API = URI.create("https://zenodo.org/api/records/1188976");
  /**
   * The archive's MD5 and size as Zenodo lists them for record 1188976, pinned for when the
   * record API cannot be reached (the API's value wins when it can).
   */
  public static final Checksum PINNED_MD5 = Checksum.md5("bc696df654c87fed845eb13823edef8a");
  public static final long PINNED_SIZE = 208_468_073L;
  /** 24 actors x 60 clips. */
  public static final int EXPECTED_WAVS = 1440;
  public static final String LICENCE = "CC BY-NC-SA 4.0";
  public static final String LICENCE_URL = "https://creativecommons.org/licenses/by-nc-sa/4.0/";
  public static final String CITATION = "Livingstone SR, Russo FA (2018) The Ryerson Audio-Visual Database of"
      + " Emotional Speech and Song (RAVDESS): A dynamic, multimodal set of facial and vocal expressions in North"
      + " American English. PLoS ONE 13(5): e0196391. https://doi.org/10.1371/journal.pone.0196391";

  private static final Pattern ACTOR = Pattern.compile("Actor_(0[1-9]|1[0-9]|2[0-4])");
  private static final Pattern README_OR_LICENCE = Pattern.compile("(?i)(readme|licen[cs]e|copying)([._-].*)?");
  private static final String SOURCE_FILE = "SOURCE.txt";

  /**
   * Where the archive comes from and how to check it.
   *
   * @param archiveUrl the ZIP to download (http or https)
   * @param recordApi a Zenodo record API address to read the current checksum and size from, or
   *     null not to ask
   * @param checksum the expected digest when the record is not asked or cannot be read, or null
   * @param size the expected size in bytes, or -1
   * @param checksumOrigin who vouches for {@code checksum}, for messages
   */
  public record Source(URI archiveUrl, URI recordApi, Checksum checksum, long size, String checksumOrigin) {
    public Source {
      String scheme = archiveUrl.getScheme() == null ? "" : archiveUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException("not an http(s) address: " + archiveUrl);
      }
    }

    /** The official archive, checked against Zenodo's record (or the pinned MD5 if it is unreachable). */
    public static Source official() {
      return new Source(ARCHIVE_URL, RECORD_API, PINNED_MD5, PINNED_SIZE, "the checksum pinned in empathic-art");
    }

    /** Any address, checked against {@code checksum} if given (else only the file count is checked). */
    public static Source custom(URI url, Checksum checksum) {
      return new Source(url, null, checksum, -1, "the given checksum");
    }

    /** The archive's file name: the last path segment of the address, made safe for a file name. */
    public String archiveName() {
      String path = archiveUrl.getPath() == null ? "" : archiveUrl.getPath();
      String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
      return last.isEmpty() || last.startsWith(".") ? "ravdess-download.zip" : last;
    }
  }

  /**
   * What to install where.
   *
   * @param target the folder to create, holding {@code Actor_01 .. Actor_24}
   * @param expectedWavs WAV files a complete set has ({@link #EXPECTED_WAVS}; tests use fewer)
   */
  public record Request(Path target, Source source, boolean keepArchive, int expectedWavs, SafeUnzip.Limits limits,
      HttpTransfer.Settings transfer) {
    public static Request of(Path target, Source source) {
      return new Request(target, source, false, EXPECTED_WAVS, SafeUnzip.Limits.DEFAULT, HttpTransfer.Settings.DEFAULT);
    }

    public Request keepingArchive(boolean keep) {
      return new Request(target, source, keep, expectedWavs, limits, transfer);
    }

    public Request expecting(int wavs) {
      return new Request(target, source, keepArchive, wavs, limits, transfer);
    }

    public Request withLimits(SafeUnzip.Limits l) {
      return new Request(target, source, keepArchive, expectedWavs, l, transfer);
    }

    public Request withTransfer(HttpTransfer.Settings t) {
      return new Request(target, source, keepArchive, expectedWavs, limits, t);
    }
  }

  public enum Status { ALREADY_PRESENT, INSTALLED }

  /**
   * The outcome: where the corpus is, how many WAV files it has, how the archive was verified,
   * and where the archive is if it was kept (else null).
   */
  public record Result(Status status, Path target, int wavFiles, String verification, Path keptArchive) {}

  private record Expected(Checksum checksum, long size, String origin) {}

  private RavdessDownload() {}

  /** {@code $XDG_DATA_HOME/empathic-art/data/ravdess}, by default {@code ~/.local/share/...}. */
  public static Path defaultTarget() {
    return defaultTarget(System.getenv("XDG_DATA_HOME"), System.getProperty("user.home"));
  }

  static Path defaultTarget(String xdgDataHome, String userHome) {
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    Path base = xdgDataHome != null && !xdgDataHome.isBlank() && Path.of(xdgDataHome).isAbsolute()
        ? Path.of(xdgDataHome)
        : Path.of(userHome, ".local", "share");
    return base.resolve("empathic-art").resolve("data").resolve("ravdess");
  }

  /** WAV files in {@code Actor_01 .. Actor_24} directly under {@code dir} (0 if it is no folder). */
  public static int countWavs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> actors = Files.newDirectoryStream(dir,
        p -> Files.isDirectory(p) && ACTOR.matcher(p.getFileName().toString()).matches())) {
      for (Path actor : actors) {
        try (Stream<Path> files = Files.list(actor)) {
          n += (int) files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")
              && Files.isRegularFile(f)).count();
        }
      }
    }
    return n;
  }

  /**
   * Where an archive entry goes: {@code Actor_NN/name.wav} (below at most one wrapping folder)
   * keeps that path, a top-level README or licence keeps its name; everything else is left out.
   */
  public static Optional<String> placement(String entryPath) {
    String[] parts = entryPath.split("/");
    String file = parts[parts.length - 1];
    if (parts.length == 1 && README_OR_LICENCE.matcher(file).matches()) {
      return Optional.of(file);
    }
    boolean wav = file.toLowerCase(Locale.ROOT).endsWith(".wav") && !file.startsWith(".");
    if (wav && (parts.length == 2 || parts.length == 3) && ACTOR.matcher(parts[parts.length - 2]).matches()
        && !List.of(parts).contains("__MACOSX")) {
      return Optional.of(parts[parts.length - 2] + "/" + file);
    }
    return Optional.empty();
  }

  /**
   * Downloads, verifies and unpacks RAVDESS into {@code request.target()}, or leaves a complete
   * folder there alone.
   *
   * @throws DownloadException with a one-line message on network, HTTP, checksum or archive
   *     problems; the target is then untouched and any downloaded bytes are kept
   */
  @SuppressWarnings("try") // the lock is held for the try block's duration, never read
  public static Result install(Request request, DownloadListener listener) throws IOException {
    Path target = request.target().toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null) {
      throw new DownloadException("cannot install RAVDESS into " + target + ": choose a folder below it");
    }
    Optional<Result> present = alreadyPresent(target, request.expectedWavs());
    if (present.isPresent()) {
      return present.get();
    }
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    try (DirectoryLock lock = DirectoryLock.acquire(parent.resolve("." + name + ".lock"))) {
      present = alreadyPresent(target, request.expectedWavs()); // another run may have finished meanwhile
      if (present.isPresent()) {
        return present.get();
      }
      removeLeftoverStaging(parent, name, listener);
      Source source = request.source();
      HttpTransfer http = new HttpTransfer(request.transfer(), listener);
      Expected expected = expectation(source, http, listener);
      Path archive = parent.resolve(source.archiveName());
      if (Files.isRegularFile(archive)) {
        listener.info("Using " + archive + " from an earlier download");
        verify(archive, expected, listener);
      } else {
        Path part = parent.resolve(source.archiveName() + ".part");
        ensureSpace(parent, expected.size() - (Files.exists(part) ? Files.size(part) : 0), archive);
        listener.info("Downloading " + source.archiveUrl() + " to " + part);
        http.download(source.archiveUrl(), part, expected.size());
        verify(part, expected, listener);
        Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
      }
      int wavs = unpackInPlace(archive, target, source, expected, request, listener);
      if (!request.keepArchive()) {
        Files.delete(archive);
      }
      return new Result(Status.INSTALLED, target, wavs, verification(source, expected),
          request.keepArchive() ? archive : null);
    }
  }

  private static Optional<Result> alreadyPresent(Path target, int expectedWavs) throws IOException {
    if (!Files.exists(target)) {
      return Optional.empty();
    }
    int wavs = countWavs(target);
    if (wavs == expectedWavs) {
      return Optional.of(new Result(Status.ALREADY_PRESENT, target, wavs, "already in place, left untouched", null));
    }
    throw new DownloadException(target + " already exists but is not a complete RAVDESS speech set (" + wavs + " of "
        + expectedWavs + " WAV files in Actor_01..Actor_24); move it away or choose another folder");
  }

  private static Expected expectation(Source source, HttpTransfer http, DownloadListener listener) {
    if (source.recordApi() != null) {
      try {
        listener.info("Reading the archive's checksum from " + source.recordApi());
        String json = http.getText(source.recordApi(), 4 << 20);
        ZenodoRecord.ListedFile listed = ZenodoRecord.find(json, source.archiveName(), source.recordApi().toString());
        if (source.checksum() != null && !source.checksum().equals(listed.checksum())) {
          listener.info("Note: the record lists " + listed.checksum() + ", not " + source.checksum() + " ("
              + source.checksumOrigin() + "); trusting the record");
        }
        return new Expected(listed.checksum(), listed.size(), "Zenodo's record (" + source.recordApi() + ")");
      } catch (IOException e) {
        listener.info("Could not read the record (" + e.getMessage() + ")"
            + (source.checksum() != null ? "; verifying against " + source.checksumOrigin() : ""));
      }
    }
    return new Expected(source.checksum(), source.size(), source.checksumOrigin());
  }

  private static void verify(Path file, Expected expected, DownloadListener listener) throws IOException {
    if (expected.size() >= 0 && Files.size(file) != expected.size()) {
      throw new DownloadException(file + " has " + Files.size(file) + " bytes but " + expected.origin() + " says "
          + expected.size() + "; the file is kept: delete it and run again to download it afresh");
    }
    if (expected.checksum() == null) {
      listener.info("Could not verify " + file.getFileName() + ": no checksum is known (give --md5 or --sha256)");
      return;
    }
    listener.info("Verifying " + expected.checksum().label() + " of " + file.getFileName());
    expected.checksum().verify(file, expected.origin());
  }

  private static String verification(Source source, Expected expected) {
    return expected.checksum() == null
        ? "NOT verified: no checksum known for " + source.archiveUrl() + " (only the file count was checked)"
        : expected.checksum() + " matches " + expected.origin();
  }

  /** Unpacks into a temporary sibling, checks it, and renames it to {@code target}; returns the WAV count. */
  private static int unpackInPlace(Path archive, Path target, Source source, Expected expected, Request request,
      DownloadListener listener) throws IOException {
    // Not Files.createTempDirectory: its 0700 mode would stay on the corpus folder after the move.
    Path staging = Files.createDirectory(target.resolveSibling(
        "." + target.getFileName() + ".unpack-" + Long.toHexString(new SecureRandom().nextLong())));
    try {
      SafeUnzip.Result unpacked = SafeUnzip.unzip(archive, staging, RavdessDownload::placement, request.limits(), listener);
      if (!unpacked.skipped().isEmpty()) {
        listener.info("Left out " + unpacked.skipped().size() + " entries that are not RAVDESS speech WAV files");
      }
      int wavs = countWavs(staging);
      if (wavs != request.expectedWavs()) {
        throw new DownloadException(archive + " holds " + wavs + " WAV files in Actor_01..Actor_24, not the "
            + request.expectedWavs() + " of RAVDESS speech (is it " + ARCHIVE_NAME + "?); the archive is kept, nothing was installed");
      }
      Files.writeString(staging.resolve(SOURCE_FILE), provenance(source, expected));
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return wavs;
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  private static String provenance(Source source, Expected expected) {
    return "RAVDESS speech, audio only (" + ARCHIVE_NAME + "), unpacked by 'empathic-art datasets download ravdess'\n"
        + "Downloaded: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " from " + source.archiveUrl() + "\n"
        + "Record: " + RECORD_PAGE + " (doi:" + DOI + ")\n"
        + "Verified: " + verification(source, expected) + "\n"
        + "Licence: " + LICENCE + " (" + LICENCE_URL + "): attribution, non-commercial, share-alike.\n"
        + "Do not commit these files or anything derived from them.\n"
        + "Cite: " + CITATION + "\n";
  }

  private static void ensureSpace(Path dir, long bytesNeeded, Path archive) throws IOException {
    long free = Files.getFileStore(dir).getUsableSpace();
    if (bytesNeeded > 0 && bytesNeeded > free) {
      throw new DownloadException("not enough space in " + dir + " for " + archive.getFileName() + ": "
          + HttpTransfer.megabytes(bytesNeeded) + " to download, " + HttpTransfer.megabytes(free) + " free");
    }
  }

  private static void removeLeftoverStaging(Path parent, String name, DownloadListener listener) throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent, "." + name + ".unpack-*")) {
      for (Path p : leftovers) {
        listener.info("Removing " + p + ", left by an interrupted earlier run");
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) { // does not follow links
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Keeps two downloads from writing the same files at once. */
  private static final class DirectoryLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
      this.file = file;
      this.channel = channel;
      this.lock = lock;
    }

    static DirectoryLock acquire(Path file) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new DownloadException("another download into " + file.getParent() + " is running (it holds " + file + ")");
      }
      return new DirectoryLock(file, channel, lock);
    }

    @Override
    public void close() throws IOException {
      try {
        Files.deleteIfExists(file);
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
