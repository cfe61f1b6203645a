package art.empathic.spark;

import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionPrediction;
import art.empathic.corpus.Emotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The output schema of {@code spark score} and its rows: path, duration_s, sample_rate, emotion,
 * one probability column per class ({@code p_angry}, ... in the model's class order), arousal,
 * valence, confident, the timeline when windowed, and error. A row either has a prediction and
 * a null error, or an error and null prediction fields.
 */
final class ScoreRows {
  /**
   * The confidence flag: the top class holds at least this share of the probability. (Defined
   * here from the top probability; the core has no notion of an unsure prediction yet.)
   */
  static final double CONFIDENT_TOP_PROBABILITY = 0.5;

  static final StructType TIMELINE_POINT = new StructType()
      .add("start", DataTypes.DoubleType, false)
      .add("end", DataTypes.DoubleType, false)
      .add("emotion", DataTypes.StringType, false)
      .add("arousal", DataTypes.DoubleType, false)
      .add("valence", DataTypes.DoubleType, false);

  private ScoreRows() {}

  /** The column name of a class's probability, e.g. "p_angry". */
  static String probabilityColumn(Emotion e) {
    return "p_" + e.label().toLowerCase(Locale.ROOT);
  }

  static StructType schema(List<Emotion> classes, boolean timeline) {
    StructType s = new StructType()
        .add("path", DataTypes.StringType, false)
        .add("duration_s", DataTypes.DoubleType, true)
        .add("sample_rate", DataTypes.IntegerType, true)
        .add("emotion", DataTypes.StringType, true);
    for (Emotion e : classes) {
      s = s.add(probabilityColumn(e), DataTypes.DoubleType, true);
    }
    s = s.add("arousal", DataTypes.DoubleType, true)
        .add("valence", DataTypes.DoubleType, true)
        .add("confident", DataTypes.BooleanType, true);
    if (timeline) {
      s = s.add("timeline", DataTypes.createArrayType(TIMELINE_POINT, false), true);
    }
    return s.add("error", DataTypes.StringType, true);
  }

  static Row prediction(String path, int sampleRate, ClipAnalysis a, List<Emotion> classes, boolean timeline) {
    EmotionPrediction p = a.prediction();
    List<Object> v = new ArrayList<>();
    v.add(path);
    v.add(a.durationSeconds());
    v.add(sampleRate);
    v.add(p.top().label());
    for (Emotion e : classes) {
      v.add(p.probability(e));
    }
    v.add(p.arousal());
    v.add(p.valence());
    v.add(p.probability(p.top()) >= CONFIDENT_TOP_PROBABILITY);
    if (timeline) {
      List<Row> points = new ArrayList<>();
      for (ClipAnalysis.TimelinePoint t : a.timeline()) {
        EmotionPrediction s = t.smoothed();
        points.add(RowFactory.create(t.start(), t.end(), s.top().label(), s.arousal(), s.valence()));
      }
      v.add(ScalaSeqs.of(points));
    }
    v.add(null);
    return RowFactory.create(v.toArray());
  }

  static Row error(String path, String problem, List<Emotion> classes, boolean timeline) {
    Object[] v = new Object[4 + classes.size() + 3 + (timeline ? 1 : 0) + 1];
    v[0] = path;
    v[v.length - 1] = OneLine.of(problem);
    return RowFactory.create(v);
  }
}
