package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

  @Test
  void shortTextIsLeftAlone() {
    assertThat(SlackText.truncate("all good", 8)).isEqualTo("all good");
  }

  @Test
  void cutNeverSplitsAnEmojiInHalf() {
    String cut = SlackText.truncate("ab🔥🔥🔥", 4);

    assertThat(cut).isEqualTo("ab…");
  }

  @Test
  void cutNeverLeavesHalfAnEscapedEntity() {
    String cut = SlackText.mrkdwn("abc & more", 8);

    assertThat(cut).isEqualTo("abc …").hasSizeLessThanOrEqualTo(8);
  }

  @Test
  void mentionsOnlyComeFromSlackIds() {
    assertThat(SlackText.escape("<!channel> & co")).isEqualTo("&lt;!channel&gt; &amp; co");
    assertThat(SlackMention.person("slack:U0ALICE")).isEqualTo("<@U0ALICE>");
    assertThat(SlackMention.person("Alice <ops>")).isEqualTo("Alice &lt;ops&gt;");
    assertThat(SlackMention.of("slack:alice")).isEmpty();
  }
}
