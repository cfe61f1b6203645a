package art.empathic.lab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.lab.LabRun;

/** The benchmark's plumbing on a tiny folder (what it measures is for docs/BENCHMARKS.md, not tests). */
class BenchMfccCommandTest {
  @Test
  void timesEveryReadableClipOnOneAndOnSeveralThreadsAndNamesTheRest(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("speaker_a"));
    for (int i = 0; i < 3; i++) {
      float[] y = new float[16000];
      for (int t = 0; t < y.length; t++) {
        y[t] = (float) (0.2 * Math.sin(2 * Math.PI * (200 + 100 * i) * t / 16000.0));
      }
      WavWriter.pcm16().write(dir.resolve(i == 0 ? "a.wav" : "speaker_a/clip" + i + ".WAV"), new Audio(y, 16000));
    }
    Files.writeString(dir.resolve("speaker_a/broken.wav"), "RIFF");
    Files.writeString(dir.resolve("notes.txt"), "not a wav");

    LabRun.Result r = LabRun.run("bench", "mfcc", "--data", dir.toString(), "--repeat", "1", "--threads", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 clips, 3.0 s of audio");
    assertThat(r.out()).contains("skipped 1 unreadable").contains("broken.wav");
    assertThat(r.out()).containsPattern("1 thread: +median [0-9.]+ s of 1 passes.*clips/s, [0-9]+x real time");
    assertThat(r.out()).containsPattern("2 threads: +median [0-9.]+ s of 1 passes.*clips/s, [0-9]+x real time");
  }

  @Test
  void anEmptyFolderIsAClearError(@TempDir Path dir) {
    LabRun.Result r = LabRun.run("bench", "mfcc", "--data", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.toString()).contains("no .wav files");
  }

  @Test
  void benchAloneListsItsBenchmarks() {
    LabRun.Result r = LabRun.run("bench");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("mfcc");
  }
}
