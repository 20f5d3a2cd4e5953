package dev.firebreak.workflows.webhooks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/** Inbound webhooks a provider could not deliver to us, so that a job can process them late. */
@ActivityInterface(namePrefix = "Webhooks")
public interface WebhookActivities {

  /** Stripe events created since {@code since} whose delivery failed to at least one endpoint. */
  @ActivityMethod
  FailedWebhookEvents failedWebhookEvents(Instant since);

  /**
   * One page of Stripe events created since {@code since} whose delivery failed, after the event
   * {@code startingAfter} (null for the first page).
   */
  @ActivityMethod
  FailedEventPage failedEventsPage(Instant since, String startingAfter);
}
