package art.empathic.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.lab.LabRun;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.features.FeatureSpec;
import art.empathic.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's plumbing on a tiny folder (what it measures is for docs/BENCHMARKS.md, not tests). */
class BenchFeaturesCommandTest {
  @Test
  void timesTheSampleOnOneAndSeveralThreadsProfilesItsStagesAndWritesItsFunctionals(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 4; i++) {
      float[] y = new float[i == 2 ? 8000 : 16000]; // one clip at 8 kHz: resampled like the pipeline does
      int rate = i == 2 ? 8000 : 16000;
      for (int t = 0; t < y.length; t++) {
        y[t] = (float) (0.2 * Math.sin(2 * Math.PI * (150 + 50 * i) * t / rate));
      }
      WavWriter.pcm16().write(dir.resolve("clip" + i + ".wav"), new Audio(y, rate));
    }
    Files.writeString(dir.resolve("broken.wav"), "RIFF");
    Path npy = dir.resolve("out/java.npy");
    Files.createDirectories(npy.getParent());

    LabRun.Result r = LabRun.run("bench", "features", "--data", dir.toString(), "--clips", "4", "--repeat", "1",
        "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    // Files 0-3 of five in path order are sampled: broken.wav, clip0, clip1, clip2 (8 kHz, resampled).
    assertThat(r.out()).contains("3 clips, 3.0 s of audio").contains("skipped 1 unreadable").contains("broken.wav");
    assertThat(r.out()).containsPattern("1 thread: +median [0-9.]+ s of 1 passes.*clips/s, [0-9]+x real time");
    assertThat(r.out()).containsPattern("2 threads: +median [0-9.]+ s of 1 passes.*clips/s, [0-9]+x real time");
    assertThat(r.out()).contains("profile").contains("YIN").contains("functionals").contains("whole");

    LabRun.Result w = LabRun.run("bench", "features", "--data", dir.toString(), "--clips", "4", "--repeat", "1",
        "--write", npy.toString());
    assertThat(w.code()).isEqualTo(2);
    assertThat(w.err()).contains("--write needs every clip").contains("broken.wav");
    assertThat(npy).doesNotExist();
  }

  @Test
  void writesTheFunctionalsOfTheSampleInOrder(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 3; i++) {
      float[] y = new float[16000];
      for (int t = 0; t < y.length; t++) {
        y[t] = (float) (0.2 * Math.sin(2 * Math.PI * (150 + 100 * i) * t / 16000.0));
      }
      WavWriter.pcm16().write(dir.resolve("clip" + i + ".wav"), new Audio(y, 16000));
    }
    Path npy = dir.resolve("java.npy");
    LabRun.Result r = LabRun.run("bench", "features", "--data", dir.toString(), "--clips", "0", "--repeat", "1",
        "--threads", "1", "--write", npy.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Npy.Array a = Npy.read(npy);
    int size = art.empathic.features.dsp.Functionals.size(FeatureSpec.functionals(16000).mfcc());
    assertThat(a.shape()).containsExactly(3, size);
    // Higher tones have a higher F0 mean (the F0 row's first statistic): the rows are the clips in order.
    int f0Mean = 5 * (64 + 20);
    assertThat(a.data()[f0Mean]).isLessThan(a.data()[size + f0Mean]);
    assertThat(a.data()[size + f0Mean]).isLessThan(a.data()[2 * size + f0Mean]);
  }

  @Test
  void theSampleIsEvenlySpacedInPathOrder() {
    List<Path> files = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"), Path.of("f"));
    assertThat(BenchFeaturesCommand.sample(files, 3)).containsExactly(Path.of("a"), Path.of("c"), Path.of("e"));
    assertThat(BenchFeaturesCommand.sample(files, 0)).isEqualTo(files);
    assertThat(BenchFeaturesCommand.sample(files, 10)).isEqualTo(files);
  }
}
