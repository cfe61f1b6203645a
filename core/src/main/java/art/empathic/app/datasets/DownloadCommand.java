package art.empathic.app.datasets;

import art.empathic.corpus.download.Checksum;
import art.empathic.corpus.download.RavdessDownload;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.util.ArrayList;
import java.util.List;

/** {@code datasets download ravdess}: fetch, verify and safely unpack the RAVDESS speech archive. */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = {
      "Download a public corpus, verify it and unpack it safely.",
      "Resumable: after an interruption, run the same command again.",
      "",
      "ravdess: the audio-only speech part of RAVDESS, " + RavdessDownload.ARCHIVE_NAME + " (about 208 MB, "
          + RavdessDownload.LICENCE + "), from the Zenodo record below, checked against the MD5 the record lists "
          + "and unpacked to 1440 WAV files in Actor_01..Actor_24.",
      "Record: " + RavdessDownload.RECORD_PAGE,
      ""
    })
final class DownloadCommand implements Callable<Integer> {
  static final class KnownDatasets extends ArrayList<String> {
    KnownDatasets() {
      super(List.of("ravdess"));
    }
  }

  static final class ExpectedChecksum {
    @Option(names = "--md5", paramLabel = "HEX", description = "Expected MD5 of the archive (for a custom --url).")
    String md5;

    @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the archive (for a custom --url).")
    String sha256;

    Checksum toChecksum() {
      return md5 != null ? Checksum.md5(md5.trim()) : Checksum.sha256(sha256.trim());
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = KnownDatasets.class,
      description = "The corpus to get: ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--to", paramLabel = "DIR",
      description = {"Folder to create, holding Actor_01..Actor_24; the archive is downloaded beside it.",
          "Default: $XDG_DATA_HOME/empathic-art/data/ravdess, else ~/.local/share/empathic-art/data/ravdess."})
  Path to;

  @Option(names = "--url", paramLabel = "URL",
      description = "Download from this address instead of Zenodo (a mirror); verified only with --md5 or --sha256.")
  URI url;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  ExpectedChecksum checksum;

  @Option(names = "--keep-archive", description = "Keep the downloaded ZIP beside the folder after unpacking.")
  boolean keepArchive;

  @Override
  public Integer call() throws Exception {
    if (!"ravdess".equals(dataset.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("unknown dataset '" + dataset + "'; known: ravdess");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Checksum expected = checksum == null ? null : checksum.toChecksum();
    RavdessDownload.Source source;
    if (url == null && expected == null) {
      source = RavdessDownload.Source.official();
    } else {
      source = RavdessDownload.Source.custom(url != null ? url : RavdessDownload.ARCHIVE_URL, expected);
      if (expected == null) {
        err.println("Warning: cannot verify " + url + " without --md5 or --sha256; only the unpacked file count will be checked");
      }
    }
    Path target = (to != null ? to : RavdessDownload.defaultTarget()).toAbsolutePath().normalize();
    RavdessDownload.Result result = RavdessDownload.install(
        RavdessDownload.Request.of(target, source).keepingArchive(keepArchive), new ConsoleProgress(err));
    if (result.status() == RavdessDownload.Status.ALREADY_PRESENT) {
      out.println("RAVDESS is already complete at " + result.target() + " (" + result.wavFiles()
          + " WAV files); left it untouched.");
    } else {
      out.println("RAVDESS speech is ready: " + result.wavFiles() + " WAV files in " + result.target());
      out.println("Verified: " + result.verification());
      if (result.keptArchive() != null) {
        out.println("Archive kept at " + result.keptArchive());
      }
    }
    out.println("Use it: " + DataGuide.useLine(result.target()));
    out.println("Licence: " + RavdessDownload.LICENCE + " (non-commercial, share-alike); cite Livingstone & Russo (2018),"
        + " doi:10.1371/journal.pone.0196391. Never commit the data or anything derived from it.");
    out.flush();
    return 0;
  }
}
