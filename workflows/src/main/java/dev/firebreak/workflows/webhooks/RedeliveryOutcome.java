package dev.firebreak.workflows.webhooks;

import java.util.List;

/**
 * What a delivery activity did with each event of its batch. Also its heartbeat: the progress a
 * retry resumes from.
 */
public record RedeliveryOutcome(
    List<String> delivered, List<DeliveryFailure> failed, boolean dryRun) {

  public static RedeliveryOutcome none() {
    return new RedeliveryOutcome(List.of(), List.of(), false);
  }
}
