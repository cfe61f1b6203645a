package art.empathic.app.datasets;

import art.empathic.corpus.DataLocator;
import art.empathic.corpus.download.RavdessDownload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text a command prints when it finds no RAVDESS data: where it looked, and exactly how to
 * get the corpus (by hand from Zenodo, or with {@code ./empathic-art datasets download ravdess}),
 * with its licence and citation.
 */
public final class DataGuide {
  private DataGuide() {}

  /**
   * What to print when {@link DataLocator#ravdess(Path)} finds nothing.
   *
   * @param dataFlag the command's {@code --data} value, or null if not given
   */
  public static String noDataFound(Path dataFlag) {
    String property = System.getProperty(DataLocator.PROPERTY);
    if (dataFlag == null && property != null && !property.isBlank()) {
      dataFlag = Path.of(property);
    }
    return noDataFound(dataFlag, System.getenv(DataLocator.ENV),
        DataLocator.projectRoot().resolveSibling("shared").resolve("data"), RavdessDownload.defaultTarget());
  }

  /** {@link #noDataFound(Path)} with every location given, for tests. */
  static String noDataFound(Path dataFlag, String envValue, Path sharedData, Path defaultDownload) {
    StringBuilder s = new StringBuilder();
    s.append("No RAVDESS speech data found. Looked at, in this order (the first one set is used):\n");
    s.append(String.format("  --data                  %s%n",
        dataFlag == null ? "not given" : dataFlag + ": " + status(dataFlag)));
    s.append(String.format("  %-23s %s%n", DataLocator.ENV,
        envValue == null || envValue.isBlank() ? "not set" : envValue + ": " + status(Path.of(envValue))));
    s.append(String.format("  ../shared/data/ravdess  %s: %s%n", sharedData.resolve("ravdess"), status(sharedData)));
    s.append(String.format("  download folder         %s: %s%n", defaultDownload, status(defaultDownload)));
    if (dataFlag != null && count(defaultDownload) == RavdessDownload.EXPECTED_WAVS) {
      s.append("\nA complete download is at ").append(defaultDownload).append(": drop --data to use it.\n");
    }
    s.append('\n').append(howToGetRavdess(defaultDownload));
    return s.toString();
  }

  /** How to get RAVDESS, by command or by hand, with its licence and citation. */
  public static String howToGetRavdess() {
    return howToGetRavdess(RavdessDownload.defaultTarget());
  }

  static String howToGetRavdess(Path defaultDownload) {
    return "How to get RAVDESS (free for non-commercial use, about 208 MB to download):\n"
        + "\n"
        + "  Let empathic-art download, verify and unpack it (resumable; run it again if interrupted):\n"
        + "    ./empathic-art datasets download ravdess\n"
        + "  It goes to " + defaultDownload + ", where every command finds it; with --to DIR\n"
        + "  elsewhere, point the tools at it: " + useLine(Path.of("DIR")) + "\n"
        + "\n"
        + "  Or by hand:\n"
        + "    1. Open the Zenodo record " + RavdessDownload.RECORD_PAGE + " (doi:" + RavdessDownload.DOI + ").\n"
        + "    2. Download " + RavdessDownload.ARCHIVE_NAME + ", the audio-only speech part (208 MB, "
        + RavdessDownload.PINNED_MD5 + "):\n"
        + "         " + RavdessDownload.ARCHIVE_URL + "\n"
        + "    3. Unzip it so that <root>/ravdess/Actor_01/03-01-01-01-01-01-01.wav exists:\n"
        + "         mkdir -p <root>/ravdess && unzip " + RavdessDownload.ARCHIVE_NAME + " -d <root>/ravdess\n"
        + "    4. export " + DataLocator.ENV + "=<root>   (or pass --data <root>/ravdess to the command)\n"
        + "\n"
        + "Licence: RAVDESS is licensed " + RavdessDownload.LICENCE + " (" + RavdessDownload.LICENCE_URL + "):\n"
        + "attribution, non-commercial use only, share-alike. Do not commit it or anything derived from it.\n"
        + "Cite: " + RavdessDownload.CITATION + "\n";
  }

  /** The line that points the tools at a corpus folder. */
  static String useLine(Path corpus) {
    Path root = corpus.getFileName() != null && corpus.getFileName().toString().equals("ravdess") && corpus.getParent() != null
        ? corpus.getParent()
        : corpus;
    return "export " + DataLocator.ENV + "=" + root + "   (or pass --data " + corpus + ")";
  }

  private static String status(Path p) {
    if (!Files.exists(p)) {
      return "not found";
    }
    if (!Files.isDirectory(p)) {
      return "not a folder";
    }
    int n = count(p);
    return n == 0 ? "no RAVDESS WAV files in Actor_NN folders" : n + " WAV files";
  }

  /** WAVs in the folder or its {@code ravdess/} child, as DataLocator would resolve it. */
  private static int count(Path p) {
    try {
      Path corpus = Files.isDirectory(p.resolve("ravdess")) ? p.resolve("ravdess") : p;
      return RavdessDownload.countWavs(corpus);
    } catch (IOException e) {
      return 0; // an unreadable folder holds no usable data; the guide still prints
    }
  }
}
