package dev.firebreak.activities.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * PagerDuty's Events API v2 (docs/providers.md §3). There is no auth header: the integration's
 * routing key travels in the body. Every event carries the caller's {@code dedup_key}, which is
 * what makes a retried trigger land on the same PagerDuty alert instead of paging twice.
 */
public final class PagerDutyClient {

  public static final String DEFAULT_BASE_URL = "https://events.pagerduty.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderHttp http;
  private final HttpUrl enqueueUrl;
  private final String routingKey;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code PAGERDUTY_API_URL})
   * @param routingKey the integration key, already expanded from its {@code ${ENV}} reference
   */
  public PagerDutyClient(
      HttpTransport transport, String baseUrl, String routingKey, Duration timeout) {
    this.http =
        new ProviderHttp(
            transport, "PagerDuty", ErrorMessageReader.jsonFields("/errors/0", "/message"));
    this.enqueueUrl = HttpUrl.get(baseUrl).newBuilder().addPathSegments("v2/enqueue").build();
    this.routingKey = routingKey;
    this.timeout = timeout;
  }

  /** Opens (or, with the same dedup key, re-triggers) the alert; returns PagerDuty's dedup key. */
  public String trigger(String dedupKey, PagerDutyAlert alert) {
    ObjectNode event = event("trigger", dedupKey);
    ObjectNode payload =
        event
            .putObject("payload")
            .put("summary", alert.summary())
            .put("source", alert.source())
            .put("severity", alert.severity());
    if (alert.component() != null) {
      payload.put("component", alert.component());
    }
    ObjectNode details = payload.putObject("custom_details");
    alert.details().forEach(details::put);
    return send(event).path("dedup_key").asText(dedupKey);
  }

  /** Stops PagerDuty's own escalation of the alert; dropped by PagerDuty when no alert is open. */
  public void acknowledge(String dedupKey) {
    send(event("acknowledge", dedupKey));
  }

  public void resolve(String dedupKey) {
    send(event("resolve", dedupKey));
  }

  private ObjectNode event(String action, String dedupKey) {
    return JSON.createObjectNode()
        .put("routing_key", routingKey)
        .put("event_action", action)
        .put("dedup_key", dedupKey);
  }

  private JsonNode send(ObjectNode event) {
    Request request =
        new Request.Builder().url(enqueueUrl).post(ProviderHttp.jsonBody(event)).build();
    return http.sendForJson(request, timeout);
  }
}
