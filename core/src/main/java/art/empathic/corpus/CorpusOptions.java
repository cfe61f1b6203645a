package art.empathic.corpus;

import java.util.Objects;

/**
 * How to read corpus directories.
 *
 * @param kind the reader to use, or null to detect it per directory from the file names
 * @param neutral what to do with neutral clips
 */
public record CorpusOptions(CorpusKind kind, NeutralPolicy neutral) {
  /** Auto-detected reader, neutral dropped (the original study's seven classes). */
  public static final CorpusOptions DEFAULT = new CorpusOptions(null, NeutralPolicy.DROP);

  public CorpusOptions {
    Objects.requireNonNull(neutral, "neutral");
  }

  public CorpusOptions withKind(CorpusKind k) {
    return new CorpusOptions(k, neutral);
  }

  public CorpusOptions withNeutral(NeutralPolicy n) {
    return new CorpusOptions(kind, n);
  }
}
