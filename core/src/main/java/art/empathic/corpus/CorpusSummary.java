package art.empathic.corpus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The numbers {@code corpus info} reports, ready for JSON (snake_case keys) or text.
 *
 * @param clips usable clips
 * @param neutral the neutral rule applied
 * @param sources each directory, the reader used and how it was chosen
 * @param perEmotion clips per class (display names, class order)
 * @param perSpeaker clips per speaker
 * @param speakerGenders each speaker's gender ("male", "female", "unknown")
 * @param perCorpus clips per corpus name
 * @param corpora each corpus on its own: language, clips, speakers and clips per class
 * @param perGender clips per speaker gender
 * @param durationS total, min, max and mean clip duration in seconds (absent when unknown)
 * @param duplicates groups of files holding the same audio (byte-identical or nearly)
 * @param skipped files not used, with reasons
 * @param dropped clips left out for their label, per label
 * @param warnings things to know
 */
@JsonPropertyOrder({"clips", "neutral", "sources", "per_emotion", "per_speaker", "speaker_genders", "per_corpus",
    "corpora", "per_gender", "duration_s", "duplicates", "skipped", "dropped", "warnings"})
public record CorpusSummary(
    int clips,
    String neutral,
    List<Source> sources,
    @JsonProperty("per_emotion") Map<String, Integer> perEmotion,
    @JsonProperty("per_speaker") Map<String, Integer> perSpeaker,
    @JsonProperty("speaker_genders") Map<String, String> speakerGenders,
    @JsonProperty("per_corpus") Map<String, Integer> perCorpus,
    List<CorpusCounts> corpora,
    @JsonProperty("per_gender") Map<String, Integer> perGender,
    @JsonProperty("duration_s") Durations durationS,
    List<Duplicate> duplicates,
    List<Skipped> skipped,
    Map<String, Integer> dropped,
    List<String> warnings) {

  /** A source directory (or manifest). */
  public record Source(String path, String corpus, String detection) {}

  /**
   * One corpus's counts.
   *
   * @param corpus its name, as its clips carry it
   * @param language the language it is spoken in, null when the reader does not know it
   * @param clips usable clips
   * @param speakers distinct speakers
   * @param perEmotion clips per class (display names, class order)
   */
  @JsonPropertyOrder({"corpus", "language", "clips", "speakers", "per_emotion"})
  public record CorpusCounts(String corpus, String language, int clips, int speakers,
      @JsonProperty("per_emotion") Map<String, Integer> perEmotion) {}

  /** Duration statistics in seconds. */
  public record Durations(double total, double min, double max, double mean) {}

  /**
   * A group of files holding the same audio: byte-identical, or samples differing by at most
   * {@code max_sample_difference} (on the [-1, 1] scale).
   */
  @JsonPropertyOrder({"paths", "identical_bytes", "max_sample_difference", "audio_key"})
  public record Duplicate(
      List<String> paths,
      @JsonProperty("identical_bytes") boolean identicalBytes,
      @JsonProperty("max_sample_difference") double maxSampleDifference,
      @JsonProperty("audio_key") String audioKey) {}

  /** A skipped file. */
  public record Skipped(String path, String reason) {}

  public static CorpusSummary of(Corpus c) {
    Map<String, Integer> perEmotion = new LinkedHashMap<>();
    c.perEmotion().forEach((e, n) -> perEmotion.put(e.label(), n));
    Map<String, String> genders = new LinkedHashMap<>();
    c.speakerGenders().forEach((s, g) -> genders.put(s, g.label()));
    Map<String, Integer> perGender = new LinkedHashMap<>();
    Corpus.count(c.clips(), Clip::gender).forEach((g, n) -> perGender.put(g.label(), n));
    double[] d = c.clips().stream().mapToDouble(Clip::durationSeconds).filter(Double::isFinite).toArray();
    Durations durations = d.length == 0 ? null : new Durations(
        round(Arrays.stream(d).sum()), round(Arrays.stream(d).min().orElseThrow()),
        round(Arrays.stream(d).max().orElseThrow()), round(Arrays.stream(d).average().orElseThrow()));
    return new CorpusSummary(
        c.clips().size(),
        c.neutral().label(),
        c.sources().stream().map(s -> new Source(s.root().toString(), s.kind().cliName(), s.detection())).toList(),
        perEmotion,
        new LinkedHashMap<>(c.perSpeaker()),
        genders,
        new LinkedHashMap<>(c.perCorpus()),
        corpora(c),
        perGender,
        durations,
        c.duplicates().stream().map(g -> new Duplicate(g.paths().stream().map(Object::toString).toList(),
            g.identicalBytes(), g.maxSampleDifference(), g.audioKey())).toList(),
        c.skipped().stream().map(s -> new Skipped(s.path().toString(), s.reason())).toList(),
        new LinkedHashMap<>(c.dropped()),
        c.warnings());
  }

  private static List<CorpusCounts> corpora(Corpus c) {
    Map<String, List<Clip>> byCorpus = new TreeMap<>(c.clips().stream().collect(Collectors.groupingBy(Clip::corpus)));
    return byCorpus.entrySet().stream().map(en -> {
      Map<String, Integer> perEmotion = new LinkedHashMap<>();
      Corpus.count(en.getValue(), Clip::emotion).forEach((e, n) -> perEmotion.put(e.label(), n));
      return new CorpusCounts(en.getKey(), CorpusKind.languageOf(en.getKey()).orElse(null), en.getValue().size(),
          (int) en.getValue().stream().map(Clip::speaker).distinct().count(), perEmotion);
    }).toList();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
