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

  @Override
  public Integer call() throws Exception {
    FeatureSpec fs = features.spec();
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException(out + ": exists and is not a directory");
    }
    Corpus c = corpus.load(NeutralPolicy.DROP);
    FeatureSet set = features.pipeline(fs).extract(c.clips());
    PrintWriter err = spec.commandLine().getErr();
    c.skipped().forEach(s -> err.println("empathic-art: skipped " + s.path() + ": " + s.reason()));
    set.report().skipped().forEach(s -> err.println("empathic-art: skipped " + s.path() + ": " + s.reason()));
    set.report().notes().forEach(n -> err.println("empathic-art: " + n));
    if (set.size() == 0) {
      throw new IllegalArgumentException("no clip could be turned into features (" + set.report().skipped().size()
          + " skipped); nothing written");
    }
    write(out, set);
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
    Files.createDirectories(dir);
    Npy.write(dir.resolve(RunFiles.EXPORT_FEATURES), set.rows(), set.shape());
    StringBuilder csv = new StringBuilder(Csv.formatLine(List.of("path", "corpus", "speaker", "emotion"))).append('\n');
    for (Clip c : set.clips()) {
      csv.append(Csv.formatLine(List.of(c.path().toString(), c.corpus(), c.speaker(), c.emotion().label()))).append('\n');
    }
    AtomicFiles.write(dir.resolve(RunFiles.EXPORT_CLIPS), csv.toString().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(dir.resolve(RunFiles.EXPORT_SPEC), (set.spec().toJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
