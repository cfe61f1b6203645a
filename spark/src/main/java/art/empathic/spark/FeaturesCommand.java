package art.empathic.spark;

import art.empathic.corpus.CorpusKind;
import art.empathic.features.FeatureKind;
import art.empathic.features.FeatureSpec;
import art.empathic.features.FrameAlign;
import art.empathic.features.TimeStatistic;
import art.empathic.features.dsp.MfccConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spark features INPUT... --kind KIND --out OUT}: {@code features export} for many clips, on Spark. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {
      "Extract the features of every clip of the inputs on Spark, as features export does.",
      "The output has one row per clip: path, corpus, speaker, emotion (where the file name or the manifest "
          + "tells them), features (the flattened float array), shape (its dimensions) and error.",
      "Exit code 0 if every clip was processed, 1 if some are error rows, 2 if none could be or the request was bad."
    })
final class FeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobOptions job;

  @Option(names = "--kind", paramLabel = "KIND", description = "mfcc-mean, mfcc-stats, mfcc-seq or mel-db.")
  String kind;

  @Option(names = "--spec", paramLabel = "FILE", description = "A feature spec.json (as features export writes) "
      + "instead of --kind and its options: every MFCC parameter as saved.")
  Path specFile;

  @Option(names = "--statistics", paramLabel = "LIST", description = "mfcc-stats: the statistics, as features export.")
  String statistics;

  @Option(names = "--frames", paramLabel = "N", description = "Frames per sequence (mfcc-seq, mel-db; default "
      + FeatureSpec.DEFAULT_FRAMES + ").")
  Integer frames;

  @Option(names = "--align", paramLabel = "WHERE", defaultValue = "center", description = "center (default) or start.")
  FrameAlign align;

  @Option(names = "--deltas", paramLabel = "ORDER", defaultValue = "0", description = "0, 1 or 2 (default 0).")
  int deltas;

  @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "16000", description = "Analysis rate (default 16000).")
  int sampleRate;

  @Option(names = "--n-mfcc", paramLabel = "N", defaultValue = "40", description = "Coefficients per frame (default 40).")
  int nMfcc;

  @Option(names = "--corpus", paramLabel = "KIND", description = "File-name reader for the labels (ravdess, tess, "
      + "savee, crema-d, emodb; default: whichever reads the name).")
  String corpus;

  /** The feature spec the options describe. */
  FeatureSpec featureSpec() throws java.io.IOException {
    if (specFile != null) {
      if (kind != null) {
        throw new IllegalArgumentException("--spec gives the whole feature spec; drop --kind");
      }
      return FeatureSpec.fromJson(Files.readString(specFile, StandardCharsets.UTF_8));
    }
    if (kind == null) {
      throw new IllegalArgumentException("choose the features with --kind KIND or --spec FILE");
    }
    FeatureKind k = FeatureKind.parse(kind);
    MfccConfig c = MfccConfig.librosaDefaults(sampleRate).withNMfcc(nMfcc);
    FeatureSpec s = FeatureSpec.of(k, c).withAlign(align).withDeltas(deltas);
    if (statistics != null) {
      if (k != FeatureKind.MFCC_STATS) {
        throw new IllegalArgumentException("--statistics applies to --kind mfcc-stats, not " + k);
      }
      s = s.withStatistics(TimeStatistic.parseList(statistics));
    }
    if (frames != null) {
      if (!k.isSequence()) {
        throw new IllegalArgumentException("--frames applies to sequence kinds (mfcc-seq, mel-db), not " + k);
      }
      s = s.withFrames(frames);
    }
    return s;
  }

  @Override
  public Integer call() throws Exception {
    FeatureSpec fs = featureSpec();
    CorpusKind reader = corpus == null ? null : CorpusKind.parse(corpus);
    if (reader != null && !reader.byFileName()) {
      throw new IllegalArgumentException("--corpus " + reader + " does not read labels from file names; "
          + "give a manifest with corpus, speaker and emotion columns instead");
    }
    ClipJob.Request request = job.request();
    PrintWriter o = spec.commandLine().getOut();
    JobSummary s = ClipJob.run("features", request, new ClipJob.Steps() {
      @Override
      public FeatureRows task(ClipReader clipReader, JobCounters counters) {
        return new FeatureRows(fs, clipReader, reader, counters);
      }

      @Override
      public StructType schema() {
        return FeatureRows.SCHEMA;
      }
    }, o);
    o.println("features: " + fs.describe());
    o.flush();
    return s.exitCode();
  }
}
