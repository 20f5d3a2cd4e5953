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
 * Stripe's events list (provider-apis §4.5), filtered to events whose webhook delivery failed.
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
    this.http = new ProviderHttp(transport, "Stripe", ErrorMessageReader.jsonFields("/error/message"));
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
      JsonNode page = http.sendForJson(request(since, after), timeout);
      for (JsonNode event : page.path("data")) {
        events.add(new FailedWebhookEvent(
            event.path("id").asText(),
            event.path("type").asText(),
            Instant.ofEpochSecond(event.path("created").asLong()),
            event.path("pending_webhooks").asInt()));
      }
      more = page.path("has_more").asBoolean() && !events.isEmpty();
      after = events.isEmpty() ? null : events.get(events.size() - 1).id();
    }
    List<FailedWebhookEvent> oldestFirst = new ArrayList<>(events);
    oldestFirst.sort(Comparator.comparing(FailedWebhookEvent::created));
    return new FailedWebhookEvents(List.copyOf(oldestFirst), more, false);
  }

  private Request request(Instant since, String startingAfter) {
    HttpUrl.Builder url = eventsUrl.newBuilder()
        .addQueryParameter("delivery_success", "false")
        .addQueryParameter("created[gte]", String.valueOf(since.getEpochSecond()))
        .addQueryParameter("limit", String.valueOf(PAGE_SIZE));
    if (startingAfter != null) {
      url.addQueryParameter("starting_after", startingAfter);
    }
    return new Request.Builder().url(url.build()).header("Authorization", "Bearer " + apiKey).get().build();
  }
}
