package dev.firebreak.activities.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import dev.firebreak.workflows.webhooks.FailedWebhookEvent;
import dev.firebreak.workflows.webhooks.FailedWebhookEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Stripe's events list (docs/providers.md §7), filtered to events whose webhook delivery failed.
 * Stripe lists newest first in pages of at most 100; this walks pages with {@code starting_after}
 * up to a cap, because the result lands in workflow history and must stay small.
 */
public final class StripeClient {

  public static final String DEFAULT_BASE_URL = "https://api.stripe.com";
  static final int PAGE_SIZE = 100;
  static final int MAX_EVENTS = 1000;

  private final ProviderHttp http;
  private final HttpUrl eventsUrl;
  private final String apiKey;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code STRIPE_API_URL})
   * @param apiKey the secret key, already expanded from its {@code ${ENV}} reference
   */
  public StripeClient(HttpTransport transport, String baseUrl, String apiKey, Duration timeout) {
    this.http =
        new ProviderHttp(transport, "Stripe", ErrorMessageReader.jsonFields("/error/message"));
    this.eventsUrl = HttpUrl.get(baseUrl).newBuilder().addPathSegments("v1/events").build();
    this.apiKey = apiKey;
    this.timeout = timeout;
  }

  /**
   * Events created at or after {@code since} that failed delivery to at least one endpoint, oldest
   * first. When there are more than {@link #MAX_EVENTS}, the oldest are dropped and the result says
   * it was truncated.
   */
  public FailedWebhookEvents failedWebhookEvents(Instant since) {
    List<FailedWebhookEvent> events = new ArrayList<>();
    String after = null;
    boolean more = true;
    while (more && events.size() < MAX_EVENTS) {
      StripeEventPage page = failedEventsPage(since, after);
      for (JsonNode event : page.events()) {
        events.add(
            new FailedWebhookEvent(
                event.path("id").asText(),
                event.path("type").asText(),
                Instant.ofEpochSecond(event.path("created").asLong()),
                event.path("pending_webhooks").asInt()));
      }
      more = page.hasMore() && !events.isEmpty();
      after = events.isEmpty() ? null : events.get(events.size() - 1).id();
    }
    List<FailedWebhookEvent> oldestFirst = new ArrayList<>(events);
    oldestFirst.sort(Comparator.comparing(FailedWebhookEvent::created));
    return new FailedWebhookEvents(List.copyOf(oldestFirst), more, false);
  }

  /**
   * One page of events created at or after {@code since} whose delivery failed, newest first, after
   * the event {@code startingAfter} (null for the first page), each as the JSON Stripe sent.
   */
  public StripeEventPage failedEventsPage(Instant since, String startingAfter) {
    JsonNode page = http.sendForJson(request(since, startingAfter), timeout);
    List<JsonNode> events = new ArrayList<>();
    page.path("data").forEach(events::add);
    return new StripeEventPage(
        List.copyOf(events), page.path("has_more").asBoolean() && !events.isEmpty());
  }

  /**
   * One event as Stripe's JSON ({@code GET /v1/events/{id}}): the body a webhook delivery carries.
   */
  public String event(String id) {
    HttpUrl url = eventsUrl.newBuilder().addPathSegment(id).build();
    return http.send(
            new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + apiKey)
                .get()
                .build(),
            timeout)
        .body();
  }

  private Request request(Instant since, String startingAfter) {
    HttpUrl.Builder url =
        eventsUrl
            .newBuilder()
            .addQueryParameter("delivery_success", "false")
            .addQueryParameter("created[gte]", String.valueOf(since.getEpochSecond()))
            .addQueryParameter("limit", String.valueOf(PAGE_SIZE));
    if (startingAfter != null) {
      url.addQueryParameter("starting_after", startingAfter);
    }
    return new Request.Builder()
        .url(url.build())
        .header("Authorization", "Bearer " + apiKey)
        .get()
        .build();
  }
}
