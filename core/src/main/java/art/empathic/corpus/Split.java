package art.empathic.corpus;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A train / validation / test split of clips. Byte-identical clips are always on one side.
 *
 * @param spec what was asked for
 * @param description one sentence saying what the split is and what it means for the scores
 * @param testSpeakers the speakers of the test part, sorted
 * @param train training clips
 * @param validation validation clips (empty when none was asked for)
 * @param test test clips
 * @param warnings things that make scores less trustworthy (speakers on both sides, a class
 *     missing from a part, ...); print them where users see them
 */
public record Split(
    SplitSpec spec,
    String description,
    List<String> testSpeakers,
    List<Clip> train,
    List<Clip> validation,
    List<Clip> test,
    List<String> warnings) {

  public Split {
    testSpeakers = List.copyOf(testSpeakers);
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    test = List.copyOf(test);
    warnings = List.copyOf(warnings);
  }

  /** Speakers (known ones) with clips in both the training and the test part. */
  public Set<String> speakersInTrainAndTest() {
    return sharedSpeakers(train, test);
  }

  /** Known speakers with clips in both lists, sorted. */
  static Set<String> sharedSpeakers(List<Clip> a, List<Clip> b) {
    Set<String> inA = new HashSet<>();
    a.stream().filter(Clip::hasSpeaker).forEach(c -> inA.add(c.speaker()));
    Set<String> both = new TreeSet<>();
    b.stream().filter(c -> inA.contains(c.speaker())).forEach(c -> both.add(c.speaker()));
    return both;
  }

  /** One line with the part sizes, e.g. "train 1075, validation 0, test 269". */
  public String sizes() {
    return "train " + train.size() + ", validation " + validation.size() + ", test " + test.size();
  }
}
