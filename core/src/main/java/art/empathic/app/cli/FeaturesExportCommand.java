package art.empathic.app.cli;

import art.empathic.io.AtomicFiles;
import art.empathic.corpus.Clip;
import art.empathic.corpus.Corpus;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.io.Csv;
import art.empathic.features.FeatureSet;
import art.empathic.features.FeatureSpec;
import art.empathic.io.Npy;
import art.empathic.run.RunFiles;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Random;
import art.empathic.audio.Audio;
import art.empathic.audio.Channel;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
import art.empathic.corpus.SkippedFile;
import art.empathic.features.AugmentSpec;
import art.empathic.features.ExtractionReport;
import art.empathic.features.FeaturePipeline;
import art.empathic.features.dsp.MfccExtractor;
import art.empathic.train.Recipe;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code features export}: features for other tools (numpy, scikit-learn, PyTorch). */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Extract the features of every clip and write them as NumPy arrays for other tools.",
        "Features are extracted on all cores through the cache and written to OUT/features.npy (float32, "
        + "shape clips x ...), OUT/clips.csv (path, corpus, speaker, emotion in the same row order) and "
        + "OUT/spec.json (the feature spec). Clips that fail are skipped and listed on stderr."})
final class FeaturesExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CorpusArgs corpus;
  @Mixin FeatureArgs features;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder (created if needed).")
  Path out;

  @Option(names = "--channel", paramLabel = "KIND[:VALUE]", description = "Pass every clip through a simulated "
      + "recording channel before the features (not cached; for robustness screens): white:SNR, babble:SNR (five "
      + "clips of other speakers in the export), telephone, reverb:RT60, gain:DB or clip:DB.")
  String channel;

  @Option(names = "--channel-seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of --channel's noise and babble draws (default: ${DEFAULT-VALUE}).")
  long channelSeed;

  @Option(names = "--augment", paramLabel = "SPEC", description = "Also write each clip's augmented training copies "
      + "(train's --augment form, e.g. " + Recipe.FUNCTIONALS_AUGMENT + "; seed 42, babble from the other speakers "
      + "in the export), after the originals. clips.csv then names each row's variant and its microphone (the "
      + "per-speaker statistics group: speaker#copy for a channel copy).")
  String augment;

  @Override
  public Integer call() throws Exception {
    FeatureSpec fs = features.spec();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + ": exists and is not a directory");
    }
    Corpus c = corpus.load(NeutralPolicy.DROP, features.common.progress());
    Channel through = channel == null ? null : parseChannel(channel);
    if (through != null && augment != null) {
      throw new IllegalArgumentException("--channel and --augment: export the channel and the copies separately");
    }
    FeaturePipeline pipeline = features.pipeline(fs);
    FeatureSet set = through != null ? throughChannel(c.clips(), fs, through) : pipeline.extract(c.clips());
    if (augment != null) {
      List<Clip> all = c.clips();
      FeatureSet copies = pipeline.extractCopies(all, AugmentSpec.parse(augment, 42), k -> all);
      set = concat(set, copies);
    }
    PrintWriter err = spec.commandLine().getErr();
    c.skipped().forEach(s -> err.println("empathic-art: skipped " + s.path() + ": " + s.reason()));
    set.report().skipped().forEach(s -> err.println("empathic-art: skipped " + s.path() + ": " + s.reason()));
    set.report().notes().forEach(n -> err.println("empathic-art: " + n));
    if (set.size() == 0) {
      throw new IllegalArgumentException("no clip could be turned into features (" + set.report().skipped().size()
          + " skipped); nothing written");
    }
    write(out, set, through != null || augment != null);
    PrintWriter o = spec.commandLine().getOut();
    String shape = set.size() + " x " + Arrays.stream(set.shape()).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
    o.println("wrote " + out.resolve(RunFiles.EXPORT_FEATURES) + " (" + shape + " float32), " + RunFiles.EXPORT_CLIPS + " and " + RunFiles.EXPORT_SPEC + ": "
        + fs.describe());
    o.println(set.report().summary() + (c.skipped().isEmpty() ? ""
        : "; " + c.skipped().size() + " more files skipped while reading the corpus (see stderr)"));
    o.flush();
    return 0;
  }

  /** Writes features.npy, clips.csv and spec.json into {@code dir}, each atomically. */
  static void write(Path dir, FeatureSet set) throws java.io.IOException {
    write(dir, set, false);
  }

  /** As {@link #write(Path, FeatureSet)}; {@code variants} adds clips.csv's variant and microphone columns. */
  static void write(Path dir, FeatureSet set, boolean variants) throws java.io.IOException {
    Files.createDirectories(dir);
    Npy.write(dir.resolve(RunFiles.EXPORT_FEATURES), set.rows(), set.shape());
    List<String> header = variants ? List.of("path", "corpus", "speaker", "emotion", "variant", "microphone")
        : List.of("path", "corpus", "speaker", "emotion");
    StringBuilder csv = new StringBuilder(Csv.formatLine(header)).append('\n');
    List<String> microphones = set.microphoneSpeakers();
    for (int i = 0; i < set.size(); i++) {
      Clip c = set.clips().get(i);
      List<String> row = new ArrayList<>(List.of(c.path().toString(), c.corpus(), c.speaker(), c.emotion().label()));
      if (variants) {
        row.add(set.variants().get(i));
        row.add(microphones.get(i));
      }
      csv.append(Csv.formatLine(row)).append('\n');
    }
    AtomicFiles.write(dir.resolve(RunFiles.EXPORT_CLIPS), csv.toString().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve(RunFiles.EXPORT_SPEC), (set.spec().toJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** "white:20", "babble:10", "telephone", "reverb:0.3", "gain:-20", "clip:12". */
  static Channel parseChannel(String text) {
    String[] parts = text.trim().split(":", 2);
    Channel.Kind kind;
    try {
      kind = Channel.Kind.valueOf(parts[0].trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--channel: unknown channel '" + parts[0] + "' (use white, babble, telephone, "
          + "reverb, gain or clip, e.g. white:20)");
    }
    boolean needsValue = kind != Channel.Kind.CLEAN && kind != Channel.Kind.TELEPHONE;
    if (needsValue && parts.length < 2) {
      throw new IllegalArgumentException("--channel " + text + ": give the value too, e.g. " + parts[0] + ":20");
    }
    try {
      return new Channel(kind, parts.length < 2 ? 0 : Double.parseDouble(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--channel " + text + ": '" + parts[1] + "' is not a number");
    }
  }

  /**
   * Features of every clip through {@code ch}, on {@code --threads} workers; babble mixes clips of
   * other speakers of the same list, drawn per clip from the seed. Failed clips are skipped.
   */
  private FeatureSet throughChannel(List<Clip> clips, FeatureSpec fs, Channel ch) throws InterruptedException {
    long start = System.nanoTime();
    int threads = Math.max(1, features.common.threadCount());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    MfccExtractor extractor = new MfccExtractor(fs.mfcc());
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        Clip clip = clips.get(i);
        long seed = channelSeed * 1_000_003L + i;
        futures.add(pool.submit(() -> {
          Random rnd = new Random(seed);
          List<float[]> babble = new ArrayList<>();
          if (ch.kind() == Channel.Kind.BABBLE) {
            List<Clip> others = clips.stream().filter(o -> !o.speaker().equals(clip.speaker())).toList();
            for (int k = 0; k < Channel.BABBLE_TALKERS && !others.isEmpty(); k++) {
              babble.add(read(others.get(rnd.nextInt(others.size())), fs).samples());
            }
          }
          Audio a = ch.apply(read(clip, fs), babble, rnd);
          return fs.derive(fs.kind().base().compute(extractor, a.samples()));
        }));
      }
      List<Clip> kept = new ArrayList<>();
      List<float[]> rows = new ArrayList<>();
      List<SkippedFile> skipped = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        try {
          rows.add(futures.get(i).get());
          kept.add(clips.get(i));
        } catch (ExecutionException e) {
          skipped.add(new SkippedFile(clips.get(i).path(), String.valueOf(e.getCause().getMessage())));
        }
      }
      ExtractionReport report = new ExtractionReport(clips.size(), 0, kept.size(), 0, skipped,
          (System.nanoTime() - start) / 1e9, List.of("every clip through " + ch.describe() + " (seed " + channelSeed
              + "), not cached"));
      return new FeatureSet(fs, kept, java.util.Collections.nCopies(kept.size(), FeatureSet.ORIGINAL), rows, report);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Audio read(Clip c, FeatureSpec fs) throws java.io.IOException, art.empathic.audio.AudioFormatException {
    return Resampler.resample(WavReader.decode(Files.readAllBytes(c.path()), c.path().toString()), fs.sampleRate());
  }

  private static FeatureSet concat(FeatureSet a, FeatureSet b) {
    List<Clip> clips = new ArrayList<>(a.clips());
    clips.addAll(b.clips());
    List<String> variants = new ArrayList<>(a.variants());
    variants.addAll(b.variants());
    List<float[]> rows = new ArrayList<>(a.rows());
    rows.addAll(b.rows());
    List<SkippedFile> skipped = new ArrayList<>(a.report().skipped());
    skipped.addAll(b.report().skipped());
    List<String> notes = new ArrayList<>(a.report().notes());
    notes.addAll(b.report().notes());
    ExtractionReport ra = a.report();
    ExtractionReport rb = b.report();
    return new FeatureSet(a.spec(), clips, variants, rows, new ExtractionReport(ra.items() + rb.items(),
        ra.fromCache() + rb.fromCache(), ra.computed() + rb.computed(), ra.corrupt() + rb.corrupt(), skipped,
        ra.seconds() + rb.seconds(), notes));
  }
}
