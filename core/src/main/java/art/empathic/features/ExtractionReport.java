package art.empathic.features;

import java.util.List;
import java.util.Locale;
import art.empathic.corpus.SkippedFile;

/**
 * What a feature extraction did.
 *
 * @param items clips (and augmented copies) asked for
 * @param fromCache base matrices read from the cache
 * @param computed base matrices computed (cache misses and corrupt entries)
 * @param corrupt damaged cache entries found, recomputed and overwritten
 * @param skipped items that failed, with the reason; the batch went on without them
 * @param seconds wall-clock time
 * @param notes other things worth saying (e.g. the cache could not be written)
 */
public record ExtractionReport(int items, int fromCache, int computed, int corrupt, List<SkippedFile> skipped,
    double seconds, List<String> notes) {

  public ExtractionReport {
    skipped = List.copyOf(skipped);
    notes = List.copyOf(notes);
  }

  /** One line, e.g. "1344 items in 3.2 s: 1344 from cache, 0 computed, 0 skipped". */
  public String summary() {
    return String.format(Locale.ROOT, "%d items in %.1f s: %d from cache, %d computed%s, %d skipped", items, seconds,
        fromCache, computed, corrupt > 0 ? " (" + corrupt + " corrupt cache entries replaced)" : "", skipped.size());
  }
}
