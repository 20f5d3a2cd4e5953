package dev.firebreak.starter.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of a Webhooks v3 delivery ({@code {"event": {...}}}) Firebreak acts on.
 *
 * @param id the event's id, also what a delivery without {@code X-Webhook-Id} is deduplicated by
 * @param type {@code incident.acknowledged}, {@code incident.resolved}, {@code pagey.ping}...
 * @param incidentKey the PagerDuty incident's {@code incident_key}: the dedup key of the Events API
 *     trigger that opened it, which for Firebreak's triggers is our incident id; null for other
 *     incidents (and for incidents grouping several alerts, which have none)
 * @param incident the PagerDuty incident, as its number or id, for the log and the timeline
 * @param agent who did it in PagerDuty ({@code agent.summary}); null when PagerDuty names nobody,
 *     as for an integration's event
 */
record PagerDutyEvent(String id, String type, String incidentKey, String incident, String agent) {

  static final String ACKNOWLEDGED = "incident.acknowledged";
  static final String UNACKNOWLEDGED = "incident.unacknowledged";
  static final String RESOLVED = "incident.resolved";
  static final String REOPENED = "incident.reopened";

  /** Reads a delivery's body; null when it holds no {@code event} object. */
  static PagerDutyEvent read(JsonNode body) {
    JsonNode event = body.path("event");
    if (!event.isObject()) {
      return null;
    }
    JsonNode data = event.path("data");
    String number = text(data.path("number"));
    return new PagerDutyEvent(
        text(event.path("id")),
        text(event.path("event_type")),
        text(data.path("incident_key")),
        number != null ? "#" + number : text(data.path("id")),
        text(event.path("agent").path("summary")));
  }

  /** A value that is there and not blank, as text. */
  private static String text(JsonNode node) {
    if (!node.isValueNode() || node.isNull()) {
      return null;
    }
    String text = node.asText().trim();
    return text.isEmpty() ? null : text;
  }
}
