package dev.firebreak.workflows.webhooks;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The built-in webhook retry job: lists the provider's failed webhook deliveries and re-delivers
 * each event, signed as the provider signs it, to the application's endpoint, at most once per
 * event id. Events that keep failing are set aside as dead letters and reported in chat. Scheduled
 * jobs start it as a child by its type name, {@value #TYPE}.
 */
@WorkflowInterface
public interface WebhookRetryWorkflow {

  String TYPE = "WebhookRetryWorkflow";

  /**
   * @param ledger null when the job starts; continue-as-new passes what was listed, delivered and
   *     set aside so far, so no event is delivered twice across runs
   */
  @WorkflowMethod(name = TYPE)
  WebhookRetryReport run(WebhookRetryRequest request, WebhookRetryLedger ledger);

  @SignalMethod(description = "Stop re-delivering after the batch in flight, until resumed")
  void pause();

  @SignalMethod(description = "Continue re-delivering where the job paused")
  void resume();

  @QueryMethod(
      description =
          "Phase, counts of listed, delivered, skipped duplicates, retrying and dead-lettered events")
  WebhookRetryReport progress();
}
