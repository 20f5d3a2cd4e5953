package dev.firebreak.activities.slack;

/**
 * A message as Slack stored it.
 *
 * @param channelId always the ID Slack answered with, even when the message was posted to a name:
 *     chat.update and the conversation history only accept IDs
 * @param alreadyPosted true when an earlier attempt had posted it and this one only found it
 */
public record PostedMessage(String channelId, String ts, boolean alreadyPosted) {

  /** For timelines: where the message is and whether this attempt posted it. */
  public String describe() {
    return "Slack message "
        + channelId
        + "/"
        + ts
        + (alreadyPosted ? " (posted by an earlier attempt)" : "");
  }
}
