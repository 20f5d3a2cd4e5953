package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Stripe's events list ({@code GET /v1/events}, provider-apis §4.5): bearer auth with the secret key,
 * newest first, {@code delivery_success}, {@code created[gte]}, {@code limit} (at most 100) and
 * {@code starting_after} pagination, and {@code {"error":{"message","type"}}} errors.
 */
public final class FakeStripe extends FakeServer {

  /** One event; {@code delivered} is false when delivery failed to at least one endpoint. */
  public record Event(String id, String type, Instant created, boolean delivered) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String apiKey;
  private final List<Event> events = new CopyOnWriteArrayList<>();

  public FakeStripe(String apiKey) {
    super(new FaultInjection((status, message) -> error(message, status == 429 ? "rate_limit_error" : "api_error")));
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
      return json(401, error("Invalid API Key provided: " + masked(request.getHeader("Authorization")),
          "invalid_request_error"));
    }
    HttpUrl url = request.getRequestUrl();
    if (!"GET".equals(request.getMethod()) || !"/v1/events".equals(url.encodedPath())) {
      return json(404, error("Unrecognized request URL (" + request.getMethod() + ": " + url.encodedPath() + ").",
          "invalid_request_error"));
    }
    int limit = url.queryParameter("limit") == null ? 10 : Integer.parseInt(url.queryParameter("limit"));
    if (limit < 1 || limit > 100) {
      return json(400, error("This value must be less than or equal to 100.", "invalid_request_error"));
    }
    String deliverySuccess = url.queryParameter("delivery_success");
    String gte = url.queryParameter("created[gte]");
    List<Event> matching = events.stream()
        .filter(e -> deliverySuccess == null || e.delivered() == Boolean.parseBoolean(deliverySuccess))
        .filter(e -> gte == null || e.created().getEpochSecond() >= Long.parseLong(gte))
        .sorted(Comparator.comparing(Event::created).reversed().thenComparing(Event::id))
        .toList();
    String after = url.queryParameter("starting_after");
    int from = 0;
    if (after != null) {
      from = matching.stream().map(Event::id).toList().indexOf(after) + 1;
      if (from == 0) {
        return json(400, error("No such event: '" + after + "'", "invalid_request_error"));
      }
    }
    List<Event> page = matching.subList(from, Math.min(matching.size(), from + limit));
    ObjectNode body = JSON.createObjectNode().put("object", "list").put("url", "/v1/events")
        .put("has_more", from + limit < matching.size());
    ArrayNode data = body.putArray("data");
    page.forEach(e -> data.addObject().put("id", e.id()).put("object", "event").put("type", e.type())
        .put("created", e.created().getEpochSecond()).put("livemode", false)
        .put("pending_webhooks", e.delivered() ? 0 : 1));
    return json(200, body.toString());
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
