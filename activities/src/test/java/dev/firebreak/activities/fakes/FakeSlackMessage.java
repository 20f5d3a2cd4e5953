package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message as the fake Slack stores it.
 *
 * @param threadTs the parent's ts for a reply, null for a top-level message
 * @param blocks the decoded Block Kit array, null when the message has none
 * @param metadata the decoded {@code {event_type, event_payload}}, null when none was sent
 */
public record FakeSlackMessage(
    String channelId,
    String ts,
    String threadTs,
    String text,
    JsonNode blocks,
    JsonNode metadata,
    boolean replyBroadcast) {

  public boolean isReply() {
    return threadTs != null && !threadTs.equals(ts);
  }

  /** A value of the metadata's {@code event_payload}, or null. */
  public String metadataValue(String field) {
    return metadata == null ? null : metadata.path("event_payload").path(field).asText(null);
  }

  FakeSlackMessage edited(String newText, JsonNode newBlocks, JsonNode newMetadata) {
    return new FakeSlackMessage(
        channelId,
        ts,
        threadTs,
        newText == null ? text : newText,
        newBlocks == null ? blocks : newBlocks,
        newMetadata == null ? metadata : newMetadata,
        replyBroadcast);
  }
}
