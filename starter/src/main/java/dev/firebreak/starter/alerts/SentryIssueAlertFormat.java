package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.starter.service.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentry's issue alert webhook ({@code Sentry-Hook-Resource: event_alert}): an alert rule fired on
 * an event. Its issue is the fingerprint, so every event of one issue joins one incident; the
 * event's tags, level, project and the rule's name are the labels rules match. Sentry never says an
 * issue alert resolved, so these alerts only fire.
 */
final class SentryIssueAlertFormat implements AlertFormat {

  @Override
  public List<ReceivedAlert> read(JsonNode body) {
    String action = AlertJson.requiredText(body, "action", "");
    if (!action.equals("triggered")) {
      throw Refusal.badRequest(
          "Field 'action' must be 'triggered' (an issue alert), not '" + action + "'.");
    }
    JsonNode data = AlertJson.requiredObject(body, "data", "");
    JsonNode event = AlertJson.requiredObject(data, "event", "data.");
    JsonNode issue = event.get("issue_id");
    if (issue == null
        || !(issue.isTextual() || issue.isIntegralNumber())
        || issue.asText().isBlank()) {
      throw Refusal.badRequest(
          "Field 'data.event.issue_id' is required: it identifies the Sentry issue.");
    }
    String title = AlertJson.requiredText(event, "title", "data.event.");
    String rule = AlertJson.text(data, "triggered_rule", "data.");
    Map<String, String> labels = new LinkedHashMap<>(tags(event.get("tags")));
    putIfPresent(labels, "level", AlertJson.text(event, "level", "data.event."));
    putIfPresent(labels, "rule", rule);
    if (event.hasNonNull("project")) {
      labels.put("project", event.get("project").asText());
    }
    String link = AlertJson.text(event, "web_url", "data.event.");
    String detail =
        (rule == null ? "" : "Rule '" + rule + "'")
            + (link == null ? "" : (rule == null ? "" : ": ") + link);
    return List.of(
        new ReceivedAlert(
            AlertSource.SENTRY,
            "sentry-issue-" + issue.asText(),
            true,
            title,
            detail.isEmpty() ? null : detail,
            labels,
            AlertJson.numbersIn(labels),
            AlertJson.excerpt(withoutStack(event))));
  }

  /**
   * Sentry sends tags as {@code [["key", "value"], ...]}; entries of another shape carry nothing to
   * match.
   */
  private static Map<String, String> tags(JsonNode tags) {
    Map<String, String> read = new LinkedHashMap<>();
    if (tags != null && tags.isArray()) {
      for (JsonNode tag : tags) {
        if (tag.isArray()
            && tag.size() == 2
            && tag.get(0).isTextual()
            && tag.get(1).isValueNode()) {
          read.put(tag.get(0).asText(), tag.get(1).asText());
        }
      }
    }
    return read;
  }

  private static void putIfPresent(Map<String, String> labels, String name, String value) {
    if (value != null) {
      labels.put(name, value);
    }
  }

  /** The stack trace would fill the excerpt; the title and links say more to a responder. */
  private static JsonNode withoutStack(JsonNode event) {
    return ((ObjectNode) event.deepCopy())
        .without(
            List.of(
                "exception",
                "contexts",
                "request",
                "sdk",
                "grouping_config",
                "_ref",
                "_ref_version",
                "hashes"));
  }
}
