package dev.firebreak.activities.webhooks;

import dev.firebreak.activities.fakes.FakeStripe;
import dev.firebreak.activities.fakes.FakeWebhookReceiver;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.activities.stripe.StripeClient;
import dev.firebreak.activities.stripe.StripeWebhookActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Stripe and the application's webhook endpoint as local fakes, and the real listing and delivery
 * activities pointed at them, with the signing secret in the environment as {@code
 * STRIPE_WEBHOOK_SECRET}.
 */
final class WebhookTestbed implements AutoCloseable {

  static final String SECRET_REFERENCE = "${STRIPE_WEBHOOK_SECRET}";
  static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final String API_KEY = "sk_test_webhooks";
  private static final String SIGNING_SECRET = "whsec_test_recoup";

  final FakeStripe stripe = new FakeStripe(API_KEY);
  final FakeWebhookReceiver receiver;
  final StripeWebhookActivities listing;
  final WebhookRedelivery delivery;

  WebhookTestbed() {
    this(SIGNING_SECRET);
  }

  /**
   * @param receiverSecret the secret the endpoint verifies with; another than the sender's makes
   *     every signature wrong
   */
  WebhookTestbed(String receiverSecret) {
    receiver = new FakeWebhookReceiver(receiverSecret);
    HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
    StripeClient client =
        new StripeClient(transport, stripe.baseUrl(), API_KEY, Duration.ofSeconds(5));
    EventBodies bodies = new EventBodies(1000);
    listing = new StripeWebhookActivities(client, bodies);
    delivery =
        new WebhookRedelivery(
            client,
            bodies,
            transport,
            new SecretExpander(Map.of("STRIPE_WEBHOOK_SECRET", SIGNING_SECRET)::get),
            Duration.ofSeconds(2));
  }

  /**
   * {@code evt_<from> … evt_<from+count-1>} whose delivery failed, the higher numbers the newer.
   */
  WebhookTestbed failedEvents(int from, int count) {
    for (int i = from; i < from + count; i++) {
      stripe.event(
          id(i),
          i % 2 == 0 ? "invoice.paid" : "payment_intent.succeeded",
          T0.plusSeconds(i),
          false);
    }
    return this;
  }

  static String id(int n) {
    return String.format("evt_%05d", n);
  }

  @Override
  public void close() {
    stripe.close();
    receiver.close();
  }
}
