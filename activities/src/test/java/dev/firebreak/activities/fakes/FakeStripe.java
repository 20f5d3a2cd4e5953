package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Stripe's events list ({@code GET /v1/events}, docs/providers.md §7): bearer auth with the secret
 * key, newest first, {@code delivery_success}, {@code created[gte]}, {@code limit} (at most 100)
 * and {@code starting_after} pagination, and {@code {"error":{"message","type"}}} errors; and one
 * event ({@code GET /v1/events/{id}}). An event added twice is listed twice, as a listing that
 * shifts while it is paged would; {@code starting_after} continues after the copy the previous page
 * ended on.
 */
public final class FakeStripe extends FakeServer {

  /** One event; {@code delivered} is false when delivery failed to at least one endpoint. */
  public record Event(String id, String type, Instant created, boolean delivered) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiKey;
  private final List<Event> events = new CopyOnWriteArrayList<>();

  /**
   * Where each id was last served in the listing, so a cursor on a twice-listed event stays
   * unambiguous.
   */
  private final Map<String, Integer> servedAt = new ConcurrentHashMap<>();

  public FakeStripe(String apiKey) {
    super(
        new FaultInjection(
            (status, message) -> error(message, status == 429 ? "rate_limit_error" : "api_error")));
    this.apiKey = apiKey;
  }

  /** The base URL to configure, in place of {@code https://api.stripe.com}. */
  public String baseUrl() {
    return urlOf("/").replaceAll("/$", "");
  }

  public FakeStripe event(String id, String type, Instant created, boolean delivered) {
    events.add(new Event(id, type, created, delivered));
    return this;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
      return json(
          401,
          error(
              "Invalid API Key provided: " + masked(request.getHeader("Authorization")),
              "invalid_request_error"));
    }
    HttpUrl url = request.getRequestUrl();
    if ("GET".equals(request.getMethod())
        && url.pathSize() == 3
        && url.encodedPath().startsWith("/v1/events/")) {
      return retrieve(url.pathSegments().get(2));
    }
    if (!"GET".equals(request.getMethod()) || !"/v1/events".equals(url.encodedPath())) {
      return json(
          404,
          error(
              "Unrecognized request URL (" + request.getMethod() + ": " + url.encodedPath() + ").",
              "invalid_request_error"));
    }
    int limit =
        url.queryParameter("limit") == null ? 10 : Integer.parseInt(url.queryParameter("limit"));
    if (limit < 1 || limit > 100) {
      return json(
          400, error("This value must be less than or equal to 100.", "invalid_request_error"));
    }
    String deliverySuccess = url.queryParameter("delivery_success");
    String gte = url.queryParameter("created[gte]");
    List<Event> matching =
        events.stream()
            .filter(
                e ->
                    deliverySuccess == null
                        || e.delivered() == Boolean.parseBoolean(deliverySuccess))
            .filter(e -> gte == null || e.created().getEpochSecond() >= Long.parseLong(gte))
            .sorted(Comparator.comparing(Event::created).reversed().thenComparing(Event::id))
            .toList();
    String after = url.queryParameter("starting_after");
    int from = 0;
    if (after != null) {
      from =
          servedAt.getOrDefault(after, matching.stream().map(Event::id).toList().indexOf(after))
              + 1;
      if (from == 0) {
        return json(400, error("No such event: '" + after + "'", "invalid_request_error"));
      }
    }
    List<Event> page = matching.subList(from, Math.min(matching.size(), from + limit));
    ObjectNode body =
        JSON.createObjectNode()
            .put("object", "list")
            .put("url", "/v1/events")
            .put("has_more", from + limit < matching.size());
    ArrayNode data = body.putArray("data");
    for (int i = 0; i < page.size(); i++) {
      data.add(eventJson(page.get(i)));
      servedAt.put(page.get(i).id(), from + i);
    }
    return json(200, body.toString());
  }

  private MockResponse retrieve(String id) {
    return events.stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .map(e -> json(200, eventJson(e).toString()))
        .orElseGet(() -> json(404, error("No such event: '" + id + "'", "invalid_request_error")));
  }

  /** An event as Stripe sends it, in the list and in a webhook delivery. */
  private static ObjectNode eventJson(Event e) {
    ObjectNode event =
        JSON.createObjectNode()
            .put("id", e.id())
            .put("object", "event")
            .put("api_version", "2024-06-20")
            .put("type", e.type())
            .put("created", e.created().getEpochSecond())
            .put("livemode", false)
            .put("pending_webhooks", e.delivered() ? 0 : 1);
    event
        .putObject("data")
        .putObject("object")
        .put("id", "obj_" + e.id().replaceFirst("^evt_", ""))
        .put("object", e.type().replaceFirst("\\..*", ""));
    return event;
  }

  private static String masked(String header) {
    String key = header == null ? "" : header.replaceFirst("^Bearer ", "");
    return key.length() <= 4 ? "***" : "sk_***" + key.substring(key.length() - 4);
  }

  private static String error(String message, String type) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", type);
    return body.toString();
  }
}
