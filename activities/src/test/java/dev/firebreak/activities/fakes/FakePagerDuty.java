package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * PagerDuty's Events API v2 ({@code POST /v2/enqueue}, docs/providers.md §3): no auth header, the
 * routing key in the body; alerts deduplicated per routing key and {@code dedup_key}. A trigger on
 * an open alert adds to it; after resolve the same key opens a new alert; ack or resolve with no
 * open alert is accepted and dropped. Invalid events get 400 with PagerDuty's {@code errors} list.
 */
public final class FakePagerDuty extends FakeServer {

  /** One PagerDuty alert: {@code status} is triggered, acknowledged or resolved. */
  public record Alert(
      String routingKey,
      String dedupKey,
      String status,
      int triggers,
      String summary,
      String severity,
      JsonNode customDetails) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

  private final Set<String> routingKeys;

  /** The latest alert of each routing key and dedup key, as an index into {@link #opened}. */
  private final Map<String, Integer> latest = new ConcurrentHashMap<>();

  private final List<Alert> opened = new ArrayList<>();

  /**
   * @param routingKeys the integration keys that exist
   */
  public FakePagerDuty(String... routingKeys) {
    super(
        new FaultInjection(
            (status, message) -> error(status == 429 ? "throttle event" : "error", message)));
    this.routingKeys = Set.of(routingKeys);
  }

  /** The base URL to configure, in place of {@code https://events.pagerduty.com}. */
  public String baseUrl() {
    return urlOf("/").replaceAll("/$", "");
  }

  /** Every alert ever opened, oldest first, each in its current state. */
  public synchronized List<Alert> alerts() {
    return List.copyOf(opened);
  }

  @Override
  protected synchronized MockResponse handle(RecordedRequest request) {
    if (!"POST".equals(request.getMethod())
        || !"/v2/enqueue".equals(request.getRequestUrl().encodedPath())) {
      return json(404, error("Not Found", "Not Found"));
    }
    JsonNode event;
    try {
      event = JSON.readTree(bodyOf(request));
    } catch (IOException notJson) {
      return json(400, error("invalid event", "Event object is invalid", "Malformed JSON"));
    }
    String routingKey = event.path("routing_key").asText("");
    String action = event.path("event_action").asText("");
    String dedupKey = event.path("dedup_key").asText(null);
    if (!routingKeys.contains(routingKey)) {
      return json(400, error("invalid event", "Event object is invalid", "Invalid routing key"));
    }
    return switch (action) {
      case "trigger" -> trigger(routingKey, dedupKey, event.path("payload"));
      case "acknowledge", "resolve" ->
          dedupKey == null
              ? json(
                  400, error("invalid event", "Event object is invalid", "'dedup_key' is missing"))
              : change(
                  routingKey, dedupKey, action.equals("resolve") ? "resolved" : "acknowledged");
      default ->
          json(400, error("invalid event", "Event object is invalid", "'event_action' is invalid"));
    };
  }

  private MockResponse trigger(String routingKey, String dedupKey, JsonNode payload) {
    if (payload.path("summary").asText("").isBlank()
        || payload.path("source").asText("").isBlank()) {
      return json(
          400,
          error(
              "invalid event",
              "Event object is invalid",
              "'payload.summary' and 'payload.source' are required"));
    }
    String severity = payload.path("severity").asText("");
    if (!SEVERITIES.contains(severity)) {
      return json(
          400, error("invalid event", "Event object is invalid", "'payload.severity' is invalid"));
    }
    String dedup = dedupKey == null ? UUID.randomUUID().toString() : dedupKey;
    Integer index = latest.get(key(routingKey, dedup));
    Alert existing = index == null ? null : opened.get(index);
    if (existing != null && !existing.status().equals("resolved")) {
      opened.set(
          index,
          new Alert(
              routingKey,
              dedup,
              existing.status(),
              existing.triggers() + 1,
              existing.summary(),
              existing.severity(),
              existing.customDetails()));
    } else {
      opened.add(
          new Alert(
              routingKey,
              dedup,
              "triggered",
              1,
              payload.path("summary").asText(),
              severity,
              payload.path("custom_details")));
      latest.put(key(routingKey, dedup), opened.size() - 1);
    }
    return accepted(dedup);
  }

  private MockResponse change(String routingKey, String dedupKey, String status) {
    Integer index = latest.get(key(routingKey, dedupKey));
    Alert existing = index == null ? null : opened.get(index);
    if (existing != null && !existing.status().equals("resolved")) {
      opened.set(
          index,
          new Alert(
              routingKey,
              dedupKey,
              status,
              existing.triggers(),
              existing.summary(),
              existing.severity(),
              existing.customDetails()));
    }
    return accepted(dedupKey);
  }

  private static MockResponse accepted(String dedupKey) {
    return json(
        202,
        JSON.createObjectNode()
            .put("status", "success")
            .put("message", "Event processed")
            .put("dedup_key", dedupKey)
            .toString());
  }

  private static String key(String routingKey, String dedupKey) {
    return routingKey + "/" + dedupKey;
  }

  private static String error(String status, String message, String... errors) {
    ObjectNode body = JSON.createObjectNode().put("status", status).put("message", message);
    for (String e : errors.length == 0 ? new String[] {message} : errors) {
      body.withArray("errors").add(e);
    }
    return body.toString();
  }
}
