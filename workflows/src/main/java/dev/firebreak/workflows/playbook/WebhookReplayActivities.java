package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a {@code replay-webhooks} action needs from the configuration, read by an activity. */
@ActivityInterface(namePrefix = "ActionWebhookReplay")
public interface WebhookReplayActivities {

  /**
   * The configured webhook-retry job's request (endpoint, secret reference, rate, attempts, batch
   * size), as the job passes it to its own runs; fails, not retried, when there is no such job.
   */
  @ActivityMethod
  WebhookRetryRequest settings(String job);
}
