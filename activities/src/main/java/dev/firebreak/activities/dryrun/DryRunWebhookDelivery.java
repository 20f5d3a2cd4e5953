package dev.firebreak.activities.dryrun;

import dev.firebreak.workflows.webhooks.RedeliveryBatch;
import dev.firebreak.workflows.webhooks.RedeliveryOutcome;
import dev.firebreak.workflows.webhooks.WebhookDeliveryActivities;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stripe not configured: nothing is sent; the log says which events would have gone where. */
public final class DryRunWebhookDelivery implements WebhookDeliveryActivities {

  private static final Logger log = LoggerFactory.getLogger(DryRunWebhookDelivery.class);

  @Override
  public RedeliveryOutcome redeliver(RedeliveryBatch batch) {
    log.info(
        "{} dry-run: POST {} with {} signed events ({}…)",
        batch.jobId(),
        batch.endpointUrl(),
        batch.eventIds().size(),
        batch.eventIds().isEmpty() ? "" : batch.eventIds().get(0));
    return new RedeliveryOutcome(List.copyOf(batch.eventIds()), List.of(), true);
  }
}
