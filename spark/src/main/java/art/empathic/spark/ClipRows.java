package art.empathic.spark;

import art.empathic.audio.Audio;
import art.empathic.audio.AudioFormatException;
import art.empathic.audio.WavReader;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * The per-clip loop both jobs' tasks share: for each clip row of a partition (see
 * {@link ClipInputs}), lazily, one clip at a time (a partition's rows never sit in memory
 * together), read the file, decode it and hand the audio to the command's work. Every failure
 * (an input that is not a clip, an unreadable or oversized file, a bad WAV, an exception in the
 * work) becomes that clip's error row with a one-line reason, and the task goes on.
 */
final class ClipRows {
  private ClipRows() {}

  /** What a command makes of one clip's decoded audio. */
  @FunctionalInterface
  interface Work {
    Row row(Row clip, String path, Audio audio) throws AudioFormatException;
  }

  /** The command's error row for a clip, given the one-line problem. */
  @FunctionalInterface
  interface ErrorRow {
    Row row(Row clip, String path, String problem);
  }

  /** The output rows of a partition's clip rows, made as they are asked for. */
  static Iterator<Row> map(Iterator<Row> clips, ClipReader reader, JobCounters counters, Work work, ErrorRow error) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return clips.hasNext();
      }

      @Override
      public Row next() {
        Row in = clips.next();
        String path = in.getString(ClipInputs.PATH);
        counters.clips().add(1);
        String problem;
        try {
          if (!in.isNullAt(ClipInputs.PROBLEM)) {
            throw new ClipReader.ClipUnreadable(in.getString(ClipInputs.PROBLEM));
          }
          byte[] bytes = reader.read(path, in.getLong(ClipInputs.LENGTH));
          return work.row(in, path, WavReader.decode(bytes, path));
        } catch (AudioFormatException e) {
          problem = e.problem();
        } catch (ClipReader.ClipUnreadable | RuntimeException e) {
          problem = OneLine.of(e);
        }
        counters.errors().add(1);
        return error.row(in, path, OneLine.of(problem));
      }
    };
  }
}
