package dev.firebreak.activities.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
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

/**
 * Vercel's REST API, as far as Firebreak uses it (docs/providers.md §5). Knows Vercel, not
 * Temporal.
 */
public final class VercelClient implements RollbackPlatform {

  public static final String DEFAULT_BASE_URL = "https://api.vercel.com";
  static final int PAGE_SIZE = 20;
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

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
