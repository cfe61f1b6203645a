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
 * valence, confident, voice, no_voice_reason, the timeline when windowed, and error. A row either
 * has a prediction and a null error, or an error and null prediction fields. A clip in which no
 * voice was heard (silence, noise) has {@code voice = false}, the reason, and null emotion,
 * probabilities, arousal and valence: it is an answer, not an error.
 */
final class ScoreRows {
  /** The confidence flag is the core's: {@link EmotionPrediction#sure()}, top class at least this share. */
  static final double CONFIDENT_TOP_PROBABILITY = EmotionPrediction.NOT_SURE_BELOW;

  static final StructType TIMELINE_POINT = new StructType()
      .add("start", DataTypes.DoubleType, false)
      .add("end", DataTypes.DoubleType, false)
      .add("emotion", DataTypes.StringType, true)
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
        .add("confident", DataTypes.BooleanType, true)
        .add("voice", DataTypes.BooleanType, true)
        .add("no_voice_reason", DataTypes.StringType, true);
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
    boolean voice = p.voiceHeard();
    v.add(voice ? p.top().label() : null);
    for (Emotion e : classes) {
      v.add(voice ? p.probability(e) : null);
    }
    v.add(voice ? p.arousal() : null);
    v.add(voice ? p.valence() : null);
    v.add(p.sure());
    v.add(voice);
    v.add(p.noVoiceReason());
    if (timeline) {
      List<Row> points = new ArrayList<>();
      for (ClipAnalysis.TimelinePoint t : a.timeline()) {
        EmotionPrediction s = t.smoothed();
        points.add(RowFactory.create(t.start(), t.end(), s.top() == null ? null : s.top().label(), s.arousal(), s.valence()));
      }
      v.add(ScalaSeqs.of(points));
    }
    v.add(null);
    return RowFactory.create(v.toArray());
  }

  static Row error(String path, String problem, List<Emotion> classes, boolean timeline) {
    Object[] v = new Object[4 + classes.size() + 5 + (timeline ? 1 : 0) + 1];
    v[0] = path;
    v[v.length - 1] = OneLine.of(problem);
    return RowFactory.create(v);
  }
}
