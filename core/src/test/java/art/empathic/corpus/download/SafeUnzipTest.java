package art.empathic.corpus.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeUnzipTest {
  @TempDir Path root;
  Path target;

  @BeforeEach
  void makeTarget() throws IOException {
    target = Files.createDirectory(root.resolve("target"));
  }

  private Path write(byte[] zip) throws IOException {
    return Files.write(root.resolve("archive.zip"), zip);
  }

  private SafeUnzip.Result unzip(Path zip, SafeUnzip.Limits limits) throws IOException {
    return SafeUnzip.unzip(zip, target, RavdessDownload::placement, limits, DownloadListener.SILENT);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Every file below root, as root-relative strings. */
  private List<String> filesUnder(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    }
  }

  @Test
  void extractsWavsInActorFoldersAndReadmeOnly() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("Actor_01/", new byte[0]);
    entries.put("Actor_01/03-01-01-01-01-01-01.wav", TestArchives.tinyWav(1, 200));
    entries.put("Actor_24/03-01-02-01-01-01-24.wav", TestArchives.tinyWav(2, 200));
    entries.put("README.md", "about".getBytes());
    entries.put("notes.txt", "not wanted".getBytes());
    entries.put("Actor_01/cover.jpg", new byte[] {1, 2, 3});
    entries.put("__MACOSX/Actor_01/._03-01-01-01-01-01-01.wav", new byte[] {9});
    entries.put("Actor_25/03-01-01-01-01-01-25.wav", TestArchives.tinyWav(3, 10));
    SafeUnzip.Result r = unzip(write(TestArchives.zip(entries)), SafeUnzip.Limits.DEFAULT);

    assertThat(filesUnder(target)).containsExactly("target/Actor_01/03-01-01-01-01-01-01.wav",
        "target/Actor_24/03-01-02-01-01-01-24.wav", "target/README.md");
    assertThat(target.resolve("Actor_01/03-01-01-01-01-01-01.wav")).hasBinaryContent(TestArchives.tinyWav(1, 200));
    assertThat(r.extracted()).isEqualTo(3);
    assertThat(r.skipped()).hasSize(4);
  }

  @Test
  void dropsOneWrappingFolder() throws IOException {
    Map<String, byte[]> entries = Map.of("Audio_Speech_Actors_01-24/Actor_02/03-01-01-01-01-01-02.wav", TestArchives.tinyWav(4, 50));
    unzip(write(TestArchives.zip(entries)), SafeUnzip.Limits.DEFAULT);
    assertThat(filesUnder(target)).containsExactly("target/Actor_02/03-01-01-01-01-01-02.wav");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.wav", "/abs.wav", "Actor_01/../../x.wav", "Actor_01\\..\\..\\x.wav",
      "C:/Actor_01/x.wav", "C:\\evil.wav", "Actor_01/./../../../x.wav"})
  void rejectsEntriesThatCouldEscapeAndWritesNothing(String evil) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("Actor_01/03-01-01-01-01-01-01.wav", TestArchives.tinyWav(1, 50)); // a good entry first
    entries.put(evil, TestArchives.tinyWav(2, 50));
    Path zip = write(TestArchives.zip(entries));

    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT))
        .isInstanceOf(DownloadException.class)
        .hasMessageStartingWith("unsafe archive " + zip + ": entry \"" + evil + "\"")
        .hasMessageContaining("refusing to unpack");
    // Names are checked before anything is written: nothing inside, nothing beside.
    assertThat(filesUnder(root)).containsExactly("archive.zip");
    assertThat(Path.of("/abs.wav")).doesNotExist();
  }

  @Test
  void rejectsSymbolicLinkEntries() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("Actor_01/03-01-01-01-01-01-01.wav", TestArchives.tinyWav(1, 50));
    entries.put("Actor_01/03-01-02-01-01-01-01.wav", "/etc/passwd".getBytes());
    Path zip = write(TestArchives.markSymlink(TestArchives.zip(entries), "Actor_01/03-01-02-01-01-01-01.wav"));

    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("\"Actor_01/03-01-02-01-01-01-01.wav\" is a symbolic link");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void refusesAHighlyCompressibleBombFromItsHeaderWithDefaultLimits() throws IOException {
    long size = 100L << 20; // 100 MiB of zeros: ~100 KB compressed, beyond the per-entry cap
    Path zip = write(TestArchives.zipOfZeros("Actor_01/03-01-01-01-01-01-01.wav", size));

    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("declares 104857600 bytes")
        .hasMessageContaining("decompression bomb");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void stopsABombWithALyingHeaderWhileStreaming() throws IOException {
    String name = "Actor_01/03-01-01-01-01-01-01.wav";
    Path zip = write(TestArchives.claimSize(TestArchives.zipOfZeros(name, 100L << 20), name, 1000));

    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("expands more than 100 times its compressed size")
        .hasMessageContaining("decompression bomb");
    // Stopped a buffer past 100 x the compressed size (under the archive's ~100 KB), long before 100 MiB.
    long archiveBytes = Files.size(zip);
    assertThat(archiveBytes).isLessThan(200_000);
    assertThat(Files.size(target.resolve(name))).isLessThanOrEqualTo(100 * archiveBytes + (64 << 10));
  }

  @Test
  void countsBytesItselfWhenTheHeaderUnderstatesTheSize() throws IOException {
    String name = "Actor_01/03-01-01-01-01-01-01.wav";
    byte[] data = random(300_000, 7); // incompressible, so only the per-entry cap can stop it
    Path zip = write(TestArchives.claimSize(TestArchives.zip(Map.of(name, data)), name, 1000));
    SafeUnzip.Limits limits = new SafeUnzip.Limits(100, 100_000, 10_000_000, 1000);

    assertThatThrownBy(() -> unzip(zip, limits))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining("unpacks to more than the limit of 100000 bytes");
    assertThat(Files.size(target.resolve(name))).isLessThanOrEqualTo(100_000 + (64 << 10));
  }

  @Test
  void reportsAnEntryLongerThanItsHeaderSaysAsDamaged() throws IOException {
    String name = "Actor_01/03-01-01-01-01-01-01.wav";
    Path zip = write(TestArchives.claimSize(TestArchives.zip(Map.of(name, random(3000, 7))), name, 1000));
    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT))
        .hasMessage(zip + " is damaged: entry " + name + " holds 3000 bytes but declares 1000");
  }

  @Test
  void refusesAnEntryDeclaredBeyondThePerEntryCapBeforeWriting() throws IOException {
    Path zip = write(TestArchives.zip(Map.of("Actor_01/a.wav", random(50_000, 1))));
    assertThatThrownBy(() -> unzip(zip, new SafeUnzip.Limits(100, 40_000, 10_000_000, 1000)))
        .hasMessageContaining("declares 50000 bytes, more than the limit of 40000");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void stopsWhenAllEntriesTogetherPassTheTotalCap() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      entries.put("Actor_0" + i + "/x.wav", random(50_000, i));
    }
    Path zip = write(TestArchives.claimSize(TestArchives.zip(entries), "Actor_05/x.wav", 10));
    // Declared sizes say 200,010 bytes, so the total cap of 210,000 passes the up-front check;
    // the real fifth entry takes it to 250,000 and is stopped while streaming.
    assertThatThrownBy(() -> unzip(zip, new SafeUnzip.Limits(100, 1_000_000, 210_000, 1000)))
        .hasMessageContaining("past the limit of 210000 bytes in all");
    long written = 0;
    for (String f : filesUnder(target)) {
      written += Files.size(root.resolve(f));
    }
    assertThat(written).isLessThanOrEqualTo(210_000);
  }

  @Test
  void refusesTooManyEntriesBeforeWriting() throws IOException {
    Path zip = write(TestArchives.zip(TestArchives.ravdessLike(2, 6, 10)));
    assertThatThrownBy(() -> unzip(zip, new SafeUnzip.Limits(10, 1_000_000, 10_000_000, 1000)))
        .hasMessageContaining("has 12 entries, more than the limit of 10");
    assertThat(filesUnder(target)).isEmpty();
  }

  @Test
  void refusesTwoEntriesForTheSameFile() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("Actor_01/a.wav", TestArchives.tinyWav(1, 10));
    entries.put("wrap/Actor_01/a.wav", TestArchives.tinyWav(2, 10));
    Path zip = write(TestArchives.zip(entries));
    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT)).hasMessageContaining("would overwrite Actor_01/a.wav");
  }

  @Test
  void reportsAFileThatIsNoZip() throws IOException {
    Path zip = write(random(5000, 3));
    assertThatThrownBy(() -> unzip(zip, SafeUnzip.Limits.DEFAULT))
        .isInstanceOf(DownloadException.class)
        .hasMessageStartingWith(zip + " is not a ZIP archive");
  }

  @Test
  void reportsADamagedEntry() throws IOException {
    String name = "Actor_01/a.wav";
    byte[] zip = TestArchives.zip(Map.of(name, TestArchives.tinyWav(5, 4000)));
    for (int i = 60; i < 400; i++) {
      zip[i] ^= 0x5a; // inside the compressed data (the local header is 30 + name bytes)
    }
    Path file = write(zip);
    assertThatThrownBy(() -> unzip(file, SafeUnzip.Limits.DEFAULT))
        .isInstanceOf(DownloadException.class)
        .hasMessageContaining(file + " is damaged: entry Actor_01/a.wav");
  }

  @Test
  void entryNameCheckKeepsEveryAcceptedNameInsideTheTarget() {
    // Random names over the characters that matter; accepted ones must resolve inside the target.
    char[] alphabet = {'a', 'b', '.', '/', '\\', ':', 'C', '\0', ' '};
    Random r = new Random(42);
    Path base = Path.of("/t/target");
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = 1 + r.nextInt(12); n > 0; n--) {
        name.append(alphabet[r.nextInt(alphabet.length)]);
      }
      String safe;
      try {
        safe = SafeUnzip.safeEntryPath(name.toString());
      } catch (IllegalArgumentException rejected) {
        continue;
      }
      accepted++;
      Path resolved = base.resolve(safe).normalize();
      assertThat(resolved.startsWith(base) && !resolved.equals(base)).as("%s -> %s", name, safe).isTrue();
      assertThat(safe).doesNotContain("\\", ":", "\0").doesNotStartWith("/");
      assertThat(List.of(safe.split("/"))).doesNotContain("..", ".", "");
    }
    assertThat(accepted).as("some names pass").isGreaterThan(100);
  }

  @Test
  void entryNameCheckNormalisesHarmlessForms() {
    assertThat(SafeUnzip.safeEntryPath("./Actor_01//x.wav")).isEqualTo("Actor_01/x.wav");
    assertThatThrownBy(() -> SafeUnzip.safeEntryPath("a/../b")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> SafeUnzip.safeEntryPath("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> SafeUnzip.safeEntryPath("./")).hasMessageContaining("names no file");
  }

  @Test
  void placementFunctionIsHonoured() throws IOException {
    Function<String, Optional<String>> onlyReadme = p -> p.equals("README.txt") ? Optional.of("kept.txt") : Optional.empty();
    Path zip = write(TestArchives.zip(Map.of("README.txt", "hi".getBytes(), "Actor_01/a.wav", new byte[10])));
    SafeUnzip.unzip(zip, target, onlyReadme, SafeUnzip.Limits.DEFAULT, DownloadListener.SILENT);
    assertThat(filesUnder(target)).containsExactly("target/kept.txt");
  }
}
