package dev.firebreak.activities.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.activities.http.CredentialRedactor;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.Excerpt;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.playbook.DeployStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Vercel's REST API, as far as Firebreak uses it (docs/providers.md §5). Knows Vercel, not
 * Temporal.
 *
 * <p>Environment variables and redeploys rely on facts the public material does not settle: that
 * {@code decrypt=true} on the list returns {@code encrypted} values as plain text (a value that
 * does not come back readable, such as a {@code sensitive} one, is simply written again); that
 * {@code upsert=true} matches an existing variable by key and target (it is only a safety net here:
 * a variable found on the list is edited by id); and that a project rolled back earlier still
 * serves a new production deploy (Vercel may stage it instead, and the wait then times out).
 */
public final class VercelClient implements RollbackPlatform, PlatformChanges {

  public static final String DEFAULT_BASE_URL = "https://api.vercel.com";
  static final int PAGE_SIZE = 20;
  static final String PRODUCTION = "production";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REASON_CHARS = 200;

  private final ProviderHttp http;
  private final HttpUrl baseUrl;
  private final String token;
  private final String teamId;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code VERCEL_API_URL})
   * @param token an access token, already expanded from its {@code ${ENV}} reference
   * @param teamId the team owning the projects, or null for a personal account
   * @param timeout for each call
   */
  public VercelClient(
      HttpTransport transport, String baseUrl, String token, String teamId, Duration timeout) {
    this.http =
        new ProviderHttp(
            transport, "Vercel", ErrorMessageReader.jsonFields("/error/message", "/error/code"));
    this.baseUrl = HttpUrl.get(baseUrl);
    this.token = token;
    this.teamId = teamId;
    this.timeout = timeout;
  }

  @Override
  public DeployPlatform platform() {
    return DeployPlatform.VERCEL;
  }

  /** {@code GET /v6/deployments?projectId=…&target=production&limit=20[&teamId=…]}. */
  static HttpUrl deploymentsUrl(HttpUrl baseUrl, String projectId, String teamId) {
    HttpUrl.Builder url =
        baseUrl
            .newBuilder()
            .addPathSegments("v6/deployments")
            .addQueryParameter("projectId", projectId)
            .addQueryParameter("target", "production")
            .addQueryParameter("limit", String.valueOf(PAGE_SIZE));
    if (teamId != null && !teamId.isBlank()) {
      url.addQueryParameter("teamId", teamId);
    }
    return url.build();
  }

  @Override
  public List<Deployment> recentProductionDeploys(String projectId, Instant since) {
    Request request =
        new Request.Builder()
            .url(deploymentsUrl(baseUrl, projectId, teamId))
            .header("Authorization", "Bearer " + token)
            .get()
            .build();
    JsonNode page = http.sendForJson(request, timeout);
    List<Deployment> deployments = new ArrayList<>();
    for (JsonNode d : page.path("deployments")) {
      deployments.add(toDeployment(d));
    }
    return DeployLister.newestFirstSince(deployments, since);
  }

  /**
   * {@code POST /v1/projects/{id}/rollback/{deploymentId}?description=…} with body {@code {}}: the
   * public spec's path (the CLI uses {@code /v9}). Vercel has no idempotency key; a 409 means a
   * rollback is already running, which {@link #rollbackProgress} then follows: a retry after a lost
   * answer finds its own rollback there.
   */
  @Override
  public String startRollback(
      String projectId, String deploymentId, String commit, String reason, Instant decidedAt) {
    HttpUrl.Builder url =
        baseUrl
            .newBuilder()
            .addPathSegments("v1/projects")
            .addPathSegment(projectId)
            .addPathSegment("rollback")
            .addPathSegment(deploymentId);
    if (reason != null && !reason.isBlank()) {
      url.addQueryParameter("description", reason);
    }
    Request request =
        authorized(teamScoped(url).build()).post(RequestBody.create("{}", JSON_TYPE)).build();
    HttpReply reply = http.exchange(request, timeout);
    if (reply.status() != 409 && !reply.isSuccessful()) {
      throw http.failureFor(reply);
    }
    return deploymentId;
  }

  /**
   * Reads {@code lastAliasRequest} of {@code GET /v9/projects/{id}}, as the Vercel CLI polls it.
   */
  @Override
  public RollbackProgress rollbackProgress(
      String projectId, String deploymentId, String rollbackRef) {
    HttpUrl.Builder url =
        baseUrl.newBuilder().addPathSegments("v9/projects").addPathSegment(projectId);
    JsonNode alias =
        http.sendForJson(authorized(teamScoped(url).build()).get().build(), timeout)
            .path("lastAliasRequest");
    if (!deploymentId.equals(alias.path("toDeploymentId").asText(null))) {
      return RollbackProgress.pending(
          "Vercel has not started the rollback of " + projectId + " to " + deploymentId + " yet");
    }
    String job = alias.path("jobStatus").asText("");
    String detail =
        "Vercel "
            + alias.path("type").asText("rollback")
            + " of "
            + projectId
            + " to "
            + deploymentId
            + ": "
            + job;
    return switch (job) {
      case "succeeded" -> RollbackProgress.live(detail);
      case "failed", "skipped" -> RollbackProgress.failed(detail);
      default -> RollbackProgress.pending(detail);
    };
  }

  /** Vercel runs functions on demand: there is nothing to restart, so asking is a mistake. */
  @Override
  public void restart(String projectId) {
    throw ProviderFailures.rejected(
        "Vercel has no restart for " + projectId + "; roll back or redeploy instead");
  }

  /**
   * Lists the project's variables ({@code GET /v10/projects/{id}/env?decrypt=true}), then per
   * variable: nothing when the production value already matches; {@code PATCH
   * /v9/projects/{id}/env/{envId}} for one that holds another value; {@code POST
   * /v10/projects/{id}/env?upsert=true} for a new one ({@code type: encrypted}, so the next
   * comparison can read it back); {@code DELETE /v9/…/env/{envId}} to unset. A variable shared with
   * preview or development keeps its value there: production is split off it first.
   */
  @Override
  public List<String> changeEnv(String projectId, Map<String, String> set, List<String> unset) {
    List<JsonNode> production = productionEnvs(projectId);
    Collection<String> secrets = set.values();
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, String> wanted : new TreeMap<>(set).entrySet()) {
      JsonNode current = envNamed(production, wanted.getKey());
      if (current != null && holds(current, wanted.getValue())) {
        continue;
      }
      if (current != null && otherTargets(current).isEmpty()) {
        editEnv(
            projectId, current, JSON.createObjectNode().put("value", wanted.getValue()), secrets);
      } else {
        if (current != null) {
          splitOffProduction(projectId, current);
        }
        createEnv(projectId, wanted.getKey(), wanted.getValue());
      }
      written.add(wanted.getKey());
    }
    for (String name : unset) {
      JsonNode current = envNamed(production, name);
      if (current == null) {
        continue;
      }
      if (otherTargets(current).isEmpty()) {
        deleteEnv(projectId, current);
      } else {
        splitOffProduction(projectId, current);
      }
      written.add(name);
    }
    return written;
  }

  /**
   * Adopts a production deployment created at or after {@code notBefore}; otherwise reads the
   * deployment serving production ({@code targets.production} of {@code GET /v9/projects/{id}}:
   * after an instant rollback it need not be the newest) and sends {@code POST
   * /v13/deployments?forceNew=1} with {@code {name, deploymentId, target: production, meta}}, as
   * {@code vercel redeploy} does. The new deployment reads the variables as they are now.
   */
  @Override
  public DeployStarted redeploy(String projectId, Instant notBefore, String reason) {
    Optional<DeployStarted> adopted =
        PlatformChanges.adoptSince(this, projectId, notBefore, "Vercel deployment");
    if (adopted.isPresent()) {
      return adopted.get();
    }
    JsonNode project =
        http.sendForJson(authorized(projectUrl("v9", projectId).build()).get().build(), timeout);
    String serving = project.path("targets").path(PRODUCTION).path("id").asText("");
    if (serving.isBlank()) {
      throw ProviderFailures.rejected(
          "Vercel project " + projectId + " has no production deployment to redeploy");
    }
    ObjectNode body =
        JSON.createObjectNode()
            .put("name", project.path("name").asText(projectId))
            .put("deploymentId", serving)
            .put("target", PRODUCTION);
    ObjectNode meta = body.putObject("meta").put("action", "redeploy");
    if (reason != null && !reason.isBlank()) {
      meta.put("firebreakReason", Clip.of(reason, REASON_CHARS));
    }
    HttpUrl url =
        teamScoped(
                baseUrl
                    .newBuilder()
                    .addPathSegments("v13/deployments")
                    .addQueryParameter("forceNew", "1"))
            .build();
    String id =
        http.sendForJson(authorized(url).post(ProviderHttp.jsonBody(body)).build(), timeout)
            .path("id")
            .asText();
    return new DeployStarted(
        id,
        false,
        false,
        "Vercel redeploy of " + projectId + " (from " + serving + ") started: " + id);
  }

  /**
   * {@code GET /v13/deployments/{id}}: live once {@code READY} with the production alias assigned,
   * as the Vercel CLI waits; failed on {@code ERROR}, {@code CANCELED} or an alias error.
   */
  @Override
  public RollbackProgress deployProgress(String projectId, String deployRef) {
    HttpUrl.Builder url =
        baseUrl.newBuilder().addPathSegments("v13/deployments").addPathSegment(deployRef);
    JsonNode deployment =
        http.sendForJson(authorized(teamScoped(url).build()).get().build(), timeout);
    String state = deployment.path("readyState").asText("");
    String detail = "Vercel deployment " + deployRef + " of " + projectId + ": " + state;
    JsonNode aliasError = deployment.path("aliasError");
    if (aliasError.isObject()) {
      return RollbackProgress.failed(detail + ", production alias failed" + reasonOf(aliasError));
    }
    if (state.equals("ERROR") || state.endsWith("_ERROR") || state.equals("CANCELED")) {
      return RollbackProgress.failed(
          detail
              + reasonOf(
                  JSON.createObjectNode()
                      .put("code", deployment.path("errorCode").asText(""))
                      .put("message", deployment.path("errorMessage").asText(""))));
    }
    if (state.equals("READY")) {
      JsonNode alias = deployment.path("aliasAssigned");
      boolean aliased = alias.isNumber() ? alias.asLong() > 0 : alias.asBoolean(false);
      return aliased
          ? RollbackProgress.live(detail)
          : RollbackProgress.pending(detail + ", waiting for the production alias");
    }
    return RollbackProgress.pending(detail);
  }

  /** Vercel scales functions itself: there is no instance count to set. */
  @Override
  public boolean scale(String projectId, int instances) {
    throw ProviderFailures.rejected(
        "Vercel has no instance count to set for " + projectId + "; it scales on its own");
  }

  /** {@code /{version}/projects/{id}}, with the team when one is configured. */
  private HttpUrl.Builder projectUrl(String version, String projectId) {
    return teamScoped(
        baseUrl
            .newBuilder()
            .addPathSegment(version)
            .addPathSegment("projects")
            .addPathSegment(projectId));
  }

  /**
   * The project's variables that apply to production. The list answer is a union: usually {@code
   * {"envs":[…]}}, sometimes a bare array or a single variable.
   */
  private List<JsonNode> productionEnvs(String projectId) {
    HttpUrl url =
        projectUrl("v10", projectId)
            .addPathSegment("env")
            .addQueryParameter("decrypt", "true")
            .build();
    JsonNode answer = http.sendForJson(authorized(url).get().build(), timeout);
    JsonNode envs = answer.has("envs") ? answer.get("envs") : answer;
    List<JsonNode> production = new ArrayList<>();
    for (JsonNode env : envs.isArray() ? envs : JSON.createArrayNode().add(envs)) {
      if (targetsOf(env).contains(PRODUCTION)) {
        production.add(env);
      }
    }
    return production;
  }

  private static JsonNode envNamed(List<JsonNode> envs, String key) {
    return envs.stream().filter(e -> key.equals(e.path("key").asText())).findFirst().orElse(null);
  }

  /** A sensitive value never comes back readable, so it cannot be known to match. */
  private static boolean holds(JsonNode env, String value) {
    return !"sensitive".equals(env.path("type").asText())
        && env.hasNonNull("value")
        && value.equals(env.get("value").asText());
  }

  /** {@code target} is an array, or a single string on older variables. */
  private static List<String> targetsOf(JsonNode env) {
    JsonNode target = env.path("target");
    List<String> targets = new ArrayList<>();
    if (target.isArray()) {
      target.forEach(t -> targets.add(t.asText()));
    } else if (target.isTextual()) {
      targets.add(target.asText());
    }
    return targets;
  }

  private static List<String> otherTargets(JsonNode env) {
    return targetsOf(env).stream().filter(t -> !t.equals(PRODUCTION)).toList();
  }

  /** Leaves the variable to its other targets, so production can get a value of its own. */
  private void splitOffProduction(String projectId, JsonNode env) {
    ObjectNode body = JSON.createObjectNode();
    otherTargets(env).forEach(body.putArray("target")::add);
    editEnv(projectId, env, body, List.of());
  }

  private void editEnv(
      String projectId, JsonNode env, ObjectNode body, Collection<String> secrets) {
    HttpUrl url = envUrl(projectId, env);
    http.send(authorized(url).patch(ProviderHttp.jsonBody(body)).build(), timeout, secrets);
  }

  /** A variable already gone (deleted by someone else meanwhile) is what was asked. */
  private void deleteEnv(String projectId, JsonNode env) {
    HttpReply reply = http.exchange(authorized(envUrl(projectId, env)).delete().build(), timeout);
    if (!reply.isSuccessful() && reply.status() != 404) {
      throw http.failureFor(reply);
    }
  }

  private HttpUrl envUrl(String projectId, JsonNode env) {
    return projectUrl("v9", projectId)
        .addPathSegment("env")
        .addPathSegment(env.path("id").asText())
        .build();
  }

  /**
   * Vercel answers 201 even when the variable was not created, listing it under {@code failed};
   * that is a rejection like any 4xx, and its message never quotes the value.
   */
  private void createEnv(String projectId, String key, String value) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("key", key)
            .put("value", value)
            .put("type", "encrypted")
            .put("comment", "set by Firebreak");
    body.putArray("target").add(PRODUCTION);
    HttpUrl url =
        projectUrl("v10", projectId)
            .addPathSegment("env")
            .addQueryParameter("upsert", "true")
            .build();
    JsonNode answer =
        http.sendForJson(
            authorized(url).post(ProviderHttp.jsonBody(body)).build(), timeout, List.of(value));
    JsonNode failed = answer.path("failed");
    if (failed.isArray() && !failed.isEmpty()) {
      throw ProviderFailures.rejected(
          "Vercel did not create "
              + key
              + " on "
              + projectId
              + CredentialRedactor.redact(reasonOf(failed.get(0).path("error")), List.of(value)));
    }
  }

  /** ": code: message" from Vercel's error object, or nothing when it says nothing. */
  private static String reasonOf(JsonNode error) {
    String said =
        Stream.of(error.path("code").asText(""), error.path("message").asText(""))
            .filter(t -> !t.isBlank())
            .collect(Collectors.joining(": "));
    return said.isBlank() ? "" : ": " + Excerpt.ofResponse(said, ErrorMessageReader.EXCERPT_CHARS);
  }

  private HttpUrl.Builder teamScoped(HttpUrl.Builder url) {
    if (teamId != null && !teamId.isBlank()) {
      url.addQueryParameter("teamId", teamId);
    }
    return url;
  }

  private Request.Builder authorized(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", "Bearer " + token);
  }

  private static Deployment toDeployment(JsonNode d) {
    long createdMs =
        d.hasNonNull("created") ? d.get("created").asLong() : d.path("createdAt").asLong();
    String state =
        d.hasNonNull("readyState") ? d.get("readyState").asText() : d.path("state").asText(null);
    String host = d.path("url").asText(null);
    return new Deployment(
        d.path("uid").asText(),
        Instant.ofEpochMilli(createdMs),
        state,
        commitOf(d.path("meta")),
        host == null ? null : "https://" + host);
  }

  /** Vercel names the commit after the git provider it came from. */
  private static String commitOf(JsonNode meta) {
    for (String field : List.of("githubCommitSha", "gitlabCommitSha", "bitbucketCommitSha")) {
      if (meta.hasNonNull(field)) {
        return meta.get(field).asText();
      }
    }
    return null;
  }
}
