package dev.firebreak.workflows.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackEscapingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"<!channel>", "<https://x|y>", "&lt;", "&amp;lt;", "a & b > c < d", "plain", ""})
  void whatSlackSendsInIsWhatWeEscapeOnTheWayOut(String typed) {
    String escaped = SlackEscaping.escape(typed);

    assertThat(escaped).doesNotContain("<", ">");
    assertThat(SlackEscaping.unescape(escaped)).isEqualTo(typed);
  }

  @Test
  void nullIsEmpty() {
    assertThat(SlackEscaping.escape(null)).isEmpty();
    assertThat(SlackEscaping.unescape(null)).isEmpty();
  }
}
