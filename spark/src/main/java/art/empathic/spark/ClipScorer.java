package art.empathic.spark;

import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionRecognizer;
import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import art.empathic.corpus.Emotion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The task of {@code spark score}: for each clip row of a partition, read the file, decode it and
 * hear it with the JVM's shared recognizer, as {@code predict} does ({@link ClipAnalysis}, with
 * the same windowing). Every failure is that clip's error row; the task goes on.
 */
final class ClipScorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final ModelShipment model;
  private final ClipReader reader;
  private final List<Emotion> classes;
  private final double windowSeconds;
  private final double hopSeconds;
  private final LongAccumulator clips;
  private final LongAccumulator errors;
  private final LongAccumulator modelLoads;

  ClipScorer(ModelShipment model, ClipReader reader, List<Emotion> classes, ClipAnalysis.Windowing windowing,
      JobCounters counters) {
    this.model = model;
    this.reader = reader;
    this.classes = List.copyOf(classes);
    this.windowSeconds = windowing.windowSeconds();
    this.hopSeconds = windowing.hopSeconds();
    this.clips = counters.clips();
    this.errors = counters.errors();
    this.modelLoads = counters.modelLoads();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) throws Exception {
    ExecutorRecognizers.Lease lease = ExecutorRecognizers.get(model);
    if (lease.loaded()) {
      modelLoads.add(1);
    }
    EmotionRecognizer recognizer = lease.recognizer();
    ClipAnalysis.Windowing windowing = new ClipAnalysis.Windowing(windowSeconds, hopSeconds);
    boolean timeline = windowing.enabled();
    // Lazily, one clip at a time: a partition's rows never sit in memory together.
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        Row in = input.next();
        String path = in.getString(0);
        clips.add(1);
        try {
          if (!in.isNullAt(2)) {
            throw new ClipReader.ClipUnreadable(in.getString(2));
          }
          byte[] bytes = reader.read(path, in.getLong(1));
          Audio audio = WavReader.decode(bytes, path);
          ClipAnalysis a = ClipAnalysis.analyze(recognizer, path, audio, windowing);
          return ScoreRows.prediction(path, audio.sampleRate(), a, classes, timeline);
        } catch (AudioFormatException e) {
          errors.add(1);
          return ScoreRows.error(path, e.problem(), classes, timeline);
        } catch (ClipReader.ClipUnreadable | RuntimeException e) {
          errors.add(1);
          return ScoreRows.error(path, OneLine.of(e), classes, timeline);
        }
      }
    };
  }

  /** Makes a list from an iterator (tests). */
  static <T> List<T> drain(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
