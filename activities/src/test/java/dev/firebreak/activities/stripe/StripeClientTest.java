package dev.firebreak.activities.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeStripe;
import dev.firebreak.activities.http.ProviderClientContract;
import dev.firebreak.activities.webhooks.EventBodies;
import dev.firebreak.workflows.webhooks.FailedWebhookEvent;
import dev.firebreak.workflows.webhooks.FailedWebhookEvents;
import java.time.Instant;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class StripeClientTest extends ProviderClientContract {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final FakeStripe stripe =
      new FakeStripe("sk_test_123456")
          .event("evt_old", "invoice.paid", T0.minusSeconds(3600), false)
          .event("evt_ok", "invoice.paid", T0.plusSeconds(10), true)
          .event("evt_1", "payment_intent.succeeded", T0.plusSeconds(20), false)
          .event("evt_2", "charge.refunded", T0.plusSeconds(30), false);
  private final StripeClient client = client("sk_test_123456");

  private StripeClient client(String key) {
    return new StripeClient(TRANSPORT, stripe.baseUrl(), key, TIMEOUT);
  }

  @Override
  protected FakeServer fake() {
    return stripe;
  }

  @Override
  protected void callProvider() {
    client.failedWebhookEvents(T0);
  }

  @Test
  void listsEventsWhoseDeliveryFailedSinceTheGivenTimeOldestFirst() {
    FailedWebhookEvents events =
        new StripeWebhookActivities(client, new EventBodies(10)).failedWebhookEvents(T0);

    RecordedRequest request = stripe.requests().get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk_test_123456");
    assertThat(request.getPath())
        .isEqualTo(
            "/v1/events?delivery_success=false&created%5Bgte%5D="
                + T0.getEpochSecond()
                + "&limit=100");
    assertThat(events.events())
        .containsExactly(
            new FailedWebhookEvent("evt_1", "payment_intent.succeeded", T0.plusSeconds(20), 1),
            new FailedWebhookEvent("evt_2", "charge.refunded", T0.plusSeconds(30), 1));
    assertThat(events.truncated()).isFalse();
  }

  @Test
  void followsPagesWithStartingAfter() {
    for (int i = 0; i < 150; i++) {
      stripe.event(String.format("evt_p%03d", i), "invoice.paid", T0.plusSeconds(100 + i), false);
    }

    FailedWebhookEvents events = client.failedWebhookEvents(T0);

    assertThat(events.events()).hasSize(152);
    assertThat(events.events().get(0).id()).isEqualTo("evt_1");
    assertThat(stripe.requests()).hasSize(2);
    assertThat(stripe.requests().get(1).getRequestUrl().queryParameter("starting_after"))
        .isEqualTo("evt_p050");
  }

  @Test
  void badKeyIsPermanentWithStripesMessage() {
    assertRejected(
        () -> client("sk_test_stale0").failedWebhookEvents(T0),
        "Stripe answered HTTP 401: Invalid API Key provided: sk_***ale0");
  }

  @Test
  void wrongPathIsPermanent() {
    StripeClient misconfigured =
        new StripeClient(TRANSPORT, stripe.baseUrl() + "/api", "sk_test_123456", TIMEOUT);

    assertRejected(
        () -> misconfigured.failedWebhookEvents(T0),
        "Stripe answered HTTP 404: Unrecognized request URL (GET: /api/v1/events).");
  }
}
