package art.empathic.spark;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.Resampler;
import art.empathic.audio.WavReader;
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
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The task of {@code spark features}: for each clip, the features {@code features export} makes
 * (decode, resample to the spec's rate, base matrix, then the spec's kind derived from it) and
 * the labels the name readers or the manifest give. A clip that fails is an error row.
 */
final class FeatureRows implements MapPartitionsFunction<Row, Row> {
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
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        Row in = input.next();
        String path = in.getString(0);
        String[] labels = labels(in, path);
        counters.clips().add(1);
        String error;
        try {
          if (!in.isNullAt(2)) {
            throw new ClipReader.ClipUnreadable(in.getString(2));
          }
          byte[] bytes = reader.read(path, in.getLong(1));
          Audio audio = Resampler.resample(WavReader.decode(bytes, path), spec.sampleRate());
          float[] row = spec.derive(spec.kind().base().compute(extractor, audio.samples()));
          for (float v : row) {
            if (!Float.isFinite(v)) {
              throw new IllegalArgumentException("features contain NaN or infinite values");
            }
          }
          return RowFactory.create(path, labels[0], labels[1], labels[2], ScalaSeqs.of(boxed(row)), ScalaSeqs.of(shape), null);
        } catch (AudioFormatException e) {
          error = e.problem();
        } catch (ClipReader.ClipUnreadable | RuntimeException e) {
          error = OneLine.of(e);
        }
        counters.errors().add(1);
        return RowFactory.create(path, labels[0], labels[1], labels[2], null, null, OneLine.of(error));
      }
    };
  }

  /** corpus, speaker, emotion: from the manifest when it gave them, else from the file name. */
  private String[] labels(Row in, String path) {
    if (!in.isNullAt(3) || !in.isNullAt(4) || !in.isNullAt(5)) {
      return new String[] {in.getString(3), in.getString(4), emotion(in.getString(5))};
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
