package art.empathic.corpus;

/**
 * The seven numeric fields of a RAVDESS file name {@code MM-VV-EE-II-SS-RR-AA.wav}.
 *
 * @param modality 01 full audio-video, 03 audio-only (02, video-only, has no audio)
 * @param vocalChannel 01 speech, 02 song
 * @param emotion 01 neutral .. 08 surprised
 * @param intensity 01 normal, 02 strong
 * @param statement 01 "Kids are talking by the door", 02 "Dogs are sitting by the door"
 * @param repetition 01 or 02
 * @param actor 01..24; odd actors are male, even actors female
 */
public record RavdessCode(
    int modality, int vocalChannel, int emotion, int intensity, int statement, int repetition, int actor) {

  /** True for song clips ({@code 03-02-...}). */
  public boolean isSong() {
    return vocalChannel == 2;
  }

  public Gender gender() {
    return actor % 2 == 1 ? Gender.MALE : Gender.FEMALE;
  }
}
