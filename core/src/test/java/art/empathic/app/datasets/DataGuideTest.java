package art.empathic.app.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataGuideTest {
  @TempDir Path dir;

  @Test
  void tellsExactlyWhereToGetRavdessAndWhereToPutIt() {
    Path download = dir.resolve("xdg/empathic-art/data/ravdess");
    String text = DataGuide.noDataFound(null, null, dir.resolve("shared/data"), download);

    assertThat(text).startsWith("No RAVDESS speech data found.")
        .contains("https://zenodo.org/records/1188976", "doi:10.5281/zenodo.1188976")
        .contains("Audio_Speech_Actors_01-24.zip, the audio-only speech part (208 MB")
        .contains("https://zenodo.org/records/1188976/files/Audio_Speech_Actors_01-24.zip?download=1")
        .contains("md5:bc696df654c87fed845eb13823edef8a")
        .contains("<root>/ravdess/Actor_01/03-01-01-01-01-01-01.wav exists")
        .contains("export EMPATHIC_ART_DATA=<root>", "--data <root>/ravdess")
        .contains("./empathic-art datasets download ravdess")
        .contains("It goes to " + download + ", where every command finds it")
        .contains("  download folder         " + download + ": not found")
        .contains("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/", "non-commercial")
        .contains("Livingstone SR, Russo FA (2018)", "PLoS ONE 13(5): e0196391")
        .doesNotContain("A complete download is at");
  }

  @Test
  void saysWhatItFoundAtEachPlace() throws IOException {
    Path shared = Files.createDirectories(dir.resolve("shared/data/ravdess/Actor_01")).getParent().getParent();
    String text = DataGuide.noDataFound(dir.resolve("nope"), dir.resolve("file.txt").toString(), shared, dir.resolve("dl/ravdess"));
    Files.writeString(dir.resolve("file.txt"), "x");
    String again = DataGuide.noDataFound(dir.resolve("nope"), dir.resolve("file.txt").toString(), shared, dir.resolve("dl/ravdess"));

    assertThat(text).contains("  --data                  " + dir.resolve("nope") + ": not found\n");
    assertThat(again).contains("  EMPATHIC_ART_DATA       " + dir.resolve("file.txt") + ": not a folder\n");
    assertThat(text).contains("  ../shared/data/ravdess  " + shared.resolve("ravdess") + ": no RAVDESS WAV files in Actor_NN folders\n");
    assertThat(DataGuide.noDataFound(null, " ", shared, dir)).contains("EMPATHIC_ART_DATA       not set", "--data                  not given");
  }

  @Test
  void pointsAtACompleteDownloadThatAnExplicitDataFlagHides() throws IOException {
    Path download = dir.resolve("data/ravdess");
    for (int actor = 1; actor <= 24; actor++) {
      Path folder = Files.createDirectories(download.resolve(String.format("Actor_%02d", actor)));
      for (int clip = 0; clip < 60; clip++) {
        Files.createFile(folder.resolve(clip + ".wav"));
      }
    }
    String text = DataGuide.noDataFound(dir.resolve("elsewhere"), null, dir.resolve("shared/data"), download);
    assertThat(text).contains("A complete download is at " + download + ": drop --data to use it.");
    assertThat(DataGuide.noDataFound(null, null, dir.resolve("shared/data"), download)).doesNotContain("drop --data");
  }

  @Test
  void useLineNamesTheDataRootOnlyForAFolderCalledRavdess() {
    assertThat(DataGuide.useLine(Path.of("/d/ravdess"))).isEqualTo("export EMPATHIC_ART_DATA=/d   (or pass --data /d/ravdess)");
    assertThat(DataGuide.useLine(Path.of("/d/speech"))).isEqualTo("export EMPATHIC_ART_DATA=/d/speech   (or pass --data /d/speech)");
  }
}
