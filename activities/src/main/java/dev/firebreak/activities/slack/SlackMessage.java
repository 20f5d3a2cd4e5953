package dev.firebreak.activities.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * One message to post or rewrite.
 *
 * @param channel a channel ID or a {@code #name}
 * @param threadTs the parent message when this is a thread reply, otherwise null
 * @param text the notification fallback; Slack shows it where blocks cannot be shown
 * @param blocks Block Kit layout, empty for a plain text message
 * @param key what makes the message unique; stored in the message metadata so a retry can find it
 * @param incidentId carried in the metadata too, so every message is traceable to its incident
 * @param replyBroadcast also show a thread reply in the channel
 */
public record SlackMessage(
    String channel,
    String threadTs,
    String text,
    List<LayoutBlock> blocks,
    String key,
    String incidentId,
    boolean replyBroadcast) {

  public SlackMessage {
    blocks = List.copyOf(blocks);
  }

  public static SlackMessage text(
      String channel, String threadTs, String text, String key, String incidentId) {
    return new SlackMessage(channel, threadTs, text, List.of(), key, incidentId, false);
  }

  public SlackMessage inChannel(String otherChannel) {
    return new SlackMessage(otherChannel, threadTs, text, blocks, key, incidentId, replyBroadcast);
  }

  public SlackMessage broadcastToChannel() {
    return new SlackMessage(channel, threadTs, text, blocks, key, incidentId, threadTs != null);
  }
}
