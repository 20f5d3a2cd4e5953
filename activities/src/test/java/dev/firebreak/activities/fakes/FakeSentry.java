package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Sentry's organisation stats ({@code GET /api/0/organizations/{org}/stats_v2/}, docs/providers.md
 * §10): bearer auth, {@code field} and {@code groupBy} required, totals per outcome for the
 * projects asked for, and {@code {"detail"}} error bodies.
 */
public final class FakeSentry extends FakeServer {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final String organisation;
  private final Map<String, Map<String, Long>> errorsByProject = new ConcurrentHashMap<>();

  public FakeSentry(String token, String organisation) {
    super(new FaultInjection((status, message) -> detail(message)));
    this.token = token;
    this.organisation = organisation;
  }

  /** The base URL to configure, in place of {@code https://sentry.io/api/0}. */
  public String baseUrl() {
    return urlOf("/api/0");
  }

  /** Error events of the project (numeric id) in the period asked for, by outcome. */
  public FakeSentry errors(String projectId, long accepted, long rateLimited) {
    Map<String, Long> outcomes = new LinkedHashMap<>();
    outcomes.put("accepted", accepted);
    outcomes.put("rate_limited", rateLimited);
    errorsByProject.put(projectId, outcomes);
    return this;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return json(401, detail("Invalid token"));
    }
    HttpUrl url = request.getRequestUrl();
    if (!"GET".equals(request.getMethod())
        || !url.encodedPath().equals("/api/0/organizations/" + organisation + "/stats_v2/")) {
      return json(404, detail("The requested resource does not exist"));
    }
    if (url.queryParameter("field") == null || url.queryParameter("groupBy") == null) {
      return json(400, detail("At least one of field and groupBy is required"));
    }
    ObjectNode body =
        JSON.createObjectNode()
            .put("start", "2026-11-23T10:00:00Z")
            .put("end", "2026-11-23T10:15:00Z");
    body.putArray("intervals");
    ArrayNode groups = body.putArray("groups");
    Map<String, Long> totals = new LinkedHashMap<>();
    for (String project : url.queryParameterValues("project")) {
      errorsByProject
          .getOrDefault(project, Map.of())
          .forEach((outcome, n) -> totals.merge(outcome, n, Long::sum));
    }
    totals.forEach(
        (outcome, n) -> {
          ObjectNode group = groups.addObject();
          group.putObject("by").put("outcome", outcome);
          group.putObject("totals").put("sum(quantity)", n);
          group.putObject("series").putArray("sum(quantity)");
        });
    return json(200, body.toString());
  }

  private static String detail(String message) {
    return JSON.createObjectNode().put("detail", message).toString();
  }
}
