package dev.firebreak.activities.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.workflows.diagnostics.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Render's API, as far as Firebreak uses it (provider-apis §4.4). Knows Render, not Temporal. */
public final class RenderClient implements DeployLister {

  public static final String DEFAULT_BASE_URL = "https://api.render.com/v1";
  static final int PAGE_SIZE = 20;

  private final ProviderHttp http;
  private final HttpUrl baseUrl;
  private final String token;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code RENDER_API_URL}); includes {@code /v1}
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
    return baseUrl.newBuilder()
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
    Request request = new Request.Builder()
        .url(deploysUrl(baseUrl, serviceId))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .get()
        .build();
    List<Deployment> deployments = new ArrayList<>();
    // The list wraps each deploy with its pagination cursor: [{"deploy":{…},"cursor":"…"}].
    for (JsonNode entry : http.sendForJson(request, timeout)) {
      deployments.add(toDeployment(entry.path("deploy")));
    }
    return DeployLister.newestFirstSince(deployments, since);
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
