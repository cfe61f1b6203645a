package art.empathic.run;

import art.empathic.corpus.Protocol;
import java.util.List;

/**
 * How the clips were split, as recorded in {@code metrics.json} under {@code split}.
 *
 * @param protocol {@code random} (clips shuffled, speakers shared) or {@code speaker}
 *     (speaker-independent folds)
 * @param fold the fold number for the speaker protocol, else null
 * @param testSpeakers speakers of the test part
 * @param speakersShared whether any speaker has clips on both the training and the test side
 */
public record SplitInfo(String protocol, Long seed, Integer fold, List<String> testSpeakers,
    Boolean speakersShared, Integer nTrain, Integer nVal, Integer nTest) {

  public SplitInfo {
    testSpeakers = testSpeakers == null ? List.of() : List.copyOf(testSpeakers);
  }

  /** The protocol this split follows, {@link Protocol#RANDOM} when unrecorded. */
  public Protocol protocolKind() {
    return Protocol.parse(protocol);
  }

  /** Whether train and test share speakers: as recorded, else implied by the protocol. */
  public boolean sharesSpeakers() {
    return speakersShared != null ? speakersShared : protocolKind() == Protocol.RANDOM;
  }
}
