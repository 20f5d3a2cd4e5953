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
 * Vercel's REST API as far as Firebreak uses it: {@code GET /v6/deployments} (and {@code /v7}),
 * newest first, filtered by project and target, with Vercel's bearer auth, team scoping and
 * {@code {"error":{"code","message"}}} envelopes (provider-apis §4.3).
 */
public final class FakeVercel extends FakeServer {

  /** One deployment as the fake stores it. */
  public record Deploy(String uid, String projectId, Instant created, String state, String target, String sha) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final String teamId;
  private final Map<String, List<Deploy>> projects = new ConcurrentHashMap<>();

  /**
   * @param token the bearer token requests must carry
   * @param teamId the team owning the projects (requests must pass {@code teamId}), or null
   */
  public FakeVercel(String token, String teamId) {
    super(new FaultInjection(FakeVercel::error));
    this.token = token;
    this.teamId = teamId;
  }

  /** The base URL to configure, in place of {@code https://api.vercel.com}. */
  public String baseUrl() {
    return urlOf("/").replaceAll("/$", "");
  }

  /** Creates a project with no deployments yet. */
  public FakeVercel project(String projectId) {
    projects.putIfAbsent(projectId, new CopyOnWriteArrayList<>());
    return this;
  }

  /** Adds a production deployment to the project (creating the project if needed). */
  public FakeVercel productionDeploy(String projectId, String uid, Instant created, String state, String sha) {
    return deploy(new Deploy(uid, projectId, created, state, "production", sha));
  }

  public FakeVercel deploy(Deploy deploy) {
    project(deploy.projectId());
    projects.get(deploy.projectId()).add(deploy);
    return this;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return json(403, error("forbidden", "Not authorized"));
    }
    String route = request.getMethod() + " " + url.encodedPath();
    if (!route.equals("GET /v6/deployments") && !route.equals("GET /v7/deployments")) {
      return json(404, error("not_found", "The requested path was not found"));
    }
    List<Deploy> deploys = projects.get(String.valueOf(url.queryParameter("projectId")));
    if (deploys == null || (teamId != null && !teamId.equals(url.queryParameter("teamId")))) {
      return json(404, error("not_found", "Project not found"));
    }
    return json(200, list(deploys, url));
  }

  private static String list(List<Deploy> deploys, HttpUrl url) {
    String target = url.queryParameter("target");
    int limit = url.queryParameter("limit") == null ? 20 : Integer.parseInt(url.queryParameter("limit"));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("deployments");
    deploys.stream()
        .filter(d -> target == null || target.equals(d.target()))
        .sorted(Comparator.comparing(Deploy::created).reversed())
        .limit(limit)
        .forEach(d -> {
          ObjectNode item = items.addObject()
              .put("uid", d.uid())
              .put("name", d.projectId())
              .put("projectId", d.projectId())
              .put("url", d.uid() + ".vercel.app")
              .put("created", d.created().toEpochMilli())
              .put("createdAt", d.created().toEpochMilli())
              .put("state", d.state())
              .put("readyState", d.state())
              .put("target", d.target())
              .put("type", "LAMBDAS");
          item.putObject("meta").put("githubCommitSha", d.sha());
        });
    body.putObject("pagination").put("count", items.size()).putNull("next").putNull("prev");
    return body.toString();
  }

  private static String error(int status, String message) {
    return error(status == 429 ? "rate_limited" : status >= 500 ? "internal_server_error" : "bad_request", message);
  }

  private static String error(String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return body.toString();
  }
}
