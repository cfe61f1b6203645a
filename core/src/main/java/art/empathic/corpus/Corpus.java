package art.empathic.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import art.empathic.features.FeaturePipeline;
import java.util.Collections;

/**
 * Labelled clips read from one or more directories, with everything the reading left out:
 * files that could not be used (and why), clips dropped for their label (counted per label),
 * and groups of byte-identical audio. Immutable; clips are in path order.
 *
 * <p>Load with {@link #load(List, CorpusOptions)}; split with {@link Splitter}; turn into
 * features with {@link FeaturePipeline}.
 *
 * @param sources each input directory and the reader used for it
 * @param neutral the neutral rule applied
 * @param clips the usable clips, in path order
 * @param skipped files not used, with reasons (unparsable names, unreadable audio, ...)
 * @param dropped clips left out for their label (e.g. neutral under DROP, boredom), per label
 * @param duplicates groups of byte-identical clips among {@code clips}
 * @param warnings things a user should know (conflicting labels on identical audio, ...)
 */
public record Corpus(
    List<CorpusSource> sources,
    NeutralPolicy neutral,
    List<Clip> clips,
    List<SkippedFile> skipped,
    SortedMap<String, Integer> dropped,
    List<DuplicateGroup> duplicates,
    List<String> warnings) {

  public Corpus {
    sources = List.copyOf(sources);
    clips = List.copyOf(clips);
    skipped = List.copyOf(skipped);
    dropped = Collections.unmodifiableSortedMap(new TreeMap<>(dropped));
    duplicates = List.copyOf(duplicates);
    warnings = List.copyOf(warnings);
  }

  /** Reads directories (or manifest files) into one corpus; see {@link CorpusLoader}. */
  public static Corpus load(List<Path> roots, CorpusOptions options) throws IOException {
    return new CorpusLoader(options).load(roots);
  }

  /**
   * As {@link #load(List, CorpusOptions)}, showing the reading's progress on standard error when
   * {@code progress} is set (a bar on a terminal, else a plain line at most every 30 s).
   */
  public static Corpus load(List<Path> roots, CorpusOptions options, boolean progress) throws IOException {
    return new CorpusLoader(options, progress).load(roots);
  }

  /** Clips per class, in {@link Emotion} order, classes without clips left out. */
  public SortedMap<Emotion, Integer> perEmotion() {
    return count(clips, Clip::emotion);
  }

  /** Clips per speaker, by speaker id. */
  public SortedMap<String, Integer> perSpeaker() {
    return count(clips, Clip::speaker);
  }

  /** Clips per corpus name. */
  public SortedMap<String, Integer> perCorpus() {
    return count(clips, Clip::corpus);
  }

  /** Each speaker's gender (UNKNOWN where the corpus does not say). */
  public SortedMap<String, Gender> speakerGenders() {
    return new TreeMap<>(clips.stream().collect(Collectors.toMap(Clip::speaker, Clip::gender, (a, b) -> a == b ? a : Gender.UNKNOWN)));
  }

  /** The classes present, in {@link Emotion} order. */
  public List<Emotion> emotions() {
    return List.copyOf(perEmotion().keySet());
  }

  /** Counts items by a key, in the key's natural order. */
  public static <T, K extends Comparable<? super K>> SortedMap<K, Integer> count(Collection<T> items, Function<T, K> key) {
    SortedMap<K, Integer> m = new TreeMap<>();
    for (T t : items) {
      m.merge(key.apply(t), 1, Integer::sum);
    }
    return m;
  }
}
