package dev.firebreak.starter.jobs;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.JobConfig;
import dev.firebreak.workflows.job.JobAction;
import dev.firebreak.workflows.playbook.WebhookReplayActivities;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import io.temporal.common.converter.GlobalDataConverter;
import io.temporal.failure.ApplicationFailure;

/**
 * A {@code replay-webhooks} action's settings: the webhook-retry job's parameters, converted to the
 * request exactly as Temporal converts them when the job starts its own run, so a replay sends to
 * the same endpoint, with the same secret and pace, as the job does.
 */
public final class WebhookReplaySettings implements WebhookReplayActivities {

  static final String NO_SUCH_JOB = "NoWebhookRetryJob";

  private final FirebreakConfig config;

  public WebhookReplaySettings(FirebreakConfig config) {
    this.config = config;
  }

  @Override
  public WebhookRetryRequest settings(String job) {
    JobConfig.Action action =
        config.jobs().stream()
            .filter(j -> j.name().equals(job))
            .map(JobConfig::action)
            .filter(a -> JobAction.WEBHOOK_RETRY.equals(a.kind()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no " + JobAction.WEBHOOK_RETRY + " job named '" + job + "' in jobs",
                        NO_SUCH_JOB));
    var converter = GlobalDataConverter.get();
    return converter.fromPayload(
        converter.toPayload(action.parameters()).orElseThrow(),
        WebhookRetryRequest.class,
        WebhookRetryRequest.class);
  }
}
