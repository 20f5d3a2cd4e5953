package dev.firebreak.starter.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * An answer to a command or click, in mrkdwn.
 *
 * @param inChannel shown to the whole channel (a declaration); otherwise only to the person who
 *     asked
 * @param blocks Block Kit layout shown instead of the text (a playbook card with its buttons);
 *     empty for a text answer, and the text stays as the notification's fallback
 */
record SlackReply(String text, boolean inChannel, List<LayoutBlock> blocks) {

  SlackReply {
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  SlackReply(String text, boolean inChannel) {
    this(text, inChannel, List.of());
  }

  static SlackReply toUser(String text) {
    return new SlackReply(text, false);
  }

  static SlackReply toChannel(String text) {
    return new SlackReply(text, true);
  }
}
