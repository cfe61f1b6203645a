package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.Emotion;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import art.empathic.app.MainTest;
import art.empathic.recognize.ClipAnalysisTest;
import art.empathic.recognize.Recognizers;
import art.empathic.recognize.TestWavs;
import art.empathic.recognize.ToneRecognizer;

class ArtCommandTest {
  @TempDir Path dir;
  Recognizers.Restore restore;

  @BeforeEach
  void serveTheToneRecognizer() {
    restore = Recognizers.override(runDir -> new ToneRecognizer());
  }

  @AfterEach
  void restore() {
    restore.close();
  }

  private static double warmth(BufferedImage img) {
    return art.empathic.app.art.ImageStats.of(img).warmth();
  }

  @Test
  void paintsTheClipsEmotionAsAPngOfTheAskedSizeTheSameEveryTime() throws Exception {
    Path angry = TestWavs.tone(dir.resolve("angry.wav"), Emotion.ANGRY, 1.5);
    Path calm = TestWavs.tone(dir.resolve("calm.wav"), Emotion.CALM, 1.5);
    Path a1 = dir.resolve("a1.png");
    Path a2 = dir.resolve("a2.png");
    Path c1 = dir.resolve("c1.png");

    MainTest.Result r = MainTest.run("art", angry.toString(), "-o", a1.toString(), "--size", "200x120", "--seed", "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Angry").contains(a1.toString()).contains("seed 3");
    assertThat(MainTest.run("art", angry.toString(), "-o", a2.toString(), "--size", "200x120", "--seed", "3").code()).isZero();
    assertThat(MainTest.run("art", calm.toString(), "-o", c1.toString(), "--size", "200x120", "--seed", "3").code()).isZero();

    assertThat(Files.readAllBytes(a1)).isEqualTo(Files.readAllBytes(a2));
    BufferedImage img = ImageIO.read(a1.toFile());
    assertThat(img.getWidth()).isEqualTo(200);
    assertThat(img.getHeight()).isEqualTo(120);
    assertThat(warmth(img)).isGreaterThan(warmth(ImageIO.read(c1.toFile())) + 30);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void withoutASeedTheClipChoosesOne() throws Exception {
    Path clip = TestWavs.tone(dir.resolve("happy.wav"), Emotion.HAPPY, 1);
    MainTest.Result a = MainTest.run("art", clip.toString(), "-o", dir.resolve("x.png").toString(), "--size", "64x64");
    MainTest.Result b = MainTest.run("art", clip.toString(), "-o", dir.resolve("y.png").toString(), "--size", "64x64");
    assertThat(a.out().replaceAll(".*seed ", "")).isEqualTo(b.out().replaceAll(".*seed ", ""));
    assertThat(Files.readAllBytes(dir.resolve("x.png"))).isEqualTo(Files.readAllBytes(dir.resolve("y.png")));
  }

  @Test
  void aLongClipIsPaintedAlongItsTimeline() throws Exception {
    Path clip = dir.resolve("calm-then-angry.wav");
    art.empathic.audio.WavWriter.pcm16().write(clip,
        new art.empathic.audio.Audio(ClipAnalysisTest.sequence(5, Emotion.CALM, Emotion.ANGRY), TestWavs.SR));
    Path reversed = dir.resolve("angry-then-calm.wav");
    art.empathic.audio.WavWriter.pcm16().write(reversed,
        new art.empathic.audio.Audio(ClipAnalysisTest.sequence(5, Emotion.ANGRY, Emotion.CALM), TestWavs.SR));
    assertThat(MainTest.run("art", clip.toString(), "-o", dir.resolve("ca.png").toString(), "--size", "160x100", "--seed", "1").code()).isZero();
    assertThat(MainTest.run("art", reversed.toString(), "-o", dir.resolve("ac.png").toString(), "--size", "160x100", "--seed", "1").code()).isZero();
    // Both hear the same mix overall; the picture ends in the clip's last mood.
    assertThat(warmth(ImageIO.read(dir.resolve("ca.png").toFile()))).isGreaterThan(warmth(ImageIO.read(dir.resolve("ac.png").toFile())));
  }

  @Test
  void errorsAreOneLineNamingTheProblem() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.wav"), "nope");
    Path clip = TestWavs.tone(dir.resolve("ok.wav"), Emotion.SAD, 1);
    MainTest.Result r = MainTest.run("art", bad.toString(), "-o", dir.resolve("p.png").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("empathic-art: error: " + bad).doesNotContain("\n");
    assertThat(Files.exists(dir.resolve("p.png"))).isFalse();
    assertThat(MainTest.run("art", clip.toString(), "-o", dir.resolve("p.png").toString(), "--size", "big").err())
        .contains("--size must be WIDTHxHEIGHT");
    assertThat(MainTest.run("art", clip.toString(), "-o", dir.resolve("p.jpg").toString()).err()).contains("must be a .png file");
    // A missing output folder is created, like every result file the toolkit writes.
    assertThat(MainTest.run("art", clip.toString(), "-o", dir.resolve("new/dir/p.png").toString(), "--size", "32x32")
        .code()).isZero();
    assertThat(dir.resolve("new/dir/p.png")).isRegularFile();
  }
}
