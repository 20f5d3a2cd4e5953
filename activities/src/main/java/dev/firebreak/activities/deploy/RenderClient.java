package dev.firebreak.activities.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.playbook.DeployStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Render's API, as far as Firebreak uses it (docs/providers.md §6). Knows Render, not Temporal.
 *
 * <p>Environment variables are the ones set on the service itself (a linked environment group's are
 * not seen or changed). A redeploy builds and deploys again without clearing the cache, which is
 * what Render's own tools send after changing variables; it does not rely on the unverified claims
 * that {@code deployMode: deploy_only} or a restart pick up changed values. The answers to delete
 * (204), scale (202) and restart (200) are taken from a scraped copy of Render's docs, so any 2xx
 * is accepted.
 */
public final class RenderClient implements RollbackPlatform, PlatformChanges {

  public static final String DEFAULT_BASE_URL = "https://api.render.com/v1";
  static final int PAGE_SIZE = 20;
  static final int ENV_PAGE_SIZE = 100;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderHttp http;
  private final HttpUrl baseUrl;
  private final String token;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code RENDER_API_URL}); includes
   *     {@code /v1}
   * @param token an API key ({@code rnd_…}), already expanded from its {@code ${ENV}} reference
   * @param timeout for each call
   */
  public RenderClient(HttpTransport transport, String baseUrl, String token, Duration timeout) {
    this.http = new ProviderHttp(transport, "Render", ErrorMessageReader.jsonFields("/message"));
    this.baseUrl = HttpUrl.get(baseUrl);
    this.token = token;
    this.timeout = timeout;
  }

  @Override
  public DeployPlatform platform() {
    return DeployPlatform.RENDER;
  }

  /** {@code GET /services/{serviceId}/deploys?limit=20}. */
  static HttpUrl deploysUrl(HttpUrl baseUrl, String serviceId) {
    return baseUrl
        .newBuilder()
        .addPathSegment("services")
        .addPathSegment(serviceId)
        .addPathSegment("deploys")
        .addQueryParameter("limit", String.valueOf(PAGE_SIZE))
        .build();
  }

  /**
   * Render has no production/preview split for a service: every deploy of the service is a
   * production deploy.
   */
  @Override
  public List<Deployment> recentProductionDeploys(String serviceId, Instant since) {
    List<Deployment> deployments = new ArrayList<>();
    // The list wraps each deploy with its pagination cursor: [{"deploy":{…},"cursor":"…"}].
    for (JsonNode entry : http.sendForJson(get(deploysUrl(baseUrl, serviceId)), timeout)) {
      deployments.add(toDeployment(entry.path("deploy")));
    }
    return DeployLister.newestFirstSince(deployments, since);
  }

  /**
   * {@code POST /services/{id}/rollback} with {@code {"deployId": …}}, after reading the deploy
   * list: Render has no idempotency key, so a rollback deploy of the same commit created since
   * {@code decidedAt} is this rollback's own (its answer was lost) and is returned instead of
   * starting a second one (docs/providers.md §6).
   */
  @Override
  public String startRollback(
      String serviceId, String deployId, String commit, String reason, Instant decidedAt) {
    if (commit != null) {
      for (JsonNode entry : http.sendForJson(get(deploysUrl(baseUrl, serviceId)), timeout)) {
        JsonNode d = entry.path("deploy");
        if ("rollback".equals(d.path("trigger").asText())
            && commit.equals(d.path("commit").path("id").asText())
            && !Instant.parse(d.path("createdAt").asText()).isBefore(decidedAt)) {
          return d.path("id").asText();
        }
      }
    }
    Request request =
        post(
            serviceUrl(serviceId).addPathSegment("rollback").build(),
            JSON.createObjectNode().put("deployId", deployId));
    return http.sendForJson(request, timeout).path("id").asText();
  }

  /** {@code GET /services/{id}/deploys/{rollbackDeployId}}: the rollback is a deploy of its own. */
  @Override
  public RollbackProgress rollbackProgress(String serviceId, String deployId, String rollbackRef) {
    return progressOf(
        serviceId,
        rollbackRef,
        "Render rollback deploy " + rollbackRef + " of " + serviceId + " (to " + deployId + ")");
  }

  /**
   * Reads the service's variables ({@code GET /services/{id}/env-vars}, every page), then {@code
   * PUT /services/{id}/env-vars/{key}} {@code {"value"}} for each one that holds another value or
   * none, and {@code DELETE /services/{id}/env-vars/{key}} for each one to unset that is there. It
   * never uses the {@code PUT /services/{id}/env-vars} that replaces the whole set.
   */
  @Override
  public List<String> changeEnv(String serviceId, Map<String, String> set, List<String> unset) {
    Map<String, String> current = envVars(serviceId);
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, String> wanted : new TreeMap<>(set).entrySet()) {
      if (wanted.getValue().equals(current.get(wanted.getKey()))) {
        continue;
      }
      http.send(
          new Request.Builder()
              .url(envVarUrl(serviceId, wanted.getKey()))
              .header("Authorization", "Bearer " + token)
              .put(ProviderHttp.jsonBody(JSON.createObjectNode().put("value", wanted.getValue())))
              .build(),
          timeout,
          set.values());
      written.add(wanted.getKey());
    }
    for (String name : unset) {
      if (!current.containsKey(name)) {
        continue;
      }
      HttpReply reply =
          http.exchange(
              new Request.Builder()
                  .url(envVarUrl(serviceId, name))
                  .header("Authorization", "Bearer " + token)
                  .delete()
                  .build(),
              timeout);
      // Gone already (removed by someone else meanwhile) is what was asked.
      if (!reply.isSuccessful() && reply.status() != 404) {
        throw http.failureFor(reply);
      }
      written.add(name);
    }
    return written;
  }

  /**
   * Adopts a deploy of the service created at or after {@code notBefore}; otherwise {@code POST
   * /services/{id}/deploys} {@code {"clearCache":"do_not_clear"}}. Render has no field for a
   * reason. A 202 without a body means accepted but not created yet: the deploy is then looked up,
   * and if it is not there yet the call fails retryably so that the retry adopts it.
   */
  @Override
  public DeployStarted redeploy(String serviceId, Instant notBefore, String reason) {
    Optional<DeployStarted> adopted =
        PlatformChanges.adoptSince(this, serviceId, notBefore, "Render deploy");
    if (adopted.isPresent()) {
      return adopted.get();
    }
    HttpReply reply =
        http.send(
            post(
                serviceUrl(serviceId).addPathSegment("deploys").build(),
                JSON.createObjectNode().put("clearCache", "do_not_clear")),
            timeout);
    String id = reply.body().isBlank() ? "" : readId(reply.body());
    if (id.isBlank()) {
      id =
          recentProductionDeploys(serviceId, notBefore).stream()
              .findFirst()
              .map(Deployment::id)
              .orElseThrow(
                  () ->
                      ProviderFailures.unavailable(
                          "Render accepted the deploy of "
                              + serviceId
                              + " but has not created it yet",
                          null));
    }
    return new DeployStarted(id, false, false, "Render deploy of " + serviceId + " started: " + id);
  }

  /** {@code GET /services/{id}/deploys/{deployId}} until {@code live}. */
  @Override
  public RollbackProgress deployProgress(String serviceId, String deployRef) {
    return progressOf(serviceId, deployRef, "Render deploy " + deployRef + " of " + serviceId);
  }

  /**
   * Reads the manual count ({@code serviceDetails.numInstances} of {@code GET /services/{id}}) and
   * sends {@code POST /services/{id}/scale} {@code {"numInstances"}} only when it differs.
   */
  @Override
  public boolean scale(String serviceId, int instances) {
    JsonNode service = http.sendForJson(get(serviceUrl(serviceId).build()), timeout);
    JsonNode running = service.path("serviceDetails").path("numInstances");
    if (running.isInt() && running.asInt() == instances) {
      return false;
    }
    http.send(
        post(
            serviceUrl(serviceId).addPathSegment("scale").build(),
            JSON.createObjectNode().put("numInstances", instances)),
        timeout);
    return true;
  }

  private RollbackProgress progressOf(String serviceId, String deployId, String what) {
    JsonNode deploy =
        http.sendForJson(
            get(serviceUrl(serviceId).addPathSegment("deploys").addPathSegment(deployId).build()),
            timeout);
    String status = deploy.path("status").asText("");
    String detail = what + ": " + status;
    return switch (status) {
      case "live" -> RollbackProgress.live(detail);
      case "build_failed", "update_failed", "pre_deploy_failed", "canceled", "deactivated" ->
          RollbackProgress.failed(detail);
      default -> RollbackProgress.pending(detail);
    };
  }

  /** The variables set on the service, following the list's cursors. */
  private Map<String, String> envVars(String serviceId) {
    Map<String, String> vars = new HashMap<>();
    String cursor = null;
    while (true) {
      HttpUrl.Builder url =
          serviceUrl(serviceId)
              .addPathSegment("env-vars")
              .addQueryParameter("limit", String.valueOf(ENV_PAGE_SIZE));
      if (cursor != null) {
        url.addQueryParameter("cursor", cursor);
      }
      JsonNode page = http.sendForJson(get(url.build()), timeout);
      for (JsonNode entry : page) {
        JsonNode var = entry.path("envVar");
        vars.put(var.path("key").asText(), var.path("value").asText(null));
        cursor = entry.path("cursor").asText(null);
      }
      if (page.size() < ENV_PAGE_SIZE || cursor == null) {
        return vars;
      }
    }
  }

  private HttpUrl envVarUrl(String serviceId, String key) {
    return serviceUrl(serviceId).addPathSegment("env-vars").addPathSegment(key).build();
  }

  private String readId(String body) {
    try {
      return JSON.readTree(body).path("id").asText("");
    } catch (JsonProcessingException notJson) {
      throw ProviderFailures.unavailable(
          "Render answered a deploy with a body that is not JSON", notJson);
    }
  }

  /** {@code POST /services/{id}/restart}, answered 200 with no body. */
  @Override
  public void restart(String serviceId) {
    http.send(
        new Request.Builder()
            .url(serviceUrl(serviceId).addPathSegment("restart").build())
            .header("Authorization", "Bearer " + token)
            .post(RequestBody.create("", JSON_TYPE))
            .build(),
        timeout);
  }

  private HttpUrl.Builder serviceUrl(String serviceId) {
    return baseUrl.newBuilder().addPathSegment("services").addPathSegment(serviceId);
  }

  private Request post(HttpUrl url, JsonNode body) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .post(ProviderHttp.jsonBody(body))
        .build();
  }

  private Request get(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .get()
        .build();
  }

  private static Deployment toDeployment(JsonNode d) {
    return new Deployment(
        d.path("id").asText(),
        Instant.parse(d.path("createdAt").asText()),
        d.path("status").asText(null),
        d.path("commit").path("id").asText(null),
        null);
  }
}
