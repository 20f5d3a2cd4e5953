package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 * #rollbacks()} timing says live, and {@code targets.production}, the deployment serving
 * production; project environment variables ({@code GET /v10/projects/{id}/env} with {@code
 * decrypt}, {@code POST …/env[?upsert=true]} answering 201 with {@code created} and {@code failed},
 * {@code PATCH} and {@code DELETE …/env/{envId}} on {@code /v9} and {@code /v10}); redeploys
 * ({@code POST /v13/deployments} with {@code deploymentId}, {@code QUEUED} then {@code BUILDING}
 * until {@link #builds()} timing says {@code READY} with the production alias, or {@code
 * ERROR}/{@code CANCELED}; {@code GET /v13/deployments/{id}}); with Vercel's bearer auth, team
 * scoping and {@code {"error":{"code","message"}}} envelopes (docs/providers.md §5).
 */
public final class FakeVercel extends FakeServer {

  /** One deployment as the fake stores it. */
  public record Deploy(
      String uid, String projectId, Instant created, String state, String target, String sha) {

    Deploy withState(String newState) {
      return new Deploy(uid, projectId, created, newState, target, sha);
    }
  }

  /** One environment variable as the fake stores it. */
  public record Env(String id, String key, String value, String type, List<String> target) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token;
  private final String teamId;
  private static final Pattern ROLLBACK =
      Pattern.compile("/v(?:1|9)/projects/([^/]+)/rollback/([^/]+)");
  private static final Pattern PROJECT = Pattern.compile("/v9/projects/([^/]+)");
  private static final Pattern ENVS = Pattern.compile("/v10/projects/([^/]+)/env");
  private static final Pattern ENV = Pattern.compile("/v(?:9|10)/projects/([^/]+)/env/([^/]+)");
  private static final Pattern DEPLOYMENT = Pattern.compile("/v13/deployments(?:/([^/]+))?");
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, List<Deploy>> projects = new ConcurrentHashMap<>();
  private final Map<String, AliasRequest> aliasRequests = new ConcurrentHashMap<>();
  private final List<String> rollbacksStarted = new CopyOnWriteArrayList<>();
  private final RollbackTiming timing = new RollbackTiming();
  private final RollbackTiming buildTiming = new RollbackTiming();
  private final Map<String, RollbackTiming.Job> builds = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> builtWith = new ConcurrentHashMap<>();
  private final Map<String, List<Env>> envs = new ConcurrentHashMap<>();
  private final Map<String, String> serving = new ConcurrentHashMap<>();
  private final List<String> redeploysStarted = new CopyOnWriteArrayList<>();
  private final List<String> envWrites = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger(1);
  private volatile String failedBuildState = "ERROR";

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
    envs.putIfAbsent(projectId, new CopyOnWriteArrayList<>());
    return this;
  }

  /** Adds a variable to the project (creating the project if needed), as the dashboard would. */
  public FakeVercel env(String projectId, String key, String value, String type, String... target) {
    project(projectId);
    envs.get(projectId)
        .add(new Env("env_" + nextId.getAndIncrement(), key, value, type, List.of(target)));
    return this;
  }

  /** The project's variables now. */
  public List<Env> envs(String projectId) {
    return List.copyOf(envs.get(projectId));
  }

  /** The production value of a variable now, or null. */
  public String productionValue(String projectId, String key) {
    return envs.get(projectId).stream()
        .filter(e -> e.key().equals(key) && e.target().contains("production"))
        .map(Env::value)
        .findFirst()
        .orElse(null);
  }

  /** {@code METHOD key} of every variable written, oldest first. */
  public List<String> envWrites() {
    return List.copyOf(envWrites);
  }

  /** How long redeploys take to be READY and aliased, or whether they fail. */
  public RollbackTiming builds() {
    return buildTiming;
  }

  /** Failing builds end {@code ERROR} (the default) or {@code CANCELED}. */
  public FakeVercel failedBuildsEnd(String state) {
    failedBuildState = state;
    return this;
  }

  /** {@code project/fromDeployment} of every redeploy Vercel accepted, oldest first. */
  public List<String> redeploysStarted() {
    return List.copyOf(redeploysStarted);
  }

  /** The deployments created by redeploys, oldest first. */
  public List<Deploy> redeploys() {
    return projects.values().stream()
        .flatMap(List::stream)
        .filter(d -> builtWith.containsKey(d.uid()))
        .sorted(Comparator.comparing(Deploy::created))
        .toList();
  }

  /** The project's production variables as the deployment was built with them. */
  public Map<String, String> builtWith(String uid) {
    return builtWith.get(uid);
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
    if (teamId != null && !teamId.equals(url.queryParameter("teamId"))) {
      return json(404, error("not_found", "Project not found"));
    }
    MockResponse changed = handleChange(request, url, path);
    if (changed != null) {
      return changed;
    }
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
    if (deploys == null) {
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
    if (request != null && request.job().finished() && !request.job().fails()) {
      serving.put(projectId, request.toDeploymentId());
    }
    Deploy production = servingDeploy(projectId);
    if (production != null) {
      body.putObject("targets").set("production", deploymentJson(production));
    }
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

  /** Env-var and redeploy calls, or null for the calls {@link #handle} answers itself. */
  private MockResponse handleChange(RecordedRequest request, HttpUrl url, String path) {
    Matcher all = ENVS.matcher(path);
    Matcher one = ENV.matcher(path);
    Matcher deployment = DEPLOYMENT.matcher(path);
    String method = request.getMethod();
    if (deployment.matches()) {
      return deployment.group(1) == null
          ? method.equals("POST") ? redeploy(bodyOf(request)) : null
          : method.equals("GET") ? readDeployment(deployment.group(1)) : null;
    }
    String projectId = all.matches() ? all.group(1) : one.matches() ? one.group(1) : null;
    if (projectId == null) {
      return null;
    }
    List<Env> vars = envs.get(projectId);
    if (vars == null) {
      return json(404, error("not_found", "Project not found"));
    }
    return switch (method + (all.matches() ? " all" : " one")) {
      case "GET all" -> json(200, envList(vars, "true".equals(url.queryParameter("decrypt"))));
      case "POST all" ->
          createEnvs(vars, bodyOf(request), "true".equals(url.queryParameter("upsert")));
      case "PATCH one" -> editEnv(vars, one.group(2), bodyOf(request));
      case "DELETE one" -> deleteEnv(vars, one.group(2));
      default -> json(404, error("not_found", "The requested path was not found"));
    };
  }

  /** {@code sensitive} values never come back; {@code encrypted} ones only with {@code decrypt}. */
  private static String envList(List<Env> vars, boolean decrypt) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode items = body.putArray("envs");
    for (Env env : vars) {
      ObjectNode item = envJson(env);
      items.add(item);
      switch (env.type()) {
        case "sensitive" -> item.remove("value");
        case "encrypted" -> {
          if (!decrypt) {
            item.put(
                "value",
                Base64.getEncoder()
                    .encodeToString(("enc:" + env.value()).getBytes(StandardCharsets.UTF_8)));
          }
          item.put("decrypted", decrypt);
        }
        default -> {}
      }
    }
    body.putObject("pagination").put("count", items.size()).putNull("next").putNull("prev");
    return body.toString();
  }

  /**
   * One variable or an array of them. Without {@code upsert}, a key that already has one of the
   * targets fails; with it, that variable's value is updated. Each failure is listed under {@code
   * failed}, echoing the value as Vercel does, and the answer is still 201.
   */
  private MockResponse createEnvs(List<Env> vars, String body, boolean upsert) {
    JsonNode asked = readJson(body);
    if (asked.isMissingNode()) {
      return json(400, error("bad_request", "Invalid request body"));
    }
    ArrayNode created = JSON.createArrayNode();
    ArrayNode failed = JSON.createArrayNode();
    for (JsonNode item : asked.isArray() ? asked : JSON.createArrayNode().add(asked)) {
      String key = item.path("key").asText("");
      List<String> target = new ArrayList<>();
      item.path("target").forEach(t -> target.add(t.asText()));
      String problem =
          !KEY.matcher(key).matches()
              ? "KEY_INVALID_CHARACTERS"
              : !item.path("value").isTextual()
                  ? "MISSING_VALUE"
                  : target.isEmpty() ? "MISSING_TARGET" : null;
      Env existing =
          vars.stream()
              .filter(e -> e.key().equals(key) && e.target().stream().anyMatch(target::contains))
              .findFirst()
              .orElse(null);
      if (problem == null && existing != null && !upsert) {
        problem = "ENV_ALREADY_EXISTS";
      }
      if (problem != null) {
        ObjectNode error = failed.addObject().putObject("error");
        error
            .put("code", problem)
            .put("message", "The variable " + key + " could not be created (" + problem + ")")
            .put("key", key)
            .set("value", item.path("value"));
        continue;
      }
      Env env =
          existing != null
              ? new Env(
                  existing.id(),
                  key,
                  item.get("value").asText(),
                  existing.type(),
                  existing.target())
              : new Env(
                  "env_" + nextId.getAndIncrement(),
                  key,
                  item.get("value").asText(),
                  item.path("type").asText("plain"),
                  List.copyOf(target));
      if (existing != null) {
        vars.replaceAll(e -> e.id().equals(env.id()) ? env : e);
      } else {
        vars.add(env);
      }
      envWrites.add("POST " + key);
      created.add(envJson(env));
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("created", asked.isArray() ? created : created.isEmpty() ? null : created.get(0));
    answer.set("failed", failed);
    return json(201, answer.toString());
  }

  private MockResponse editEnv(List<Env> vars, String envId, String body) {
    Env env = vars.stream().filter(e -> e.id().equals(envId)).findFirst().orElse(null);
    if (env == null) {
      return json(404, error("ID_NOT_FOUND", "Environment variable " + envId + " not found"));
    }
    JsonNode edit = readJson(body);
    if (edit.isMissingNode()) {
      return json(400, error("bad_request", "Invalid request body"));
    }
    List<String> target = new ArrayList<>();
    edit.path("target").forEach(t -> target.add(t.asText()));
    Env edited =
        new Env(
            env.id(),
            env.key(),
            edit.path("value").asText(env.value()),
            edit.path("type").asText(env.type()),
            target.isEmpty() ? env.target() : List.copyOf(target));
    vars.replaceAll(e -> e.id().equals(envId) ? edited : e);
    envWrites.add("PATCH " + env.key());
    return json(200, envJson(edited).toString());
  }

  private MockResponse deleteEnv(List<Env> vars, String envId) {
    Env env = vars.stream().filter(e -> e.id().equals(envId)).findFirst().orElse(null);
    if (env == null || !vars.remove(env)) {
      return json(404, error("ID_NOT_FOUND", "Environment variable " + envId + " not found"));
    }
    envWrites.add("DELETE " + env.key());
    return json(200, envJson(env).toString());
  }

  private static ObjectNode envJson(Env env) {
    ObjectNode item =
        JSON.createObjectNode()
            .put("id", env.id())
            .put("key", env.key())
            .put("value", env.value())
            .put("type", env.type());
    env.target().forEach(item.putArray("target")::add);
    return item;
  }

  /**
   * {@code {name, deploymentId, target}}: a new deployment of the same commit, built with the
   * project's production variables as they are now; {@code QUEUED} at first.
   */
  private MockResponse redeploy(String body) {
    JsonNode asked = readJson(body);
    if (asked.isMissingNode()) {
      return json(400, error("bad_request", "Invalid request body"));
    }
    String projectId = asked.path("project").asText(asked.path("name").asText(""));
    List<Deploy> deploys = projects.get(projectId);
    if (projectId.isBlank() || deploys == null) {
      return json(404, error("not_found", "Project not found"));
    }
    String from = asked.path("deploymentId").asText("");
    Deploy source = deploys.stream().filter(d -> d.uid().equals(from)).findFirst().orElse(null);
    if (source == null) {
      return json(404, error("not_found", "Deployment " + from + " not found"));
    }
    Deploy created =
        new Deploy(
            "dpl_new" + nextId.getAndIncrement(),
            projectId,
            Instant.now(),
            "QUEUED",
            asked.path("target").asText("preview"),
            source.sha());
    deploys.add(created);
    builds.put(created.uid(), buildTiming.start());
    Map<String, String> snapshot = new HashMap<>();
    envs.get(projectId).stream()
        .filter(e -> e.target().contains("production"))
        .forEach(e -> snapshot.put(e.key(), e.value()));
    builtWith.put(created.uid(), Map.copyOf(snapshot));
    redeploysStarted.add(projectId + "/" + from);
    return json(200, deploymentJson(created).toString());
  }

  /** Every read of a build in progress counts towards its timing; a finished one stays put. */
  private MockResponse readDeployment(String uid) {
    Deploy found =
        projects.values().stream()
            .flatMap(List::stream)
            .filter(d -> d.uid().equals(uid))
            .findFirst()
            .orElse(null);
    if (found == null) {
      return json(404, error("not_found", "Deployment not found"));
    }
    RollbackTiming.Job job = builds.get(uid);
    if (job != null && Set.of("QUEUED", "BUILDING").contains(found.state())) {
      String next =
          switch (job.read()) {
            case PENDING -> "BUILDING";
            case LIVE -> "READY";
            case FAILED -> failedBuildState;
          };
      found = found.withState(next);
      Deploy changed = found;
      projects.get(found.projectId()).replaceAll(d -> d.uid().equals(uid) ? changed : d);
      if (next.equals("READY") && "production".equals(found.target())) {
        serving.put(found.projectId(), uid);
      }
    }
    return json(200, deploymentJson(found).toString());
  }

  /** The deployment serving production: the last one aliased, else the newest READY one. */
  private Deploy servingDeploy(String projectId) {
    List<Deploy> deploys = projects.get(projectId);
    String aliased = serving.get(projectId);
    return deploys.stream()
        .filter(d -> aliased == null ? "READY".equals(d.state()) : d.uid().equals(aliased))
        .filter(d -> "production".equals(d.target()))
        .max(Comparator.comparing(Deploy::created))
        .orElse(null);
  }

  private ObjectNode deploymentJson(Deploy d) {
    boolean aliased = "READY".equals(d.state()) && "production".equals(d.target());
    ObjectNode body =
        JSON.createObjectNode()
            .put("id", d.uid())
            .put("name", d.projectId())
            .put("url", d.uid() + ".vercel.app")
            .put("readyState", d.state())
            .put("target", d.target())
            .put("createdAt", d.created().toEpochMilli());
    if (aliased) {
      body.put("aliasAssigned", d.created().toEpochMilli());
    } else {
      body.putNull("aliasAssigned");
    }
    body.putNull("aliasError");
    if ("ERROR".equals(d.state())) {
      body.put("errorCode", "BUILD_FAILED")
          .put("errorMessage", "Command \"npm run build\" exited with 1");
    }
    return body;
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
