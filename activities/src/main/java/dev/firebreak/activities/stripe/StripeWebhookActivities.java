package dev.firebreak.activities.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.webhooks.EventBodies;
import dev.firebreak.workflows.webhooks.FailedEventPage;
import dev.firebreak.workflows.webhooks.FailedWebhookEvents;
import dev.firebreak.workflows.webhooks.WebhookActivities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undelivered Stripe webhooks, for the job that processes them late. Read-only. A page's event
 * bodies are kept in {@link EventBodies} for the re-delivery that follows it.
 */
public final class StripeWebhookActivities implements WebhookActivities {

  private static final Logger log = LoggerFactory.getLogger(StripeWebhookActivities.class);

  private final StripeClient stripe;
  private final EventBodies bodies;

  public StripeWebhookActivities(StripeClient stripe, EventBodies bodies) {
    this.stripe = stripe;
    this.bodies = bodies;
  }

  @Override
  public FailedWebhookEvents failedWebhookEvents(Instant since) {
    FailedWebhookEvents events = stripe.failedWebhookEvents(since);
    log.info(
        "Stripe: {} events since {} failed webhook delivery{}",
        events.events().size(),
        since,
        events.truncated() ? " (truncated)" : "");
    return events;
  }

  @Override
  public FailedEventPage failedEventsPage(Instant since, String startingAfter) {
    StripeEventPage page = stripe.failedEventsPage(since, startingAfter);
    List<String> ids = new ArrayList<>();
    for (JsonNode event : page.events()) {
      String id = event.path("id").asText();
      bodies.put(id, event.toString());
      ids.add(id);
    }
    log.info(
        "Stripe: {} events failed webhook delivery on the page after {}{}",
        ids.size(),
        startingAfter == null ? "the newest" : startingAfter,
        page.hasMore() ? "; more follow" : "");
    return new FailedEventPage(List.copyOf(ids), page.hasMore(), false);
  }
}
