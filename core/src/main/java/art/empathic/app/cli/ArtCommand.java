package art.empathic.app.cli;

import art.empathic.io.AtomicFiles;
import art.empathic.app.art.ArtParams;
import art.empathic.app.art.ArtRenderer;
import art.empathic.audio.Audio;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.recognize.Recognizers;

/** {@code art FILE.wav -o picture.png}: the page's art for one clip, as a PNG. */
@Command(name = "art", mixinStandardHelpOptions = true,
    description = {
      "Paint the emotion heard in a WAV clip as a PNG, with the same palette and motion as the web page.",
      "Clips longer than " + ArtCommand.TIMELINE_FROM_SECONDS + " s are painted along their smoothed timeline."
          + " The same clip, size and seed always give the same picture.",
      "A clip with no voice in it (silence, noise) paints nothing: it says so and exits with code 1."
    })
public final class ArtCommand implements Callable<Integer> {
  /** Longer clips are heard in windows so the picture follows the mood's change. */
  static final double TIMELINE_FROM_SECONDS = 6;
  /** Exit code when the clip holds no voice: there is no emotion to paint. */
  static final int EXIT_NO_VOICE = 1;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.wav", description = "The clip to paint.")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "PICTURE.png", description = "Where to write the PNG.")
  Path output;

  @Option(names = "--size", defaultValue = "1200x800", paramLabel = "WxH", description = "Picture size in pixels. Default: ${DEFAULT-VALUE}.")
  String size;

  @Option(names = "--seed", paramLabel = "S", description = "Seed of the flow field and particles (default: derived from the clip's bytes).")
  Long seed;

  @Option(names = "--model", paramLabel = "RUNDIR", description = "Run directory of the model to use (default: the "
      + "default model; with none yet but data found, the release model is trained first).")
  Path model;

  @Override
  public Integer call() throws Exception {
    int[] wh = parseSize(size);
    if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      throw new IllegalArgumentException(output + ": the output must be a .png file");
    }
    Audio audio = WavReader.read(input);
    Path modelDir = model;
    if (modelDir == null) {
      java.util.Optional<Path> ensured = ReleaseModel.ensure(spec.commandLine().getErr(), spec.commandLine().getErr(), true);
      if (ensured.isEmpty()) {
        return CliErrors.EXIT_BAD_INPUT;
      }
      modelDir = ensured.get();
    }
    ClipAnalysis analysis;
    try (EmotionRecognizer recognizer = Recognizers.open(modelDir)) {
      ClipAnalysis.Windowing w = audio.durationSeconds() > TIMELINE_FROM_SECONDS
          ? new ClipAnalysis.Windowing(2.5, 1.25) : ClipAnalysis.Windowing.NONE;
      analysis = ClipAnalysis.analyze(recognizer, input.toString(), audio, w);
    }
    EmotionPrediction heard = analysis.prediction();
    if (!heard.voiceHeard()) {
      spec.commandLine().getOut().printf(Locale.ROOT, "%s: no voice heard (%s); no picture painted%n", input,
          heard.noVoiceReason());
      return EXIT_NO_VOICE;
    }
    List<Map<Emotion, Double>> mixes = analysis.timeline().isEmpty()
        ? List.of(analysis.prediction().probabilities())
        : analysis.timeline().stream().map(ClipAnalysis.TimelinePoint::smoothed).filter(EmotionPrediction::voiceHeard)
            .map(EmotionPrediction::probabilities).toList();
    long s = seed != null ? seed : seedOf(input);
    var image = new ArtRenderer(ArtParams.shipped()).render(mixes, wh[0], wh[1], s);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    AtomicFiles.write(output, png.toByteArray());
    EmotionPrediction p = analysis.prediction();
    spec.commandLine().getOut().printf(Locale.ROOT, "%s: %s%s %.0f%%, arousal %+.2f, valence %+.2f -> %s (%dx%d, seed %d)%n",
        input, p.sure() ? "" : "not sure: ", p.top().label(), 100 * p.confidence(), p.arousal(), p.valence(), output,
        wh[0], wh[1], s);
    return 0;
  }

  static int[] parseSize(String s) {
    String[] parts = s.toLowerCase(Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        int w = Integer.parseInt(parts[0].trim());
        int h = Integer.parseInt(parts[1].trim());
        if (w >= 16 && h >= 16 && w <= 8000 && h <= 8000) {
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, each 16 to 8000 pixels, got '" + s + "'");
  }

  private static long seedOf(Path clip) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(Files.readAllBytes(clip));
    return crc.getValue();
  }
}
