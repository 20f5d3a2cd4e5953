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

/** Vercel's REST API, as far as Firebreak uses it (provider-apis §4.3). Knows Vercel, not Temporal. */
public final class VercelClient implements DeployLister {

  public static final String DEFAULT_BASE_URL = "https://api.vercel.com";
  static final int PAGE_SIZE = 20;

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
  public VercelClient(HttpTransport transport, String baseUrl, String token, String teamId, Duration timeout) {
    this.http = new ProviderHttp(transport, "Vercel", ErrorMessageReader.jsonFields("/error/message", "/error/code"));
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
    HttpUrl.Builder url = baseUrl.newBuilder()
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
    Request request = new Request.Builder()
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

  private static Deployment toDeployment(JsonNode d) {
    long createdMs = d.hasNonNull("created") ? d.get("created").asLong() : d.path("createdAt").asLong();
    String state = d.hasNonNull("readyState") ? d.get("readyState").asText() : d.path("state").asText(null);
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
