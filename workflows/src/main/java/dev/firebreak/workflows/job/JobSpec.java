package dev.firebreak.workflows.job;

import dev.firebreak.workflows.playbook.ParameterSpec;
import java.time.Duration;
import java.util.List;

/**
 * One scheduled job as configured. The schedule itself (cron and zone) is the scheduler's business;
 * the job workflow keeps it only to show it.
 *
 * @param timeout how long one attempt may take
 * @param dryRun whether the call is only described (its secrets are not set in this environment)
 * @param parameters what a run may be given, as {@code {{name}}} in the call: a scheduled run takes
 *     each one's default, a run now may give its own
 */
public record JobSpec(
    String name,
    String cron,
    String timeZone,
    JobAction action,
    Duration timeout,
    JobRetry retry,
    JobAlerts alerts,
    boolean dryRun,
    List<ParameterSpec> parameters) {

  public JobSpec {
    // A job configured before jobs took parameters has none.
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }
}
