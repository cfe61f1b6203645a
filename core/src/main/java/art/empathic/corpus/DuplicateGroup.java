package art.empathic.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Clips that hold the same audio, in path order: byte-identical files, or files whose decoded
 * samples differ by at most {@link DuplicateFinder#TOLERANCE} everywhere (the same recording
 * converted twice, differing only in rounding or dither noise).
 *
 * @param audioKey the group's {@link Clip#audioKey()}
 * @param paths the files, in path order
 * @param identicalBytes true when all files are byte-identical
 * @param maxSampleDifference largest difference between corresponding samples found within the
 *     group (0 for byte-identical files), on the [-1, 1] scale
 */
public record DuplicateGroup(String audioKey, List<Path> paths, boolean identicalBytes, double maxSampleDifference) {
  public DuplicateGroup {
    paths = List.copyOf(paths);
  }

  /** "byte-identical" or e.g. "same audio, samples differ by <= 6.1e-05". */
  public String describe() {
    return identicalBytes ? "byte-identical"
        : String.format(Locale.ROOT, "same audio, samples differ by <= %.2g (%.1f LSB at 16 bits)",
            maxSampleDifference, maxSampleDifference * 32768);
  }
}
