package art.empathic.run;

import static org.assertj.core.api.Assertions.assertThat;

import art.empathic.corpus.Protocol;
import art.empathic.io.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** metrics.json's split: a typed protocol, written by its key as before. */
class SplitInfoTest {

  @Test
  void theProtocolIsWrittenByItsKeyAndReadBackTyped() throws Exception {
    SplitInfo s = SplitInfo.builder(Protocol.SPEAKER).seed(42L).fold(2).testSpeakers(List.of("03", "04"))
        .speakersShared(false).sizes(100, 10, 20).build();
    String json = Json.SNAKE_CASE.writeValueAsString(s);
    assertThat(json).contains("\"protocol\" : \"speaker\"").contains("\"n_train\" : 100").contains("\"fold\" : 2");
    assertThat(Json.SNAKE_CASE.readValue(json, SplitInfo.class)).isEqualTo(s);
    // Old files: "random" and "speaker-independent" parse; a missing protocol stays null and means random.
    SplitInfo old = Json.SNAKE_CASE.readValue("{\"protocol\":\"speaker-independent\",\"n_test\":5}", SplitInfo.class);
    assertThat(old.protocol()).isEqualTo(Protocol.SPEAKER);
    SplitInfo unrecorded = Json.SNAKE_CASE.readValue("{\"n_test\":5}", SplitInfo.class);
    assertThat(unrecorded.protocol()).isNull();
    assertThat(unrecorded.protocolKind()).isEqualTo(Protocol.RANDOM);
    assertThat(unrecorded.sharesSpeakers()).isTrue();
  }
}
