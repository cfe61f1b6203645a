package art.empathic.corpus.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole download against a local fake of Zenodo; never the internet. */
class RavdessDownloadTest {
  private static final HttpTransfer.Settings ONE_TRY = new HttpTransfer.Settings(1, Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(5));
  private static final HttpTransfer.Settings TWO_TRIES = new HttpTransfer.Settings(2, Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(5));

  @TempDir Path root;
  Path target;
  FakeZenodo zenodo;
  Map<String, byte[]> clips;
  byte[] archive;
  final List<String> lines = new ArrayList<>();
  final DownloadListener recorder = new DownloadListener() {
    @Override public void info(String line) {
      lines.add(line);
    }
    @Override public void progressStarted(String task, long total, long start, Unit unit) {
      lines.add("progress " + task + " " + start + "/" + total);
    }
    @Override public void progressed(long current) {}
    @Override public void progressFinished() {}
  };

  @BeforeEach
  void serve() throws IOException {
    target = root.resolve("data").resolve("ravdess");
    clips = TestArchives.ravdessLike(2, 3, 4000); // 6 clips of 8 KB noise: a ~48 KB archive
    archive = TestArchives.zip(clips);
    zenodo = new FakeZenodo();
    zenodo.archive = archive;
    zenodo.recordJson = FakeZenodo.recordJson(archive.length, "md5:" + TestArchives.md5(archive));
  }

  @AfterEach
  void stop() {
    zenodo.close();
  }

  /** Like {@link RavdessDownload.Source#official()}, pointed at the fake, with a wrong pinned value that must not be needed. */
  private RavdessDownload.Source viaRecord() {
    return new RavdessDownload.Source(zenodo.archiveUrl(), zenodo.recordApi(), null, -1, "the pinned checksum");
  }

  private RavdessDownload.Request request(RavdessDownload.Source source, HttpTransfer.Settings transfer) {
    return RavdessDownload.Request.of(target, source).expecting(clips.size()).withTransfer(transfer);
  }

  private RavdessDownload.Result install(RavdessDownload.Source source, HttpTransfer.Settings transfer) throws IOException {
    return RavdessDownload.install(request(source, transfer), recorder);
  }

  private Path part() {
    return target.resolveSibling(RavdessDownload.ARCHIVE_NAME + ".part");
  }

  private Path zipBeside() {
    return target.resolveSibling(RavdessDownload.ARCHIVE_NAME);
  }

  private List<String> namesBesideTarget() throws IOException {
    try (Stream<Path> s = Files.list(target.getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void assertUnpackedExactly(Map<String, byte[]> expected) throws IOException {
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(target.resolve(e.getKey())).hasBinaryContent(e.getValue());
    }
    assertThat(RavdessDownload.countWavs(target)).isEqualTo(expected.size());
  }

  @Test
  void downloadsVerifiesAgainstTheRecordAndUnpacks() throws IOException {
    RavdessDownload.Result r = install(viaRecord(), ONE_TRY);

    assertThat(r.status()).isEqualTo(RavdessDownload.Status.INSTALLED);
    assertThat(r.target()).isEqualTo(target);
    assertThat(r.wavFiles()).isEqualTo(6);
    assertThat(r.verification()).isEqualTo("md5:" + TestArchives.md5(archive) + " matches Zenodo's record (" + zenodo.recordApi() + ")");
    assertThat(r.keptArchive()).isNull();
    assertUnpackedExactly(clips);
    assertThat(target.resolve("SOURCE.txt")).content().contains("CC BY-NC-SA 4.0", zenodo.archiveUrl().toString());
    // No archive, part file, staging folder or lock left behind.
    assertThat(namesBesideTarget()).containsExactly("ravdess");
    // The folder gets the mode any new folder gets here (not a temporary folder's 0700).
    Path fresh = Files.createDirectory(root.resolve("fresh"));
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(fresh));
    assertThat(zenodo.recordRequests.get()).isEqualTo(1);
    assertThat(zenodo.archiveRanges).containsExactly("");
    assertThat(lines).anyMatch(l -> l.startsWith("progress Downloading " + RavdessDownload.ARCHIVE_NAME + " 0/" + archive.length));
  }

  @Test
  void keepsTheArchiveWhenAsked() throws IOException {
    RavdessDownload.Result r = RavdessDownload.install(request(viaRecord(), ONE_TRY).keepingArchive(true), recorder);
    assertThat(r.keptArchive()).isEqualTo(zipBeside());
    assertThat(zipBeside()).hasBinaryContent(archive);
  }

  @Test
  void resumesAnInterruptedTransferWithARangeRequest() throws IOException {
    zenodo.dropFirstAfter = archive.length / 2;

    assertThatThrownBy(() -> install(viaRecord(), ONE_TRY))
        .isInstanceOf(DownloadException.class)
        .hasMessageStartingWith("download of " + zenodo.archiveUrl() + " interrupted at")
        .hasMessageContaining("run the same command again to resume");
    long kept = Files.size(part());
    assertThat(kept).isPositive().isLessThan(archive.length);
    assertThat(target).doesNotExist();

    RavdessDownload.Result r = install(viaRecord(), ONE_TRY);
    assertThat(r.status()).isEqualTo(RavdessDownload.Status.INSTALLED);
    assertThat(zenodo.archiveRanges).containsExactly("", "bytes=" + kept + "-");
    assertUnpackedExactly(clips);
    assertThat(part()).doesNotExist();
  }

  @Test
  void retriesByItselfAndResumes() throws IOException {
    zenodo.dropFirstAfter = archive.length / 3;
    RavdessDownload.Result r = install(viaRecord(), TWO_TRIES);
    assertThat(r.status()).isEqualTo(RavdessDownload.Status.INSTALLED);
    assertThat(zenodo.archiveRanges).hasSize(2);
    assertThat(zenodo.archiveRanges.get(1)).matches("bytes=[1-9][0-9]*-");
    assertThat(lines).anyMatch(l -> l.startsWith("Transfer interrupted at"));
    assertUnpackedExactly(clips);
  }

  @Test
  void startsCleanlyOverWhenTheServerIgnoresRange() throws IOException {
    zenodo.honourRange = false;
    zenodo.dropFirstAfter = archive.length / 2;
    RavdessDownload.Result r = install(viaRecord(), TWO_TRIES);
    // Had the full second answer been appended to the first half, the MD5 check would fail.
    assertThat(r.status()).isEqualTo(RavdessDownload.Status.INSTALLED);
    assertThat(zenodo.archiveRanges.get(1)).startsWith("bytes=");
    assertThat(lines).anyMatch(l -> l.contains("does not resume downloads; starting"));
    assertUnpackedExactly(clips);
  }

  @Test
  void aChecksumMismatchInstallsNothingAndKeepsTheDownload() throws IOException {
    zenodo.recordJson = FakeZenodo.recordJson(archive.length, "md5:0123456789abcdef0123456789abcdef");

    assertThatThrownBy(() -> install(viaRecord(), ONE_TRY))
        .isInstanceOf(DownloadException.class)
        .hasMessageStartingWith("checksum mismatch for " + part() + ": md5 is " + TestArchives.md5(archive))
        .hasMessageContaining("says 0123456789abcdef0123456789abcdef");
    assertThat(target).doesNotExist();
    assertThat(part()).hasBinaryContent(archive);
    assertThat(namesBesideTarget()).containsExactly(RavdessDownload.ARCHIVE_NAME + ".part");
  }

  @Test
  void fallsBackToThePinnedChecksumWhenTheRecordIsUnreachable() throws IOException {
    RavdessDownload.Source pinned = new RavdessDownload.Source(zenodo.archiveUrl(), zenodo.url("/api/records/404"),
        Checksum.md5(TestArchives.md5(archive)), archive.length, "the checksum pinned in empathic-art");
    RavdessDownload.Result r = install(pinned, ONE_TRY);
    assertThat(r.verification()).isEqualTo("md5:" + TestArchives.md5(archive) + " matches the checksum pinned in empathic-art");
    assertThat(lines).anyMatch(l -> l.startsWith("Could not read the record (HTTP 404 Not Found from"));
    assertUnpackedExactly(clips);
  }

  @Test
  void aWrongPinnedChecksumIsCaughtWhenTheRecordIsUnreachable() {
    RavdessDownload.Source pinned = new RavdessDownload.Source(zenodo.archiveUrl(), zenodo.url("/api/records/404"),
        Checksum.md5("0123456789abcdef0123456789abcdef"), -1, "the checksum pinned in empathic-art");
    assertThatThrownBy(() -> install(pinned, ONE_TRY)).hasMessageStartingWith("checksum mismatch");
    assertThat(target).doesNotExist();
  }

  @Test
  void verifiesAGivenSha256ForACustomAddress() throws IOException {
    RavdessDownload.Result r = install(RavdessDownload.Source.custom(zenodo.archiveUrl(), Checksum.sha256(TestArchives.sha256(archive))), ONE_TRY);
    assertThat(r.verification()).isEqualTo("sha256:" + TestArchives.sha256(archive) + " matches the given checksum");
    assertThat(zenodo.recordRequests.get()).isZero();
  }

  @Test
  void saysWhenACustomAddressCannotBeVerified() throws IOException {
    RavdessDownload.Result r = install(RavdessDownload.Source.custom(zenodo.archiveUrl(), null), ONE_TRY);
    assertThat(r.status()).isEqualTo(RavdessDownload.Status.INSTALLED);
    assertThat(r.verification()).startsWith("NOT verified");
    assertThat(lines).anyMatch(l -> l.startsWith("Could not verify " + RavdessDownload.ARCHIVE_NAME));
  }

  @Test
  void refusesAZipSlipArchiveAndWritesNothingOutside() throws IOException {
    Map<String, byte[]> evil = new LinkedHashMap<>(clips);
    evil.put("Actor_01/../../evil.wav", TestArchives.tinyWav(9, 10));
    archive = TestArchives.zip(evil);
    zenodo.archive = archive;
    zenodo.recordJson = FakeZenodo.recordJson(archive.length, "md5:" + TestArchives.md5(archive));

    assertThatThrownBy(() -> install(viaRecord(), ONE_TRY))
        .isInstanceOf(DownloadException.class)
        .hasMessage("unsafe archive " + zipBeside() + ": entry \"Actor_01/../../evil.wav\" climbs out of the target with '..';"
            + " refusing to unpack it");
    assertThat(target).doesNotExist();
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil.wav");
    }
    // The verified download is kept (nothing downloaded is lost); no staging folder remains.
    assertThat(namesBesideTarget()).containsExactly(RavdessDownload.ARCHIVE_NAME);
  }

  @Test
  void refusesADecompressionBombAndCleansUp() throws IOException {
    archive = TestArchives.zipOfZeros("Actor_01/03-01-01-01-01-01-01.wav", 100L << 20);
    zenodo.archive = archive;
    zenodo.recordJson = FakeZenodo.recordJson(archive.length, "md5:" + TestArchives.md5(archive));

    assertThatThrownBy(() -> install(viaRecord(), ONE_TRY)).hasMessageContaining("decompression bomb");
    assertThat(target).doesNotExist();
    assertThat(namesBesideTarget()).containsExactly(RavdessDownload.ARCHIVE_NAME);
  }

  @Test
  void refusesAnArchiveWithTheWrongNumberOfClips() throws IOException {
    RavdessDownload.Request full = RavdessDownload.Request.of(target, viaRecord()).withTransfer(ONE_TRY);
    assertThatThrownBy(() -> RavdessDownload.install(full, recorder))
        .hasMessage(zipBeside() + " holds 6 WAV files in Actor_01..Actor_24, not the 1440 of RAVDESS speech (is it "
            + RavdessDownload.ARCHIVE_NAME + "?); the archive is kept, nothing was installed");
    assertThat(target).doesNotExist();
    assertThat(namesBesideTarget()).containsExactly(RavdessDownload.ARCHIVE_NAME);
  }

  @Test
  void reusesAVerifiedArchiveFromAnEarlierRun() throws IOException {
    Files.createDirectories(target.getParent());
    Files.write(zipBeside(), archive);
    RavdessDownload.Result r = install(viaRecord(), ONE_TRY);
    assertThat(r.status()).isEqualTo(RavdessDownload.Status.INSTALLED);
    assertThat(zenodo.archiveRanges).isEmpty();
    assertUnpackedExactly(clips);
  }

  @Test
  void leavesACompleteTargetAloneWithoutTouchingTheNetwork() throws IOException {
    for (Map.Entry<String, byte[]> e : clips.entrySet()) {
      Files.createDirectories(target.resolve(e.getKey()).getParent());
      Files.write(target.resolve(e.getKey()), new byte[] {1, 2, 3});
    }
    Path one = target.resolve(clips.keySet().iterator().next());
    FileTime before = Files.getLastModifiedTime(one);

    RavdessDownload.Result r = install(viaRecord(), ONE_TRY);
    assertThat(r.status()).isEqualTo(RavdessDownload.Status.ALREADY_PRESENT);
    assertThat(r.wavFiles()).isEqualTo(6);
    assertThat(one).hasBinaryContent(new byte[] {1, 2, 3});
    assertThat(Files.getLastModifiedTime(one)).isEqualTo(before);
    assertThat(zenodo.recordRequests.get()).isZero();
    assertThat(zenodo.archiveRanges).isEmpty();
  }

  @Test
  void refusesToReplaceAnIncompleteFolderSomeoneMade() throws IOException {
    Files.createDirectories(target.resolve("Actor_01"));
    Files.write(target.resolve("Actor_01/mine.wav"), new byte[] {7});

    assertThatThrownBy(() -> install(viaRecord(), ONE_TRY))
        .hasMessage(target + " already exists but is not a complete RAVDESS speech set (1 of 6 WAV files in"
            + " Actor_01..Actor_24); move it away or choose another folder");
    assertThat(target.resolve("Actor_01/mine.wav")).hasBinaryContent(new byte[] {7});
    assertThat(zenodo.archiveRanges).isEmpty();
  }

  @Test
  void refusesToRunBesideAnotherDownloadIntoTheSameFolder() throws IOException {
    Files.createDirectories(target.getParent());
    try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(target.resolveSibling(".ravdess.lock"),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = other.lock()) {
      assertThat(held.isValid()).isTrue();
      assertThatThrownBy(() -> install(viaRecord(), ONE_TRY))
          .hasMessage("another download into " + target.getParent() + " is running (it holds "
              + target.resolveSibling(".ravdess.lock") + ")");
    }
    assertThat(zenodo.archiveRanges).isEmpty();
  }

  @Test
  void removesStagingLeftByAKilledRun() throws IOException {
    Path leftover = Files.createDirectories(target.resolveSibling(".ravdess.unpack-123/Actor_01"));
    Files.write(leftover.resolve("x.wav"), new byte[] {1});
    install(viaRecord(), ONE_TRY);
    assertThat(namesBesideTarget()).containsExactly("ravdess");
  }

  @Test
  void reportsHttpErrorsInOneLine() {
    zenodo.archiveStatus = 404;
    assertThatThrownBy(() -> install(viaRecord(), ONE_TRY))
        .isInstanceOf(DownloadException.class)
        .hasMessage("HTTP 404 Not Found from " + zenodo.archiveUrl());
    assertThat(target).doesNotExist();
  }

  @Test
  void retriesServerErrorsThenGivesUpWithTheStatus() {
    zenodo.archiveStatus = 503;
    assertThatThrownBy(() -> install(viaRecord(), TWO_TRIES))
        .hasMessage("could not download " + zenodo.archiveUrl() + " (HTTP 503 Service Unavailable from " + zenodo.archiveUrl()
            + "; 2 attempts)");
    assertThat(zenodo.archiveRanges).hasSize(2);
  }

  @Test
  void reportsAnUnreachableServer() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/x.zip");
    assertThatThrownBy(() -> install(RavdessDownload.Source.custom(nowhere, null), ONE_TRY))
        .isInstanceOf(DownloadException.class)
        .hasMessage("could not download " + nowhere + " (cannot reach 127.0.0.1: connection refused or unreachable; 1 attempt)");
  }

  @Test
  void namesAnUnknownHostWithoutAskingTheNetwork() {
    // The chain Java's HttpClient throws for a name that does not resolve (no DNS query made here).
    java.net.ConnectException thrown = new java.net.ConnectException();
    thrown.initCause(new java.net.ConnectException().initCause(new java.nio.channels.UnresolvedAddressException()));
    assertThat(HttpTransfer.describeNetworkError(thrown)).isEqualTo("host name not found (offline?)");
    assertThat(HttpTransfer.describeNetworkError(new java.net.ConnectException())).isEqualTo("connection refused or unreachable");
    assertThat(HttpTransfer.describeNetworkError(new java.io.EOFException("EOF reached while reading"))).isEqualTo("EOF reached while reading");
  }

  @Test
  void treatsAStalledTransferAsInterrupted() throws IOException {
    zenodo.stallFirstAfter = archive.length / 2;
    HttpTransfer.Settings impatient = new HttpTransfer.Settings(1, Duration.ZERO, Duration.ofMillis(300), Duration.ofSeconds(5));
    assertThatThrownBy(() -> install(viaRecord(), impatient))
        .hasMessageContaining("(no data for 300 ms)")
        .hasMessageContaining("run the same command again to resume");
    assertThat(Files.size(part())).isEqualTo(archive.length / 2);
  }

  @Test
  void placesOnlyRavdessClipsAndTopLevelReadmes() {
    assertThat(RavdessDownload.placement("Actor_01/03-01-01-01-01-01-01.wav")).contains("Actor_01/03-01-01-01-01-01-01.wav");
    assertThat(RavdessDownload.placement("wrap/Actor_24/x.WAV")).contains("Actor_24/x.WAV");
    assertThat(RavdessDownload.placement("README.md")).contains("README.md");
    assertThat(RavdessDownload.placement("LICENSE")).contains("LICENSE");
    assertThat(RavdessDownload.placement("Actor_25/x.wav")).isEmpty();
    assertThat(RavdessDownload.placement("Actor_00/x.wav")).isEmpty();
    assertThat(RavdessDownload.placement("x.wav")).isEmpty();
    assertThat(RavdessDownload.placement("a/b/Actor_01/x.wav")).isEmpty();
    assertThat(RavdessDownload.placement("Actor_01/sub/x.wav")).isEmpty();
    assertThat(RavdessDownload.placement("__MACOSX/Actor_01/._x.wav")).isEmpty();
    assertThat(RavdessDownload.placement("Actor_01/.hidden.wav")).isEmpty();
    assertThat(RavdessDownload.placement("docs/README.md")).isEmpty();
  }

  @Test
  void defaultTargetFollowsXdg() {
    assertThat(RavdessDownload.defaultTarget("/xdg", "/home/u")).isEqualTo(Path.of("/xdg/empathic-art/data/ravdess"));
    assertThat(RavdessDownload.defaultTarget(null, "/home/u")).isEqualTo(Path.of("/home/u/.local/share/empathic-art/data/ravdess"));
    assertThat(RavdessDownload.defaultTarget("relative", "/home/u")).isEqualTo(Path.of("/home/u/.local/share/empathic-art/data/ravdess"));
  }

  @Test
  void officialSourceIsZenodosSpeechArchive() {
    RavdessDownload.Source s = RavdessDownload.Source.official();
    assertThat(s.archiveUrl()).hasToString("https://zenodo.org/records/1188976/files/Audio_Speech_Actors_01-24.zip?download=1");
    assertThat(s.recordApi()).hasToString("https://zenodo.org/api/records/1188976");
    assertThat(s.archiveName()).isEqualTo("Audio_Speech_Actors_01-24.zip");
    assertThatThrownBy(() -> RavdessDownload.Source.custom(URI.create("file:///etc/passwd"), null))
        .hasMessage("not an http(s) address: file:///etc/passwd");
  }
}
