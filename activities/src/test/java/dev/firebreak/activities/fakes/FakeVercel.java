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
 * Vercel's REST API as far as Firebreak uses it: {@code GET /v6/deployments} (and {@code /v7}),
 * newest first, filtered by project and target; instant rollback ({@code POST
 * /v1/projects/{id}/rollback/{deploymentId}}, and the CLI's {@code /v9}) and the project's {@code
 * lastAliasRequest} ({@code GET /v9/projects/{id}}) that reports it pending until {@link
 * #rollbacks()} timing says live; with Vercel's bearer auth, team scoping and {@code
 * {"error":{"code","message"}}} envelopes (docs/providers.md §5).
 */
public final class FakeVercel extends FakeServer {

  /** One deployment as the fake stores it. */
  public record Deploy(
      String uid, String projectId, Instant created, String state, String target, String sha) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final String teamId;
  private static final Pattern ROLLBACK =
      Pattern.compile("/v(?:1|9)/projects/([^/]+)/rollback/([^/]+)");
  private static final Pattern PROJECT = Pattern.compile("/v9/projects/([^/]+)");

  private final Map<String, List<Deploy>> projects = new ConcurrentHashMap<>();
  private final Map<String, AliasRequest> aliasRequests = new ConcurrentHashMap<>();
  private final List<String> rollbacksStarted = new CopyOnWriteArrayList<>();
  private final RollbackTiming timing = new RollbackTiming();

  /** A project's last rollback, as {@code lastAliasRequest} reports it. */
  private record AliasRequest(String toDeploymentId, long requestedAt, RollbackTiming.Job job) {}

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
  public FakeVercel productionDeploy(
      String projectId, String uid, Instant created, String state, String sha) {
    return deploy(new Deploy(uid, projectId, created, state, "production", sha));
  }

  public FakeVercel deploy(Deploy deploy) {
    project(deploy.projectId());
    projects.get(deploy.projectId()).add(deploy);
    return this;
  }

  /** How long rollbacks take to go live, or whether they fail. */
  public RollbackTiming rollbacks() {
    return timing;
  }

  /** {@code project/deployment} of every rollback Vercel accepted, oldest first. */
  public List<String> rollbacksStarted() {
    return List.copyOf(rollbacksStarted);
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    HttpUrl url = request.getRequestUrl();
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return json(403, error("forbidden", "Not authorized"));
    }
    String path = url.encodedPath();
    String route = request.getMethod() + " " + path;
    Matcher rollback = ROLLBACK.matcher(path);
    Matcher project = PROJECT.matcher(path);
    String projectId =
        route.startsWith("GET /v6/deployments") || route.startsWith("GET /v7/deployments")
            ? url.queryParameter("projectId")
            : rollback.matches() ? rollback.group(1) : project.matches() ? project.group(1) : null;
    if (projectId == null) {
      return json(404, error("not_found", "The requested path was not found"));
    }
    List<Deploy> deploys = projects.get(projectId);
    if (deploys == null || (teamId != null && !teamId.equals(url.queryParameter("teamId")))) {
      return json(404, error("not_found", "Project not found"));
    }
    if (rollback.matches() && request.getMethod().equals("POST")) {
      return rollBack(projectId, rollback.group(2), deploys);
    }
    if (project.matches() && request.getMethod().equals("GET")) {
      return json(200, projectJson(projectId));
    }
    if (request.getMethod().equals("GET") && !rollback.matches() && !project.matches()) {
      return json(200, list(deploys, url));
    }
    return json(404, error("not_found", "The requested path was not found"));
  }

  private MockResponse rollBack(String projectId, String deploymentId, List<Deploy> deploys) {
    Deploy target =
        deploys.stream().filter(d -> d.uid().equals(deploymentId)).findFirst().orElse(null);
    if (target == null) {
      return json(404, error("not_found", "Deployment not found"));
    }
    if (!"READY".equals(target.state()) || !"production".equals(target.target())) {
      return json(
          422,
          error(
              "invalid_deployment",
              "Deployment " + deploymentId + " is not a ready production deployment"));
    }
    AliasRequest running = aliasRequests.get(projectId);
    if (running != null && !running.job().finished()) {
      return json(
          409,
          error(
              "conflict", "A rollback to " + running.toDeploymentId() + " is already in progress"));
    }
    aliasRequests.put(
        projectId, new AliasRequest(deploymentId, System.currentTimeMillis(), timing.start()));
    rollbacksStarted.add(projectId + "/" + deploymentId);
    return new MockResponse().setResponseCode(201);
  }

  private String projectJson(String projectId) {
    ObjectNode body = JSON.createObjectNode().put("id", projectId).put("name", projectId);
    AliasRequest request = aliasRequests.get(projectId);
    if (request == null) {
      body.putNull("lastAliasRequest");
    } else {
      RollbackTiming.Phase phase = request.job().read();
      body.putObject("lastAliasRequest")
          .put("type", "rollback")
          .put("toDeploymentId", request.toDeploymentId())
          .put("requestedAt", request.requestedAt())
          .put(
              "jobStatus",
              switch (phase) {
                case PENDING -> "in-progress";
                case LIVE -> "succeeded";
                case FAILED -> "failed";
              });
    }
    return body.toString();
  }

  private static String list(List<Deploy> deploys, HttpUrl url) {
    String target = url.queryParameter("target");
    int limit =
        url.queryParameter("limit") == null ? 20 : Integer.parseInt(url.queryParameter("limit"));
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("deployments");
    deploys.stream()
        .filter(d -> target == null || target.equals(d.target()))
        .sorted(Comparator.comparing(Deploy::created).reversed())
        .limit(limit)
        .forEach(
            d -> {
              ObjectNode item =
                  items
                      .addObject()
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
    return error(
        status == 429 ? "rate_limited" : status >= 500 ? "internal_server_error" : "bad_request",
        message);
  }

  private static String error(String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return body.toString();
  }
}
