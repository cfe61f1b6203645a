package art.empathic.app.cli;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.SpeakerSession;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.PredictionJson;
import art.empathic.recognize.Recognizers;

/** {@code predict FILE|DIR...}: the emotion heard in each clip. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {
      "Hear the emotion in WAV clips: the top emotion, every class probability, arousal and valence.",
      "Folders are searched recursively for .wav files. --window/--hop adds a smoothed timeline for long recordings.",
      "A clip with no voice (silence, noise, too little voiced speech) gets \"no voice heard\" and the reason, "
          + "not an emotion; a top probability below 50%% is marked \"not sure\".",
      "Unreadable clips are skipped with a one-line error; exit code 0 if every clip was predicted,"
          + " 1 if some were skipped, 2 if none could be predicted."
    })
public final class PredictCommand implements Callable<Integer> {
  static final int EXIT_SOME_SKIPPED = 1;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "WAV files or folders of them.")
  List<Path> inputs;

  @Option(names = "--model", paramLabel = "RUNDIR", description = "Run directory of the model to use (default: the "
      + "default model; with none yet but data found, the release model is trained first).")
  Path model;

  @Option(names = "--json", description = "Print one JSON object per clip (JSON Lines; schema in docs/API.md).")
  boolean json;

  @Option(names = "--window", paramLabel = "S", description = "Timeline window length in seconds (0.5-30; 2-3 s suits speech).")
  Double window;

  @Option(names = "--hop", paramLabel = "S", description = "Timeline hop in seconds (default: half the window).")
  Double hop;

  @Option(names = "--same-speaker", description = "All clips come from one speaker: predict them in the order given within "
      + "one session that adapts to that voice as it hears it (docs/research/ADAPTATION.md).")
  boolean sameSpeaker;

  @Override
  public Integer call() throws Exception {
    ClipAnalysis.Windowing windowing = ClipAnalysis.Windowing.of(window, hop);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    WavFiles.Found found = WavFiles.collect(inputs);
    List<String> skipped = new ArrayList<>(found.problems());
    found.problems().forEach(p -> err.println("empathic-art: skipped " + p));
    int done = 0;
    SpeakerSession session = null;
    Path modelDir = model;
    if (modelDir == null && !found.files().isEmpty()) {
      // Training chatter goes to stderr: stdout carries the predictions (JSON Lines with --json).
      java.util.Optional<Path> ensured = ReleaseModel.ensure(err, err, true);
      if (ensured.isEmpty()) {
        return CliErrors.EXIT_BAD_INPUT;
      }
      modelDir = ensured.get();
    }
    if (!found.files().isEmpty()) {
      try (EmotionRecognizer recognizer = Recognizers.open(modelDir)) {
        session = sameSpeaker ? recognizer.newSession() : null;
        for (Path f : found.files()) {
          try {
            Audio audio = WavReader.read(f);
            ClipAnalysis a = session != null ? ClipAnalysis.analyze(session, f.toString(), audio, windowing)
                : ClipAnalysis.analyze(recognizer, f.toString(), audio, windowing);
            out.println(json ? PredictionJson.write(PredictionJson.Clip.of(a)) : text(a));
            out.flush();
            done++;
          } catch (AudioFormatException | RuntimeException e) {
            String msg = e instanceof AudioFormatException ? e.getMessage() : f + ": " + CliErrors.describe(e);
            skipped.add(msg);
            err.println("empathic-art: skipped " + msg);
          }
        }
      }
    }
    if (session != null) {
      SpeakerSession.Adaptation st = session.adaptation();
      err.println(!st.supported() ? "same speaker: this model does not adapt to speakers (it was trained with global "
          + "normalisation); clips were predicted one by one"
          : String.format(Locale.ROOT, "same speaker: %.1f s of speech heard; adaptation %s", st.secondsHeard(),
          st.adapting() ? String.format(Locale.ROOT, "weight %.2f", st.weight())
              : String.format(Locale.ROOT, "starts after %.0f s", st.startsAfterSeconds())));
    }
    if (!skipped.isEmpty()) {
      err.printf("predict: %d clip%s predicted, %d skipped%n", done, done == 1 ? "" : "s", skipped.size());
    }
    err.flush();
    return skipped.isEmpty() ? 0 : done > 0 ? EXIT_SOME_SKIPPED : CliErrors.EXIT_BAD_INPUT;
  }

  /** Human-readable lines: the verdict, every class, then the timeline if any. */
  static String text(ClipAnalysis a) {
    StringBuilder b = new StringBuilder();
    EmotionPrediction p = a.prediction();
    if (!p.voiceHeard()) {
      b.append(String.format(Locale.ROOT, "%s  no voice heard: %s  (%.1f s)", a.file(), p.noVoiceReason(),
          a.durationSeconds()));
    } else {
      b.append(String.format(Locale.ROOT, "%s  %s%s %.0f%%  arousal %+.2f  valence %+.2f  (%.1f s)%n",
          a.file(), p.sure() ? "" : "not sure: ", p.top().label(), 100 * p.confidence(), p.arousal(), p.valence(),
          a.durationSeconds()));
      b.append("   ").append(classes(p));
    }
    for (ClipAnalysis.TimelinePoint t : a.timeline()) {
      EmotionPrediction s = t.smoothed();
      b.append(String.format(Locale.ROOT, "%n   %6.2f-%6.2f s  ", t.start(), t.end()));
      b.append(!s.voiceHeard() ? "no voice heard: " + s.noVoiceReason()
          : String.format(Locale.ROOT, "%-8s arousal %+.2f  valence %+.2f   %s%s", s.top().label(), s.arousal(),
              s.valence(), s.sure() ? "" : "(not sure) ", classes(s)));
    }
    return b.toString();
  }

  private static String classes(EmotionPrediction p) {
    StringBuilder b = new StringBuilder();
    p.probabilities().forEach((e, v) -> b.append(String.format(Locale.ROOT, " %s %.1f%%", e.label(), 100 * v)));
    return b.toString().trim();
  }
}
