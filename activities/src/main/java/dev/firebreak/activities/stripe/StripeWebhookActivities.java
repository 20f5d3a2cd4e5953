package dev.firebreak.activities.stripe;

import dev.firebreak.workflows.webhooks.FailedWebhookEvents;
import dev.firebreak.workflows.webhooks.WebhookActivities;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Undelivered Stripe webhooks, for the job that processes them late. Read-only. */
public final class StripeWebhookActivities implements WebhookActivities {

  private static final Logger log = LoggerFactory.getLogger(StripeWebhookActivities.class);

  private final StripeClient stripe;

  public StripeWebhookActivities(StripeClient stripe) {
    this.stripe = stripe;
  }

  @Override
  public FailedWebhookEvents failedWebhookEvents(Instant since) {
    FailedWebhookEvents events = stripe.failedWebhookEvents(since);
    log.info("Stripe: {} events since {} failed webhook delivery{}", events.events().size(), since,
        events.truncated() ? " (truncated)" : "");
    return events;
  }
}
