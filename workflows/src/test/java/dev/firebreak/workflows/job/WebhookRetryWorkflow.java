package dev.firebreak.workflows.job;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * A stand-in for the built-in webhook retry workflow, registered under the same type name, so the
 * seam a {@code webhook-retry} job runs through is tested without that workflow.
 */
@WorkflowInterface
public interface WebhookRetryWorkflow {

  @WorkflowMethod
  Map<String, Object> run(Map<String, String> request);

  class Redelivering implements WebhookRetryWorkflow {
    @Override
    public Map<String, Object> run(Map<String, String> request) {
      // As the real one reports a provider that is not configured: nothing listed or sent, dryRun
      // true.
      boolean dryRun = "unconfigured".equals(request.get("provider"));
      return Map.of(
          "provider",
          request.get("provider"),
          "delivered",
          dryRun ? 0 : 3,
          "deadLettered",
          0,
          "since",
          request.getOrDefault("since", "none"),
          "dryRun",
          dryRun);
    }
  }
}
