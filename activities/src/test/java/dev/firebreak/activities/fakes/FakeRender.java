package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * {@code POST …/restart}; the service ({@code GET /v1/services/{id}} with {@code
 * serviceDetails.numInstances}), {@code POST …/scale} (202), its variables ({@code GET …/env-vars}
 * with cursors, {@code PUT}/{@code DELETE …/env-vars/{key}}) and {@code POST …/deploys} (201 with
 * the deploy, {@code build_in_progress} until {@link #deploys()} timing says live or failed, or 202
 * without a body when told to); with bearer auth and {@code {"id","message"}} error bodies
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
  private static final Pattern SERVICE = Pattern.compile("/v1/services/([^/]+)(/.*)?");
  private static final int MAX_INSTANCES = 100;

  private final String token;
  private final Map<String, List<Deploy>> services = new ConcurrentHashMap<>();
  private final Map<String, RollbackTiming.Job> jobs = new ConcurrentHashMap<>();
  private final List<String> rollbacksStarted = new CopyOnWriteArrayList<>();
  private final List<String> restarts = new CopyOnWriteArrayList<>();
  private final RollbackTiming timing = new RollbackTiming();
  private final RollbackTiming deployTiming = new RollbackTiming();
  private final AtomicInteger nextDeploy = new AtomicInteger(1);
  private final Map<String, Map<String, String>> envVars = new ConcurrentHashMap<>();
  private final Map<String, Integer> instances = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> builtWith = new ConcurrentHashMap<>();
  private final List<String> deploysStarted = new CopyOnWriteArrayList<>();
  private final List<String> scaled = new CopyOnWriteArrayList<>();
  private final List<String> envWrites = new CopyOnWriteArrayList<>();
  private volatile boolean deploysAnsweredWithoutBody;

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
    envVars.putIfAbsent(serviceId, new ConcurrentSkipListMap<>());
    instances.putIfAbsent(serviceId, 1);
    return this;
  }

  /** Sets a variable on the service (creating the service if needed), as the dashboard would. */
  public FakeRender envVar(String serviceId, String key, String value) {
    service(serviceId);
    envVars.get(serviceId).put(key, value);
    return this;
  }

  /** The service's variables now. */
  public Map<String, String> envVars(String serviceId) {
    return Map.copyOf(envVars.get(serviceId));
  }

  /** {@code PUT key} or {@code DELETE key} for every variable written, oldest first. */
  public List<String> envWrites() {
    return List.copyOf(envWrites);
  }

  /** Sets the service's manual instance count (creating the service if needed). */
  public FakeRender instances(String serviceId, int count) {
    service(serviceId);
    instances.put(serviceId, count);
    return this;
  }

  public int instances(String serviceId) {
    return instances.get(serviceId);
  }

  /** {@code service/count} of every scale Render accepted, oldest first. */
  public List<String> scaled() {
    return List.copyOf(scaled);
  }

  /** How long deploys take to go live, or whether they fail. */
  public RollbackTiming deploys() {
    return deployTiming;
  }

  /** Every deploy started through the API, as its id, oldest first. */
  public List<String> deploysStarted() {
    return List.copyOf(deploysStarted);
  }

  /** The service's variables as the deploy was started with them. */
  public Map<String, String> builtWith(String deployId) {
    return builtWith.get(deployId);
  }

  /**
   * From now on a deploy is answered 202 without a body ("accepted, not created yet"); the deploy
   * still appears on the list.
   */
  public FakeRender answerDeploysWithoutBody() {
    deploysAnsweredWithoutBody = true;
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
    Matcher service = SERVICE.matcher(url.encodedPath());
    if (!service.matches()) {
      return json(404, error("not_found", "not found"));
    }
    String serviceId = service.group(1);
    List<Deploy> list = services.get(serviceId);
    if (list == null) {
      return json(404, error("not_found", "service not found"));
    }
    // After /v1/services/{id}: [] for the service, [deploys], [deploys, id], [env-vars, key], …
    List<String> rest = url.pathSegments().subList(3, url.pathSize());
    String route =
        request.getMethod() + " " + (rest.isEmpty() ? "" : rest.get(0)) + "/" + rest.size();
    String body = bodyOf(request);
    return switch (route) {
      case "GET /0" -> json(200, serviceJson(serviceId));
      case "GET deploys/1" -> json(200, list(list, url));
      case "GET deploys/2" -> readDeploy(list, rest.get(1));
      case "POST deploys/1" -> startDeploy(serviceId, list, body);
      case "POST rollback/1" -> rollBack(serviceId, list, body);
      case "POST restart/1" -> {
        restarts.add(serviceId);
        yield new MockResponse().setResponseCode(200);
      }
      case "POST scale/1" -> scale(serviceId, body);
      case "GET env-vars/1" -> json(200, envList(envVars.get(serviceId), url));
      case "GET env-vars/2" -> readEnvVar(envVars.get(serviceId), rest.get(1));
      case "PUT env-vars/2" -> writeEnvVar(envVars.get(serviceId), rest.get(1), body);
      case "DELETE env-vars/2" -> deleteEnvVar(envVars.get(serviceId), rest.get(1));
      default -> json(404, error("not_found", "not found"));
    };
  }

  private String serviceJson(String serviceId) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("id", serviceId)
            .put("name", serviceId)
            .put("type", "web_service");
    body.putObject("serviceDetails")
        .put("numInstances", instances.get(serviceId))
        .put("env", "node");
    return body.toString();
  }

  private MockResponse startDeploy(String serviceId, List<Deploy> list, String body) {
    JsonNode request = body.isBlank() ? JSON.createObjectNode() : readJson(body);
    if (request.isMissingNode()) {
      return json(400, error("bad_request", "invalid JSON body"));
    }
    String clearCache = request.path("clearCache").asText("do_not_clear");
    if (!clearCache.equals("clear") && !clearCache.equals("do_not_clear")) {
      return json(400, error("bad_request", "clearCache must be clear or do_not_clear"));
    }
    String commit =
        list.stream()
            .filter(d -> d.status().equals("live"))
            .map(Deploy::commitId)
            .findFirst()
            .orElse(null);
    Deploy deploy =
        new Deploy(
            "dep-" + nextDeploy.getAndIncrement(),
            serviceId,
            Instant.now(),
            "build_in_progress",
            commit,
            "api");
    list.add(deploy);
    jobs.put(deploy.id(), deployTiming.start());
    builtWith.put(deploy.id(), Map.copyOf(envVars.get(serviceId)));
    deploysStarted.add(deploy.id());
    return deploysAnsweredWithoutBody
        ? new MockResponse().setResponseCode(202)
        : json(201, render(deploy).toString());
  }

  private MockResponse scale(String serviceId, String body) {
    JsonNode count = readJson(body).path("numInstances");
    if (!count.isInt() || count.asInt() < 1 || count.asInt() > MAX_INSTANCES) {
      return json(400, error("bad_request", "numInstances must be between 1 and 100"));
    }
    instances.put(serviceId, count.asInt());
    scaled.add(serviceId + "/" + count.asInt());
    return new MockResponse().setResponseCode(202);
  }

  /** {@code [{"envVar":{key,value},"cursor"}]}, by key; the cursor is the entry's key. */
  private static String envList(Map<String, String> vars, HttpUrl url) {
    int limit =
        url.queryParameter("limit") == null ? 20 : Integer.parseInt(url.queryParameter("limit"));
    String after = url.queryParameter("cursor");
    ArrayNode body = JSON.createArrayNode();
    vars.entrySet().stream()
        .filter(e -> after == null || e.getKey().compareTo(after) > 0)
        .limit(limit)
        .forEach(
            e -> {
              ObjectNode entry = body.addObject();
              entry.putObject("envVar").put("key", e.getKey()).put("value", e.getValue());
              entry.put("cursor", e.getKey());
            });
    return body.toString();
  }

  private static MockResponse readEnvVar(Map<String, String> vars, String key) {
    String value = vars.get(key);
    return value == null
        ? json(404, error("not_found", "env var not found"))
        : json(200, JSON.createObjectNode().put("key", key).put("value", value).toString());
  }

  private MockResponse writeEnvVar(Map<String, String> vars, String key, String body) {
    JsonNode request = readJson(body);
    if (request.isMissingNode()) {
      return json(400, error("bad_request", "invalid JSON body"));
    }
    String value;
    if (request.path("value").isTextual() && !request.path("generateValue").asBoolean()) {
      value = request.get("value").asText();
    } else if (request.path("generateValue").asBoolean() && !request.has("value")) {
      value = "generated-" + nextDeploy.getAndIncrement();
    } else {
      return json(400, error("bad_request", "exactly one of value and generateValue is required"));
    }
    vars.put(key, value);
    envWrites.add("PUT " + key);
    return json(200, JSON.createObjectNode().put("key", key).put("value", value).toString());
  }

  private MockResponse deleteEnvVar(Map<String, String> vars, String key) {
    if (vars.remove(key) == null) {
      return json(404, error("not_found", "env var not found"));
    }
    envWrites.add("DELETE " + key);
    return new MockResponse().setResponseCode(204);
  }

  private MockResponse readDeploy(List<Deploy> list, String deployId) {
    Deploy found = find(list, deployId);
    if (found == null) {
      return json(404, error("not_found", "deploy not found"));
    }
    RollbackTiming.Job job = jobs.get(deployId);
    if (job != null && found.status().endsWith("_in_progress")) {
      switch (job.read()) {
        case LIVE -> found = goLive(list, found);
        case FAILED ->
            found =
                replace(
                    list,
                    found.withStatus(
                        found.trigger().equals("rollback") ? "update_failed" : "build_failed"));
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

  /** The new deploy is live; the deploy that was live is deactivated, as Render does. */
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
