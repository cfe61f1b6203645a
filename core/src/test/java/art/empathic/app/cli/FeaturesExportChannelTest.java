package art.empathic.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import art.empathic.audio.Channel;
import org.junit.jupiter.api.Test;

/** {@code features export --channel}: the channel names a robustness screen passes. */
class FeaturesExportChannelTest {
  @Test
  void channelsParseWithAndWithoutValues() {
    assertThat(FeaturesExportCommand.parseChannel("white:20")).isEqualTo(new Channel(Channel.Kind.WHITE, 20));
    assertThat(FeaturesExportCommand.parseChannel("Babble:10")).isEqualTo(new Channel(Channel.Kind.BABBLE, 10));
    assertThat(FeaturesExportCommand.parseChannel("telephone")).isEqualTo(new Channel(Channel.Kind.TELEPHONE, 0));
    assertThat(FeaturesExportCommand.parseChannel("gain:-20")).isEqualTo(new Channel(Channel.Kind.GAIN, -20));
  }

  @Test
  void aBadChannelSaysWhatIsWrong() {
    assertThatThrownBy(() -> FeaturesExportCommand.parseChannel("pink:20")).hasMessageContaining("unknown channel 'pink'");
    assertThatThrownBy(() -> FeaturesExportCommand.parseChannel("white")).hasMessageContaining("give the value too");
    assertThatThrownBy(() -> FeaturesExportCommand.parseChannel("white:loud")).hasMessageContaining("not a number");
  }
}
