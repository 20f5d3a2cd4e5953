package dev.firebreak.activities.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Sentry's organisation stats (docs/providers.md §10, {@code stats_v2}): how many error events a
 * project sent over a recent period. Every outcome is counted, not only {@code accepted}: during a
 * spike Sentry rate-limits and drops events, and those are exactly the errors a responder must see.
 */
public final class SentryClient {

  public static final String DEFAULT_BASE_URL = "https://sentry.io/api/0";

  private final ProviderHttp http;
  private final HttpUrl statsUrl;
  private final String authToken;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL}, a regional host or a self-hosted Sentry ({@code
   *     SENTRY_API_URL})
   * @param authToken already expanded from its {@code ${ENV}} reference
   * @param organisation the organisation slug
   */
  public SentryClient(
      HttpTransport transport,
      String baseUrl,
      String authToken,
      String organisation,
      Duration timeout) {
    this.http = new ProviderHttp(transport, "Sentry", ErrorMessageReader.jsonFields("/detail"));
    this.statsUrl =
        HttpUrl.get(baseUrl)
            .newBuilder()
            .addPathSegment("organizations")
            .addPathSegment(organisation)
            .addPathSegment("stats_v2")
            .addPathSegment("")
            .build();
    this.authToken = authToken;
    this.timeout = timeout;
  }

  /** Error events the project (numeric id) sent during the last {@code window} (whole minutes). */
  public long errorCount(String projectId, Duration window) {
    HttpUrl url =
        statsUrl
            .newBuilder()
            .addQueryParameter("field", "sum(quantity)")
            .addQueryParameter("groupBy", "outcome")
            .addQueryParameter("category", "error")
            .addQueryParameter("statsPeriod", Math.max(1, window.toMinutes()) + "m")
            .addQueryParameter("interval", "1m")
            .addQueryParameter("project", projectId)
            .build();
    Request request =
        new Request.Builder().url(url).header("Authorization", "Bearer " + authToken).get().build();
    long total = 0;
    for (JsonNode group : http.sendForJson(request, timeout).path("groups")) {
      total += group.path("totals").path("sum(quantity)").asLong();
    }
    return total;
  }
}
