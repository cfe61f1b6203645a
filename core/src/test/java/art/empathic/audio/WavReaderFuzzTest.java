package art.empathic.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link WavReader#decode}: whatever the bytes, the only exception allowed out is {@link
 * AudioFormatException} with a one-line message, and whatever decodes must be sane.
 *
 * <p>{@code mvn verify} replays the seed corpus in {@code
 * src/test/resources/art/empathic/audio/WavReaderFuzzTestInputs/decodeOnlyFailsWithAudioFormatException/}
 * (regenerate it with {@link FuzzSeedWriter}). For a real fuzzing run see docs/FUZZING.md:
 * {@code JAZZER_FUZZ=1 mvn -o test -Dtest=WavReaderFuzzTest -Djazzer.max_duration=10m}.
 */
class WavReaderFuzzTest {
  static final String NAME = "fuzz.wav";

  @FuzzTest(maxDuration = "5m")
  void decodeOnlyFailsWithAudioFormatException(byte[] bytes) {
    Audio audio;
    try {
      audio = WavReader.decode(bytes, NAME);
    } catch (AudioFormatException e) {
      assertThat(e.getMessage()).startsWith(NAME + ": ").doesNotContain("\n", "\r");
      assertThat(e.problem()).isNotBlank();
      return;
    }
    WavInfo info;
    try {
      info = WavReader.info(bytes, NAME);
    } catch (AudioFormatException e) {
      throw new AssertionError("decoded, but its header does not parse: " + e.getMessage(), e);
    }
    float[] samples = audio.samples();
    assertThat(audio.sampleRate()).isEqualTo(info.sampleRate()).isBetween(1, WavReader.MAX_SAMPLE_RATE);
    assertThat(samples.length).isPositive().isEqualTo(info.frames());
    assertThat((long) samples.length * info.blockAlign()).isLessThanOrEqualTo(bytes.length);
    boolean pcm = !info.encoding().isFloat();
    for (float s : samples) {
      if (!Float.isFinite(s) || (pcm && (s < -1f || s > 1f))) {
        throw new AssertionError("insane sample " + s + " decoded from " + info);
      }
    }
  }

  /**
   * The seed corpus holds a valid file of every encoding and broken ones (named bad-*), and
   * reading each from disk (streamed in blocks) gives what decoding its bytes gives.
   */
  @Test
  void seedCorpusHasAValidFileOfEveryEncodingAndFilesDecodeLikeBytes() throws IOException {
    Set<WavEncoding> seen = EnumSet.noneOf(WavEncoding.class);
    int bad = 0;
    try (Stream<Path> files = Files.list(seedDirectory())) {
      for (Path seed : (Iterable<Path>) files::iterator) {
        String name = seed.getFileName().toString();
        byte[] bytes = Files.readAllBytes(seed);
        Object fromFile = readOrProblem(() -> WavReader.read(seed));
        assertThat(fromFile).as(name).isEqualTo(readOrProblem(() -> WavReader.decode(bytes, seed.toString())));
        if (name.startsWith("valid-")) {
          assertThat(fromFile).as(name).isInstanceOf(List.class);
          seen.add(WavReader.info(bytes, name).encoding());
        } else {
          assertThat(name).startsWith("bad-");
          assertThat(fromFile).as(name).isInstanceOf(String.class);
          bad++;
        }
      }
    } catch (AudioFormatException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    assertThat(seen).containsExactlyInAnyOrder(WavEncoding.values());
    assertThat(bad).isGreaterThanOrEqualTo(5);
  }

  private interface Reading {
    Audio get() throws AudioFormatException;
  }

  /** The samples and rate as a comparable list, or the error message. */
  private static Object readOrProblem(Reading reading) {
    try {
      Audio audio = reading.get();
      return List.of(audio.sampleRate(), Arrays.toString(audio.samples()));
    } catch (AudioFormatException e) {
      return e.getMessage();
    }
  }

  static Path seedDirectory() {
    try {
      return Path.of(Objects.requireNonNull(WavReaderFuzzTest.class.getResource(
          "WavReaderFuzzTestInputs/decodeOnlyFailsWithAudioFormatException")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
