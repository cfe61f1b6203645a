package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.app.MainTest;
import art.empathic.audio.Audio;
import art.empathic.audio.WavWriter;
import art.empathic.corpus.Emotion;
import art.empathic.report.StudyReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "new voices" and "another corpus" sections {@code demo}'s report gains (issue 14), on
 * synthetic data: six speakers of {@link NewVoicesProductTest#voice} tones, one speaker-fold run
 * and one release model trained on them, and a small corpus with EmoDB's file names (German
 * letters for the emotions, neutral and boredom among them) as "another corpus".
 */
class NewVoicesSectionsTest {
  @TempDir static Path dir;
  static Path fold;
  static Path release;
  static Path emodb;

  @BeforeAll
  static void trainAFoldRunAndAReleaseModel() throws Exception {
    Random r = new Random(21);
    Path manifest = NewVoicesProductTest.toneCorpus(dir, 6, 2, r);
    fold = dir.resolve("fold-1");
    release = dir.resolve("release");
    for (List<String> split : List.of(List.of("--split", "speaker", "--fold", "1", "--out", fold.toString()),
        List.of("--split", "none", "--out", release.toString()))) {
      List<String> args = new ArrayList<>(List.of("train", "--model", "mlp", "--data", manifest.toString(), "--no-cache",
          "--no-progress", "--augment", "none", "--epochs", "40", "--normalize", "speaker"));
      args.addAll(split);
      MainTest.Result t = MainTest.run(args.toArray(String[]::new));
      assertThat(t.code()).as(t.err() + t.out()).isZero();
    }
    // EmoDB's names: speaker, text, emotion letter (W angry, E disgust, A fear, F happy, T sad,
    // N neutral, L boredom), version. Each letter gets the tone of its emotion; N and L a calm one.
    Map<Character, Emotion> letters = Map.of('W', Emotion.ANGRY, 'E', Emotion.DISGUST, 'A', Emotion.FEAR,
        'F', Emotion.HAPPY, 'T', Emotion.SAD, 'N', Emotion.CALM, 'L', Emotion.CALM);
    emodb = dir.resolve("emodb");
    for (String speaker : List.of("03", "08")) {
      for (Map.Entry<Character, Emotion> l : letters.entrySet()) {
        for (String text : List.of("a01", "a02")) {
          WavWriter.pcm16().write(emodb.resolve("wav").resolve(speaker + text + l.getKey() + "a.wav"),
              new Audio(NewVoicesProductTest.voice(l.getValue(), speaker.equals("03") ? 1 : 4, r, 1.0),
                  NewVoicesProductTest.SR));
        }
      }
    }
  }

  @Test
  void newVoicesHearsEachFoldAsTheApiAndASessionDoAndAsTheFoldItself() {
    StringWriter log = new StringWriter();
    StudyReport.Extra e = NewVoicesSections.newVoices(List.of(fold, dir.resolve("no-such-run")), new PrintWriter(log, true));
    assertThat(e.title()).isEqualTo("New voices");
    assertThat(e.headers()).containsExactly("fold", "public API, one clip", "session, after 30 s",
        "all of the speaker's clips");
    // One row for the readable run (one run: no mean row); the missing one is named and skipped.
    assertThat(e.rows()).hasSize(1);
    List<String> row = e.rows().get(0);
    assertThat(row.get(0)).isEqualTo("fold 1");
    // A per-speaker run is heard all three ways: every cell a percentage, none left blank.
    assertThat(row.subList(1, 4)).allMatch(c -> c.matches("\\d{1,3}\\.\\d%"));
    assertThat(log.toString()).contains("new voices, MLP").contains("fold 1: public API")
        .contains("new voices: skipped " + dir.resolve("no-such-run"));
  }

  @Test
  void anotherCorpusScoresTheReleaseModelOnTheSharedClassesOnly() throws Exception {
    StringWriter log = new StringWriter();
    StudyReport.Extra e = NewVoicesSections.anotherCorpus(release, emodb, new PrintWriter(log, true));
    assertThat(e.title()).isEqualTo("Another corpus");
    // Neutral and boredom are left out: 5 shared classes x 2 speakers x 2 texts.
    assertThat(e.rows()).hasSize(3).allMatch(r -> r.get(1).equals("20"));
    assertThat(e.rows()).extracting(r -> r.get(0)).containsExactly("accuracy, public API (one clip)",
        "UAR, public API (one clip)", "accuracy, session after 30 s of the speaker");
    assertThat(e.rows()).extracting(r -> r.get(2)).allMatch(c -> c.matches("\\d{1,3}\\.\\d%"));
    assertThat(String.join(" ", e.paragraphs())).contains("Angry, Disgust, Fear, Happy, Sad").contains("Chance is 20.0%");
    assertThat(log.toString()).contains("another corpus: release model on EmoDB (Angry, Disgust, Fear, Happy, Sad, 20 clips)");

    // Without EmoDB, or without a release model, the section says why it is empty.
    StudyReport.Extra missing = NewVoicesSections.anotherCorpus(release, dir.resolve("nowhere"), new PrintWriter(log));
    assertThat(missing.rows()).isEmpty();
    assertThat(missing.paragraphs().get(0)).startsWith("Skipped: EmoDB was not found at " + dir.resolve("nowhere"));
    assertThat(NewVoicesSections.anotherCorpus(null, emodb, new PrintWriter(log)).paragraphs())
        .containsExactly("Skipped: no release model was trained.");

    // Both sections reach the report, in its table of contents and as headed tables.
    StringWriter quiet = new StringWriter();
    StudyReport.Written w = StudyReport.write(dir.resolve("report"), new StudyReport.Study("Demo", List.of(), List.of(),
        List.of(NewVoicesSections.newVoices(List.of(fold), new PrintWriter(quiet)), e)));
    String html = Files.readString(w.html());
    assertThat(html).contains("<a href=\"#new-voices\">New voices</a>", "<a href=\"#another-corpus\">Another corpus</a>",
        "id=\"new-voices\"", "id=\"another-corpus\"", "UAR, public API (one clip)", "session, after 30 s");
    assertThat(Files.readString(w.markdown())).contains("## New voices", "## Another corpus");
  }
}
