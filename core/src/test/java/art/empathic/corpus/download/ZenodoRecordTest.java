package art.empathic.corpus.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZenodoRecordTest {
  private static final String NAME = "Audio_Speech_Actors_01-24.zip";

  @Test
  void readsTheCurrentApiShape() throws DownloadException {
    String json = """
        {"id": 1188976, "files": [
          {"id": "x", "key": "Video_Song_Actor_01.zip", "size": 5, "checksum": "md5:11111111111111111111111111111111"},
          {"id": "y", "key": "Audio_Speech_Actors_01-24.zip", "size": 208468073,
           "checksum": "md5:BC696DF654C87FED845EB13823EDEF8A", "links": {"self": "https://zenodo.org/x/content"}}]}
        """;
    ZenodoRecord.ListedFile f = ZenodoRecord.find(json, NAME, "the record");
    assertThat(f.size()).isEqualTo(208_468_073L);
    assertThat(f.checksum()).isEqualTo(new Checksum("MD5", "bc696df654c87fed845eb13823edef8a"));
  }

  @Test
  void readsTheLegacyShapeAndNestedEntries() throws DownloadException {
    String legacy = "{\"files\": [{\"filename\": \"" + NAME + "\", \"filesize\": 12, \"checksum\": \"0123456789abcdef0123456789abcdef\"}]}";
    assertThat(ZenodoRecord.find(legacy, NAME, "r").size()).isEqualTo(12);
    String nested = "{\"files\": {\"entries\": {\"" + NAME + "\": {\"key\": \"" + NAME + "\", \"size\": 7,"
        + " \"checksum\": \"md5:0123456789abcdef0123456789abcdef\"}}}}";
    assertThat(ZenodoRecord.find(nested, NAME, "r").size()).isEqualTo(7);
  }

  @Test
  void namesWhatIsMissing() {
    assertThatThrownBy(() -> ZenodoRecord.find("{\"files\": [{\"key\": \"other.zip\"}]}", NAME, "https://z/api"))
        .hasMessage("https://z/api does not list " + NAME + " (it lists [other.zip])");
    assertThatThrownBy(() -> ZenodoRecord.find("{\"message\": \"gone\"}", NAME, "https://z/api"))
        .hasMessage("https://z/api does not list " + NAME + " (no files at all)");
    assertThatThrownBy(() -> ZenodoRecord.find("<html>", NAME, "https://z/api"))
        .hasMessageStartingWith("https://z/api is not valid JSON");
    assertThatThrownBy(() -> ZenodoRecord.find("{\"files\": [{\"key\": \"" + NAME + "\", \"size\": 3, \"checksum\": \"crc:1\"}]}", NAME, "r"))
        .hasMessageStartingWith("r lists an unusable checksum for " + NAME);
  }
}
