package art.empathic.spark;

import art.empathic.audio.Audio;
import art.empathic.audio.Resampler;
import art.empathic.corpus.ClipLabel;
import art.empathic.corpus.CorpusKind;
import art.empathic.corpus.EmotionWords;
import art.empathic.features.FeatureSpec;
import art.empathic.corpus.NameReading;
import art.empathic.corpus.NeutralPolicy;
import art.empathic.features.dsp.MfccExtractor;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The task of {@code spark features}: for each clip, the features {@code features export} makes
 * (decode, resample to the spec's rate, base matrix, then the spec's kind derived from it) and
 * the labels the name readers or the manifest give. A clip that fails is an error row ({@link ClipRows}).
 */
final class FeatureRows implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("corpus", DataTypes.StringType, true)
      .add("speaker", DataTypes.StringType, true)
      .add("emotion", DataTypes.StringType, true)
      .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), true)
      .add("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
      .add("error", DataTypes.StringType, true);

  private final String specJson;
  private final ClipReader reader;
  private final CorpusKind corpus;
  private final JobCounters counters;

  /** @param corpus the name reader to use, or null to try every file-name reader */
  FeatureRows(FeatureSpec spec, ClipReader reader, CorpusKind corpus, JobCounters counters) {
    this.specJson = spec.toJson();
    this.reader = reader;
    this.corpus = corpus;
    this.counters = counters;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    FeatureSpec spec = FeatureSpec.fromJson(specJson);
    MfccExtractor extractor = new MfccExtractor(spec.mfcc());
    List<Integer> shape = new ArrayList<>();
    for (int d : spec.shape()) {
      shape.add(d);
    }
    return ClipRows.map(input, reader, counters, (in, path, decoded) -> {
      Audio audio = Resampler.resample(decoded, spec.sampleRate());
      float[] row = spec.derive(spec.kind().base().compute(extractor, audio.samples()));
      for (float v : row) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("features contain NaN or infinite values");
        }
      }
      String[] labels = labels(in, path);
      return RowFactory.create(path, labels[0], labels[1], labels[2], ScalaSeqs.of(boxed(row)), ScalaSeqs.of(shape), null);
    }, (in, path, problem) -> {
      String[] labels = labels(in, path);
      return RowFactory.create(path, labels[0], labels[1], labels[2], null, null, problem);
    });
  }

  /** corpus, speaker, emotion: from the manifest when it gave them, else from the file name. */
  private String[] labels(Row in, String path) {
    if (!in.isNullAt(ClipInputs.CORPUS) || !in.isNullAt(ClipInputs.SPEAKER) || !in.isNullAt(ClipInputs.EMOTION)) {
      return new String[] {in.getString(ClipInputs.CORPUS), in.getString(ClipInputs.SPEAKER),
          emotion(in.getString(ClipInputs.EMOTION))};
    }
    Path file = Path.of(URI.create(path.replace(" ", "%20")).getPath());
    for (CorpusKind k : CorpusKind.values()) {
      if (!k.byFileName() || (corpus != null && k != corpus)) {
        continue;
      }
      NameReading r = k.reader().read(file.getParent(), file);
      if (r.isOk()) {
        ClipLabel l = r.label();
        return new String[] {l.corpus(), l.speaker(), emotion(l.label())};
      }
    }
    return new String[] {null, null, null};
  }

  /** A label as the class name the toolkit uses ("Angry", "Neutral"), else as given. */
  static String emotion(String word) {
    if (word == null) {
      return null;
    }
    return EmotionWords.canonical(word).flatMap(NeutralPolicy.KEEP::classify).map(e -> e.label()).orElse(word);
  }

  private static List<Float> boxed(float[] row) {
    List<Float> out = new ArrayList<>(row.length);
    for (float v : row) {
      out.add(v);
    }
    return out;
  }
}
