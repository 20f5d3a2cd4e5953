package dev.firebreak.workflows.webhooks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Sends provider events to the application's own webhook endpoint, as the provider would have. */
@ActivityInterface(namePrefix = "WebhookDelivery")
public interface WebhookDeliveryActivities {

  /**
   * Delivers each event of the batch once, pacing itself to the batch's rate and heartbeating its
   * progress; a retried attempt skips the events an earlier attempt already settled.
   */
  @ActivityMethod
  RedeliveryOutcome redeliver(RedeliveryBatch batch);
}
