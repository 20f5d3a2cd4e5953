package dev.firebreak.activities.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.workflows.diagnostics.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Render's API, as far as Firebreak uses it (docs/providers.md §6). Knows Render, not Temporal. */
public final class RenderClient implements RollbackPlatform {

  public static final String DEFAULT_BASE_URL = "https://api.render.com/v1";
  static final int PAGE_SIZE = 20;
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
        new Request.Builder()
            .url(serviceUrl(serviceId).addPathSegment("rollback").build())
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .post(
                RequestBody.create(
                    JSON.createObjectNode().put("deployId", deployId).toString(), JSON_TYPE))
            .build();
    return http.sendForJson(request, timeout).path("id").asText();
  }

  /** {@code GET /services/{id}/deploys/{rollbackDeployId}}: the rollback is a deploy of its own. */
  @Override
  public RollbackProgress rollbackProgress(String serviceId, String deployId, String rollbackRef) {
    JsonNode deploy =
        http.sendForJson(
            get(
                serviceUrl(serviceId)
                    .addPathSegment("deploys")
                    .addPathSegment(rollbackRef)
                    .build()),
            timeout);
    String status = deploy.path("status").asText("");
    String detail =
        "Render rollback deploy "
            + rollbackRef
            + " of "
            + serviceId
            + " (to "
            + deployId
            + "): "
            + status;
    return switch (status) {
      case "live" -> RollbackProgress.live(detail);
      case "build_failed", "update_failed", "pre_deploy_failed", "canceled", "deactivated" ->
          RollbackProgress.failed(detail);
      default -> RollbackProgress.pending(detail);
    };
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
