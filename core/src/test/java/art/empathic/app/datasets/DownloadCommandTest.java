package art.empathic.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.Main;
import art.empathic.corpus.download.FakeZenodo;
import art.empathic.corpus.download.RavdessDownload;
import art.empathic.corpus.download.TestArchives;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, against a local server holding a full-size (1440 tiny clips) archive. */
class DownloadCommandTest {
  record Run(int code, String out, String err) {}

  private static final byte[] FULL_SIZE = TestArchives.zip(TestArchives.ravdessLike(24, 60, 8));

  @TempDir Path dir;
  FakeZenodo server;
  byte[] archive = FULL_SIZE;

  @BeforeEach
  void serve() throws IOException {
    server = new FakeZenodo();
    server.archive = archive;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void downloadsVerifiesAndSaysHowToUseIt() throws IOException {
    Path target = dir.resolve("data/ravdess");
    Run r = run("datasets", "download", "ravdess", "--to", target.toString(), "--url", server.archiveUrl().toString(),
        "--md5", TestArchives.md5(archive), "--keep-archive");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("RAVDESS speech is ready: 1440 WAV files in " + target)
        .contains("Verified: md5:" + TestArchives.md5(archive) + " matches the given checksum")
        .contains("Archive kept at " + target.resolveSibling(RavdessDownload.ARCHIVE_NAME))
        .contains("Use it: export EMPATHIC_ART_DATA=" + target.getParent() + "   (or pass --data " + target + ")")
        .contains("CC BY-NC-SA 4.0");
    assertThat(r.err()).contains("Downloading " + RavdessDownload.ARCHIVE_NAME).contains("Unpacking");
    assertThat(RavdessDownload.countWavs(target)).isEqualTo(1440);

    Run again = run("datasets", "download", "ravdess", "--to", target.toString(), "--url", server.archiveUrl().toString(),
        "--md5", TestArchives.md5(archive));
    assertThat(again.code()).isZero();
    assertThat(again.out()).startsWith("RAVDESS is already complete at " + target + " (1440 WAV files); left it untouched.");
    assertThat(server.archiveRanges).hasSize(1);
  }

  @Test
  void aChecksumMismatchIsOneLineAndExitCode2() {
    Path target = dir.resolve("ravdess");
    Run r = run("datasets", "download", "ravdess", "--to", target.toString(), "--url", server.archiveUrl().toString(),
        "--sha256", "0".repeat(64));
    assertThat(r.code()).isEqualTo(2);
    String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertThat(last).startsWith("empathic-art: error: checksum mismatch for "
        + target.resolveSibling(RavdessDownload.ARCHIVE_NAME + ".part") + ": sha256 is " + TestArchives.sha256(archive));
    assertThat(target).doesNotExist();
  }

  @Test
  void warnsWhenACustomAddressCannotBeVerifiedAndStillChecksTheClipCount() {
    server.archive = TestArchives.zip(TestArchives.ravdessLike(1, 2, 8)); // 2 clips, not 1440
    Path target = dir.resolve("r");
    Run r = run("datasets", "download", "ravdess", "--to", target.toString(), "--url", server.archiveUrl().toString());
    assertThat(r.err()).contains("Warning: cannot verify " + server.archiveUrl() + " without --md5 or --sha256")
        .contains("empathic-art: error: " + dir.resolve(RavdessDownload.ARCHIVE_NAME) + " holds 2 WAV files");
    assertThat(r.code()).isEqualTo(2);
    assertThat(target).doesNotExist();
  }

  @Test
  void rejectsBadArguments() {
    assertThat(run("datasets", "download", "emodb").err()).contains("unknown dataset 'emodb'; known: ravdess");
    assertThat(run("datasets", "download", "ravdess", "--md5", "1".repeat(32), "--sha256", "2".repeat(64)).code()).isEqualTo(2);
    assertThat(run("datasets", "download", "ravdess", "--url", "ftp://x/y.zip", "--md5", "1".repeat(32)).err())
        .contains("not an http(s) address: ftp://x/y.zip");
    assertThat(run("datasets", "download", "ravdess", "--md5", "xyz").err()).contains("not a MD5 checksum (32 hex digits): xyz");
  }

  @Test
  void helpDescribesTheOptions() {
    Run r = run("datasets", "download", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("DATASET", "ravdess", "--to", "--url", "--md5", "--sha256", "--keep-archive", "zenodo.org/records/1188976");
    assertThat(run("datasets").out()).contains("download");
  }
}
