package art.empathic.features.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.corpus.DataLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handful of real RAVDESS clips against the numpy reference, run now into a temporary folder
 * (nothing derived from RAVDESS is ever committed). Skips when RAVDESS or numpy is missing.
 */
class MfccRavdessTest {
  static final Path REFERENCE = DataLocator.projectRoot().resolve("bench/peers/mfcc_reference.py");
  static final String PYTHON = "/usr/bin/python3";
  /** One clip from each of these actors: both sexes, different voices. */
  static final List<String> ACTORS = List.of("Actor_01", "Actor_04", "Actor_09", "Actor_14", "Actor_19", "Actor_24");

  @Test
  void realSpeechMatchesTheNumpyReference(@TempDir Path tmp) throws Exception {
    Optional<Path> ravdess = DataLocator.ravdess(null);
    Assumptions.assumeTrue(ravdess.isPresent(), "RAVDESS not found (flag, $" + DataLocator.ENV + ", ../shared/data): skipped");
    Assumptions.assumeTrue(numpyAvailable(), PYTHON + " with numpy not available: skipped");
    List<Path> clips = pickClips(ravdess.get());
    Assumptions.assumeTrue(!clips.isEmpty(), "no RAVDESS clips under " + ravdess.get() + ": skipped");
    int sampleRate = WavReader.read(clips.get(0)).sampleRate();

    List<String> report = new ArrayList<>();
    for (GoldenData.ParamSet set : GoldenData.sets().values()) {
      List<String> kinds = set.name().equals("librosa_default") ? List.of("mfcc", "meldb", "delta1") : List.of("mfcc");
      Path out = Files.createDirectories(tmp.resolve(set.name()));
      runReference(clips, set.flags(sampleRate), kinds, out);
      for (String kind : kinds) {
        double worst = 0;
        for (Path clip : clips) {
          Audio audio = WavReader.read(clip);
          MfccExtractor extractor = new MfccExtractor(set.config(audio.sampleRate()));
          String stem = clip.getFileName().toString().replaceFirst("\\.wav$", "");
          double diff = GoldenData.maxAbsDiff(GoldenData.compute(extractor, audio.samples(), kind),
              GoldenData.readCsv(out.resolve(stem + "." + kind + ".csv")));
          assertThat(diff).as("max |java - numpy| %s %s %s", clip.getFileName(), set.name(), kind)
              .isLessThanOrEqualTo(MfccGoldenTest.TOLERANCE);
          worst = Math.max(worst, diff);
        }
        report.add(String.format("RAVDESS max abs diff %-16s %-7s %.3g", set.name(), kind, worst));
      }
    }
    report.forEach(System.out::println);
  }

  static boolean numpyAvailable() {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(REFERENCE);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static List<Path> pickClips(Path ravdess) throws IOException {
    List<Path> clips = new ArrayList<>();
    for (String actor : ACTORS) {
      Path dir = ravdess.resolve(actor);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.filter(f -> f.toString().endsWith(".wav")).sorted().skip(7).findFirst().ifPresent(clips::add);
        }
      }
    }
    return clips;
  }

  static void runReference(List<Path> clips, List<String> flags, List<String> kinds, Path out) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, REFERENCE.toString()));
    clips.forEach(c -> cmd.add(c.toString()));
    cmd.addAll(flags);
    cmd.add("--kind");
    cmd.addAll(kinds);
    cmd.addAll(List.of("--out", out.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("reference finished").isTrue();
    assertThat(p.exitValue()).as("reference exit code; output: %s", log).isZero();
  }
}
