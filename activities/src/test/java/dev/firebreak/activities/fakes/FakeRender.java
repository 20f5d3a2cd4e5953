package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Render's API as far as Firebreak uses it: {@code GET /v1/services/{id}/deploys}, newest first, as
 * {@code [{"deploy":{…},"cursor":"…"}]}; {@code GET …/deploys/{deployId}}; {@code POST …/rollback}
 * (a new deploy with {@code trigger: rollback}, {@code update_in_progress} until {@link
 * #rollbacks()} timing says live, when the previous live deploy becomes {@code deactivated}); and
 * {@code POST …/restart}; with bearer auth and {@code {"id","message"}} error bodies
 * (docs/providers.md §6).
 */
public final class FakeRender extends FakeServer {

  /** One deploy as the fake stores it; {@code status} is Render's word (live, build_failed, …). */
  public record Deploy(
      String id,
      String serviceId,
      Instant createdAt,
      String status,
      String commitId,
      String trigger) {

    Deploy withStatus(String newStatus) {
      return new Deploy(id, serviceId, createdAt, newStatus, commitId, trigger);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DEPLOYS = Pattern.compile("/v1/services/([^/]+)/deploys");
  private static final Pattern DEPLOY = Pattern.compile("/v1/services/([^/]+)/deploys/([^/]+)");
  private static final Pattern ACTION = Pattern.compile("/v1/services/([^/]+)/(rollback|restart)");

  private final String token;
  private final Map<String, List<Deploy>> services = new ConcurrentHashMap<>();
  private final Map<String, RollbackTiming.Job> jobs = new ConcurrentHashMap<>();
  private final List<String> rollbacksStarted = new CopyOnWriteArrayList<>();
  private final List<String> restarts = new CopyOnWriteArrayList<>();
  private final RollbackTiming timing = new RollbackTiming();
  private final AtomicInteger nextDeploy = new AtomicInteger(1);

  /**
   * @param token the API key ({@code rnd_…}) requests must carry as a bearer token
   */
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
  public FakeRender deploy(
      String serviceId, String id, Instant createdAt, String status, String commitId) {
    service(serviceId);
    services
        .get(serviceId)
        .add(new Deploy(id, serviceId, createdAt, status, commitId, "new_commit"));
    return this;
  }

  /** How long rollbacks take to go live, or whether they fail. */
  public RollbackTiming rollbacks() {
    return timing;
  }

  /** {@code service/deployId} of every rollback Render accepted, oldest first. */
  public List<String> rollbacksStarted() {
    return List.copyOf(rollbacksStarted);
  }

  /** Every service restarted, oldest first. */
  public List<String> restarts() {
    return List.copyOf(restarts);
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
      return json(401, error("unauthorized", "unauthorized"));
    }
    HttpUrl url = request.getRequestUrl();
    String path = url.encodedPath();
    Matcher deploys = DEPLOYS.matcher(path);
    Matcher deploy = DEPLOY.matcher(path);
    Matcher action = ACTION.matcher(path);
    String serviceId =
        deploys.matches()
            ? deploys.group(1)
            : deploy.matches() ? deploy.group(1) : action.matches() ? action.group(1) : null;
    List<Deploy> list = serviceId == null ? null : services.get(serviceId);
    if (serviceId != null && list == null) {
      return json(404, error("not_found", "service not found"));
    }
    String method = request.getMethod();
    if ("GET".equals(method) && deploys.matches()) {
      return json(200, list(list, url));
    }
    if ("GET".equals(method) && deploy.matches()) {
      return readDeploy(list, deploy.group(2));
    }
    if ("POST".equals(method) && action.matches() && action.group(2).equals("rollback")) {
      return rollBack(serviceId, list, request.getBody().clone().readUtf8());
    }
    if ("POST".equals(method) && action.matches()) {
      restarts.add(serviceId);
      return new MockResponse().setResponseCode(200);
    }
    return json(404, error("not_found", "not found"));
  }

  private MockResponse readDeploy(List<Deploy> list, String deployId) {
    Deploy found = find(list, deployId);
    if (found == null) {
      return json(404, error("not_found", "deploy not found"));
    }
    RollbackTiming.Job job = jobs.get(deployId);
    if (job != null && found.status().equals("update_in_progress")) {
      switch (job.read()) {
        case LIVE -> found = goLive(list, found);
        case FAILED -> found = replace(list, found.withStatus("update_failed"));
        case PENDING -> {}
      }
    }
    return json(200, render(found).toString());
  }

  private MockResponse rollBack(String serviceId, List<Deploy> list, String body) {
    String deployId;
    try {
      deployId = JSON.readTree(body).path("deployId").asText("");
    } catch (IOException notJson) {
      return json(400, error("bad_request", "invalid JSON body"));
    }
    if (deployId.isBlank()) {
      return json(400, error("bad_request", "deployId is required"));
    }
    Deploy target = find(list, deployId);
    if (target == null) {
      return json(404, error("not_found", "deploy not found"));
    }
    Deploy rollback =
        new Deploy(
            "dep-rb-" + nextDeploy.getAndIncrement(),
            serviceId,
            Instant.now(),
            "update_in_progress",
            target.commitId(),
            "rollback");
    list.add(rollback);
    jobs.put(rollback.id(), timing.start());
    rollbacksStarted.add(serviceId + "/" + deployId);
    return json(201, render(rollback).toString());
  }

  /** The rollback deploy is live; the deploy that was live is deactivated, as Render does. */
  private static Deploy goLive(List<Deploy> list, Deploy rollback) {
    list.stream()
        .filter(d -> d.status().equals("live"))
        .forEach(d -> replace(list, d.withStatus("deactivated")));
    return replace(list, rollback.withStatus("live"));
  }

  private static Deploy replace(List<Deploy> list, Deploy changed) {
    list.replaceAll(d -> d.id().equals(changed.id()) ? changed : d);
    return changed;
  }

  private static Deploy find(List<Deploy> list, String deployId) {
    return list.stream().filter(d -> d.id().equals(deployId)).findFirst().orElse(null);
  }

  private static String list(List<Deploy> deploys, HttpUrl url) {
    int limit =
        url.queryParameter("limit") == null ? 20 : Integer.parseInt(url.queryParameter("limit"));
    ArrayNode body = JSON.createArrayNode();
    deploys.stream()
        .sorted(Comparator.comparing(Deploy::createdAt).reversed())
        .limit(limit)
        .forEach(
            d ->
                body.addObject()
                    .<ObjectNode>set("deploy", render(d))
                    .put("cursor", "cursor-" + d.id()));
    return body.toString();
  }

  private static ObjectNode render(Deploy d) {
    ObjectNode deploy =
        JSON.createObjectNode()
            .put("id", d.id())
            .put("status", d.status())
            .put("trigger", d.trigger())
            .put("createdAt", d.createdAt().toString())
            .put("updatedAt", d.createdAt().toString());
    deploy.putObject("commit").put("id", d.commitId()).put("message", "commit " + d.commitId());
    return deploy;
  }

  private static String error(String id, String message) {
    return JSON.createObjectNode().put("id", id).put("message", message).toString();
  }
}
