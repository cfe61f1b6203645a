package art.empathic.corpus.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {
  @TempDir Path dir;

  @Test
  void digestsMatchThePublishedTestVectors() throws IOException {
    Path abc = Files.writeString(dir.resolve("abc"), "abc");
    // RFC 1321 and FIPS 180-2 vectors for "abc".
    assertThat(Checksum.md5("900150983cd24fb0d6963f7d28e17f72").digestOf(abc)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    assertThat(Checksum.sha256("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad").digestOf(abc))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void verifyNamesTheFileAndBothValues() throws IOException {
    Path abc = Files.writeString(dir.resolve("abc"), "abc");
    Checksum.md5("900150983CD24FB0D6963F7D28E17F72").verify(abc, "the record"); // case does not matter
    assertThatThrownBy(() -> Checksum.md5("00000000000000000000000000000000").verify(abc, "the record"))
        .isInstanceOf(DownloadException.class)
        .hasMessageStartingWith("checksum mismatch for " + abc + ": md5 is 900150983cd24fb0d6963f7d28e17f72 but the record says"
            + " 00000000000000000000000000000000");
  }

  @Test
  void parsesZenodoFormsAndRejectsGarbage() {
    assertThat(Checksum.parseZenodo("md5:bc696df654c87fed845eb13823edef8a")).isEqualTo(Checksum.md5("bc696df654c87fed845eb13823edef8a"));
    assertThat(Checksum.parseZenodo("bc696df654c87fed845eb13823edef8a").algorithm()).isEqualTo("MD5");
    assertThatThrownBy(() -> Checksum.md5("xyz")).hasMessageContaining("32 hex digits");
    assertThatThrownBy(() -> Checksum.sha256("bc696df654c87fed845eb13823edef8a")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> Checksum.parseZenodo("crc32:1234")).hasMessageContaining("unsupported");
  }
}
