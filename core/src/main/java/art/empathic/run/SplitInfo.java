package art.empathic.run;

import art.empathic.corpus.Protocol;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.List;

/**
 * How the clips were split, as recorded in {@code metrics.json} under {@code split}.
 *
 * @param protocol the protocol, written by its key ({@code random}, {@code speaker}, {@code none});
 *     null when an old file did not record it
 * @param fold the fold number for the speaker protocol, else null
 * @param testSpeakers speakers of the test part
 * @param speakersShared whether any speaker has clips on both the training and the test side
 */
public record SplitInfo(
    @JsonSerialize(converter = ProtocolKey.Write.class) @JsonDeserialize(converter = ProtocolKey.Read.class)
    Protocol protocol,
    Long seed, Integer fold, List<String> testSpeakers,
    Boolean speakersShared, Integer nTrain, Integer nVal, Integer nTest) {

  public SplitInfo {
    testSpeakers = testSpeakers == null ? List.of() : List.copyOf(testSpeakers);
  }

  /** The protocol this split follows, {@link Protocol#RANDOM} when unrecorded. */
  public Protocol protocolKind() {
    return protocol == null ? Protocol.RANDOM : protocol;
  }

  /** Whether train and test share speakers: as recorded, else implied by the protocol. */
  public boolean sharesSpeakers() {
    return speakersShared != null ? speakersShared : protocolKind() == Protocol.RANDOM;
  }

  /** A builder for {@code protocol}'s split; unset parts stay null (empty test speakers). */
  public static Builder builder(Protocol protocol) {
    return new Builder(protocol);
  }

  /** Names each part of a {@link SplitInfo}. */
  public static final class Builder {
    private final Protocol protocol;
    private Long seed;
    private Integer fold;
    private List<String> testSpeakers;
    private Boolean speakersShared;
    private Integer nTrain;
    private Integer nVal;
    private Integer nTest;

    private Builder(Protocol protocol) {
      this.protocol = protocol;
    }

    public Builder seed(Long v) { seed = v; return this; }
    public Builder fold(Integer v) { fold = v; return this; }
    public Builder testSpeakers(List<String> v) { testSpeakers = v; return this; }
    public Builder speakersShared(Boolean v) { speakersShared = v; return this; }
    /** Clips on the training, validation and test sides. */
    public Builder sizes(Integer train, Integer validation, Integer test) {
      nTrain = train;
      nVal = validation;
      nTest = test;
      return this;
    }

    public SplitInfo build() {
      return new SplitInfo(protocol, seed, fold, testSpeakers, speakersShared, nTrain, nVal, nTest);
    }
  }

  /** metrics.json spells a protocol by its key ("random"), as it always has. */
  static final class ProtocolKey {
    private ProtocolKey() {}

    static final class Write extends StdConverter<Protocol, String> {
      @Override
      public String convert(Protocol p) {
        return p.key();
      }
    }

    static final class Read extends StdConverter<String, Protocol> {
      @Override
      public Protocol convert(String s) {
        return Protocol.parse(s);
      }
    }
  }
}
