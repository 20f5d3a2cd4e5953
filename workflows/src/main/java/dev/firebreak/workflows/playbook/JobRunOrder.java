package dev.firebreak.workflows.playbook;

import java.util.Map;

/**
 * An action run's request that a configured job run now, once.
 *
 * @param requestId the update id of the job's "run now": the same for every attempt of the same
 *     action run, so the job workflow answers a retried request with the run it already queued
 * @param by who asks, as the job's history shows it; it names the action run, so the run this
 *     request started is found in the job's history by it
 * @param parameters the action's {@code with}, filled in: values for the job's parameters
 */
public record JobRunOrder(
    String job, String requestId, String by, String reason, Map<String, String> parameters) {

  public JobRunOrder {
    // An order recorded before job actions took parameters has none.
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
