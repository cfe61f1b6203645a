package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.audio.Audio;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavWriter;
import art.empathic.features.dsp.MfccConfig;
import art.empathic.features.dsp.MfccExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.app.MainTest;

/** {@code empathic-art mfcc} through the real command line, on a synthesised WAV. */
class MfccCommandTest {
  static final int SR = 16000;
  @TempDir static Path dir;
  static Path wav;
  static Audio audio;

  @BeforeAll
  static void writeClip() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    float[] y = new float[SR / 2];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / SR) + 0.05 * (r.nextDouble() - 0.5));
    }
    wav = dir.resolve("voice.wav");
    WavWriter.pcm16().write(wav, new Audio(y, SR));
    // What the command will see after 16-bit quantisation, computed without the command.
    audio = art.empathic.audio.WavReader.read(wav);
  }

  /** The CSV as [frame][coefficient], checking every line has the same width. */
  static float[][] parse(String csv) {
    List<String> lines = csv.lines().toList();
    float[][] rows = new float[lines.size()][];
    for (int t = 0; t < rows.length; t++) {
      String[] cells = lines.get(t).split(",");
      rows[t] = new float[cells.length];
      for (int k = 0; k < cells.length; k++) {
        rows[t][k] = Float.parseFloat(cells[k]);
      }
      assertThat(rows[t]).hasSameSizeAs(rows[0]);
    }
    return rows;
  }

  static void assertSameAsExtractor(float[][] rows, float[][] mfcc) {
    assertThat(rows).hasNumberOfRows(mfcc[0].length);
    for (int t = 0; t < rows.length; t++) {
      assertThat(rows[t]).hasSize(mfcc.length);
      for (int k = 0; k < mfcc.length; k++) {
        assertThat(rows[t][k]).as("frame %d coefficient %d", t, k).isEqualTo(mfcc[k][t]); // exact round trip
      }
    }
  }

  @Test
  void defaultsAreFortyLibrosaMfccPerFrameAtTheFilesRate() {
    MainTest.Result r = MainTest.run("mfcc", wav.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    float[][] rows = parse(r.out());
    assertThat(rows).hasNumberOfRows(16); // 1 + 8000 // 512
    assertSameAsExtractor(rows, new MfccExtractor(MfccConfig.librosaDefaults(SR)).mfcc(audio.samples()));
  }

  @Test
  void everyParameterReachesTheExtractor() {
    MainTest.Result r = MainTest.run("mfcc", wav.toString(), "--n-mfcc", "13", "--n-fft", "512", "--hop-length", "160",
        "--n-mels", "40", "--fmin", "50", "--fmax", "4000", "--no-center", "--top-db", "none");
    assertThat(r.code()).as(r.err()).isZero();
    MfccConfig config = new MfccConfig(SR, 13, 512, 160, 512, 40, 50, 4000, false, null);
    assertSameAsExtractor(parse(r.out()), new MfccExtractor(config).mfcc(audio.samples()));

    MainTest.Result db = MainTest.run("mfcc", wav.toString(), "--top-db", "20");
    assertSameAsExtractor(parse(db.out()),
        new MfccExtractor(MfccConfig.librosaDefaults(SR).withTopDb(20.0)).mfcc(audio.samples()));
  }

  @Test
  void meanPrintsOneLine() {
    MainTest.Result r = MainTest.run("mfcc", wav.toString(), "--mean");
    assertThat(r.code()).as(r.err()).isZero();
    float[][] rows = parse(r.out());
    assertThat(rows).hasNumberOfRows(1);
    assertThat(rows[0]).containsExactly(
        MfccExtractor.timeMean(new MfccExtractor(MfccConfig.librosaDefaults(SR)).mfcc(audio.samples())));
  }

  @Test
  void srResamplesFirst() {
    MainTest.Result r = MainTest.run("mfcc", wav.toString(), "--sr", "8000");
    assertThat(r.code()).as(r.err()).isZero();
    float[][] rows = parse(r.out());
    assertThat(rows).hasNumberOfRows(8); // 4000 samples at 8 kHz: 1 + 4000 // 512
    assertSameAsExtractor(rows,
        new MfccExtractor(MfccConfig.librosaDefaults(8000)).mfcc(Resampler.resample(audio, 8000).samples()));
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws Exception {
    Path junk = dir.resolve("junk.wav");
    Files.writeString(junk, "this is not audio");
    MainTest.Result r = MainTest.run("mfcc", junk.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).contains("junk.wav").doesNotContain("\n").doesNotContain("Exception");

    MainTest.Result missing = MainTest.run("mfcc", dir.resolve("nope.wav").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.wav");

    MainTest.Result tooShort = MainTest.run("mfcc", wav.toString(), "--no-center", "--n-fft", "16384");
    assertThat(tooShort.code()).isEqualTo(2);
    assertThat(tooShort.err().strip()).contains("voice.wav").contains("n_fft=16384").doesNotContain("\n");

    MainTest.Result badParam = MainTest.run("mfcc", wav.toString(), "--n-mfcc", "200");
    assertThat(badParam.code()).isEqualTo(2);
    assertThat(badParam.err()).contains("n_mfcc");

    MainTest.Result badTopDb = MainTest.run("mfcc", wav.toString(), "--top-db", "loud");
    assertThat(badTopDb.code()).isEqualTo(2);
    assertThat(badTopDb.err()).contains("--top-db");
  }
}
