package art.empathic.spark;

import art.empathic.corpus.Emotion;
import art.empathic.recognize.ClipAnalysis;
import art.empathic.recognize.EmotionRecognizer;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The task of {@code spark score}: for each clip row of a partition, read the file, decode it and
 * hear it with the JVM's shared recognizer, as {@code predict} does ({@link ClipAnalysis}, with
 * the same windowing). Every failure is that clip's error row; the task goes on ({@link ClipRows}).
 */
final class ClipScorer implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;

  private final ModelShipment model;
  private final ClipReader reader;
  private final List<Emotion> classes;
  private final double windowSeconds;
  private final double hopSeconds;
  private final JobCounters counters;

  ClipScorer(ModelShipment model, ClipReader reader, List<Emotion> classes, ClipAnalysis.Windowing windowing,
      JobCounters counters) {
    this.model = model;
    this.reader = reader;
    this.classes = List.copyOf(classes);
    this.windowSeconds = windowing.windowSeconds();
    this.hopSeconds = windowing.hopSeconds();
    this.counters = counters;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) throws Exception {
    ExecutorRecognizers.Lease lease = ExecutorRecognizers.get(model);
    if (lease.loaded()) {
      counters.modelLoads().add(1);
    }
    EmotionRecognizer recognizer = lease.recognizer();
    ClipAnalysis.Windowing windowing = new ClipAnalysis.Windowing(windowSeconds, hopSeconds);
    boolean timeline = windowing.enabled();
    return ClipRows.map(input, reader, counters,
        (in, path, audio) -> ScoreRows.prediction(path, audio.sampleRate(),
            ClipAnalysis.analyze(recognizer, path, audio, windowing), classes, timeline),
        (in, path, problem) -> ScoreRows.error(path, problem, classes, timeline));
  }
}
