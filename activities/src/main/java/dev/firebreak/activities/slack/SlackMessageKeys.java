package dev.firebreak.activities.slack;

import com.slack.api.model.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message metadata that makes a post findable again. Slack has no idempotency key for
 * chat.postMessage, so the key travels in the message's own metadata and a retry searches for it.
 */
final class SlackMessageKeys {

  static final String EVENT_TYPE = "firebreak_message";
  private static final String KEY = "key";
  private static final String INCIDENT_ID = "incident_id";

  private SlackMessageKeys() {}

  static Message.Metadata metadata(String key, String incidentId) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put(KEY, key);
    if (incidentId != null) {
      payload.put(INCIDENT_ID, incidentId);
    }
    return new Message.Metadata(EVENT_TYPE, payload);
  }

  static boolean carries(Message message, String key) {
    Message.Metadata metadata = message.getMetadata();
    return metadata != null
        && EVENT_TYPE.equals(metadata.getEventType())
        && metadata.getEventPayload() != null
        && key.equals(metadata.getEventPayload().get(KEY));
  }
}
