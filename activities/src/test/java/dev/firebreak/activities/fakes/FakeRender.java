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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Render's API as far as Firebreak uses it: {@code GET /v1/services/{id}/deploys}, newest first, as
 * {@code [{"deploy":{…},"cursor":"…"}]}, with bearer auth and {@code {"id","message"}} error bodies
 * (provider-apis §4.4).
 */
public final class FakeRender extends FakeServer {

  /** One deploy as the fake stores it; {@code status} is Render's word (live, build_failed, …). */
  public record Deploy(String id, String serviceId, Instant createdAt, String status, String commitId) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DEPLOYS = Pattern.compile("/v1/services/([^/]+)/deploys");

  private final String token;
  private final Map<String, List<Deploy>> services = new ConcurrentHashMap<>();

  /** @param token the API key ({@code rnd_…}) requests must carry as a bearer token */
  public FakeRender(String token) {
    super(new FaultInjection((status, message) -> error(String.valueOf(status), message)));
    this.token = token;
  }

  /** The base URL to configure, in place of {@code https://api.render.com/v1}. */
  public String baseUrl() {
    return urlOf("/v1");
  }

  /** Creates a service with no deploys yet. */
  public FakeRender service(String serviceId) {
    services.putIfAbsent(serviceId, new CopyOnWriteArrayList<>());
    return this;
  }

  /** Adds a deploy to the service (creating the service if needed). */
  public FakeRender deploy(String serviceId, String id, Instant createdAt, String status, String commitId) {
    service(serviceId);
    services.get(serviceId).add(new Deploy(id, serviceId, createdAt, status, commitId));
    return this;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return json(401, error("unauthorized", "unauthorized"));
    }
    HttpUrl url = request.getRequestUrl();
    Matcher deploys = DEPLOYS.matcher(url.encodedPath());
    if (!"GET".equals(request.getMethod()) || !deploys.matches()) {
      return json(404, error("not_found", "not found"));
    }
    List<Deploy> list = services.get(deploys.group(1));
    if (list == null) {
      return json(404, error("not_found", "service not found"));
    }
    return json(200, list(list, url));
  }

  private static String list(List<Deploy> deploys, HttpUrl url) {
    int limit = url.queryParameter("limit") == null ? 20 : Integer.parseInt(url.queryParameter("limit"));
    ArrayNode body = JSON.createArrayNode();
    deploys.stream()
        .sorted(Comparator.comparing(Deploy::createdAt).reversed())
        .limit(limit)
        .forEach(d -> {
          ObjectNode entry = body.addObject();
          ObjectNode deploy = entry.putObject("deploy")
              .put("id", d.id())
              .put("status", d.status())
              .put("trigger", "new_commit")
              .put("createdAt", d.createdAt().toString())
              .put("updatedAt", d.createdAt().toString());
          deploy.putObject("commit").put("id", d.commitId()).put("message", "commit " + d.commitId());
          entry.put("cursor", "cursor-" + d.id());
        });
    return body.toString();
  }

  private static String error(String id, String message) {
    return JSON.createObjectNode().put("id", id).put("message", message).toString();
  }
}
