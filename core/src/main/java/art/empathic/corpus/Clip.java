package art.empathic.corpus;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One labelled speech clip of a corpus.
 *
 * @param path the WAV file (absolute, normalised)
 * @param corpus corpus name, e.g. "ravdess", "tess", or a folder/manifest corpus's name
 * @param speaker speaker id, unique across the built-in corpora (e.g. "Actor_07", "OAF", "03");
 *     {@link #UNKNOWN_SPEAKER} when the source does not say
 * @param gender the speaker's gender where known
 * @param emotion the class after the neutral rule ({@link NeutralPolicy})
 * @param label the canonical label the source gave (e.g. "neutral" for a clip relabelled calm)
 * @param ravdess the RAVDESS name fields (intensity, statement, repetition, ...), null otherwise
 * @param contentHash SHA-256 of the file's bytes, lower-case hex; the feature cache is keyed by it
 * @param audioKey identity of the audio: equal for clips holding the same audio (byte-identical
 *     files, or the same recording converted twice, see {@link DuplicateFinder}); splits keep clips
 *     with equal keys on one side. The content hash of the group's first file (in path order).
 * @param durationSeconds the audio's duration from its WAV header, NaN when not known
 */
public record Clip(
    Path path,
    String corpus,
    String speaker,
    Gender gender,
    Emotion emotion,
    String label,
    RavdessCode ravdess,
    String contentHash,
    String audioKey,
    double durationSeconds) {

  /** Speaker id of clips whose source names no speaker. */
  public static final String UNKNOWN_SPEAKER = "unknown";

  public Clip {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(gender, "gender");
    Objects.requireNonNull(emotion, "emotion");
    Objects.requireNonNull(label, "label");
    if (contentHash == null || !contentHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("content hash must be 64 lower-case hex digits: " + contentHash);
    }
    Objects.requireNonNull(audioKey, "audioKey");
  }

  /** A clip from a reader's labels, the mapped class and the file's facts. */
  public static Clip of(Path path, ClipLabel label, Emotion emotion, String contentHash, String audioKey,
      double durationSeconds) {
    return new Clip(path, label.corpus(), label.speaker(), label.gender(), emotion, label.label(), label.ravdess(),
        contentHash, audioKey, durationSeconds);
  }

  public boolean hasSpeaker() {
    return !UNKNOWN_SPEAKER.equals(speaker);
  }
}
