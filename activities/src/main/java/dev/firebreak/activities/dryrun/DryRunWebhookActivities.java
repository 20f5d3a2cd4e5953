package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.webhooks.FailedEventPage;
import dev.firebreak.workflows.webhooks.FailedWebhookEvents;
import dev.firebreak.workflows.webhooks.WebhookActivities;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stripe not configured: no events are listed, and the log says which query would have run. */
public final class DryRunWebhookActivities implements WebhookActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunWebhookActivities.class);

  @Override
  public FailedWebhookEvents failedWebhookEvents(Instant since) {
    log.info(
        "dry-run: GET https://api.stripe.com/v1/events?delivery_success=false&created[gte]={}",
        since.getEpochSecond());
    return new FailedWebhookEvents(List.of(), false, true);
  }

  @Override
  public FailedEventPage failedEventsPage(Instant since, String startingAfter) {
    log.info(
        "dry-run: GET https://api.stripe.com/v1/events?delivery_success=false&created[gte]={}&limit=100{}",
        since.getEpochSecond(),
        startingAfter == null ? "" : "&starting_after=" + startingAfter);
    return new FailedEventPage(List.of(), false, true);
  }
}
