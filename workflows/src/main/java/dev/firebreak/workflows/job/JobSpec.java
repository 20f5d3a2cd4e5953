package dev.firebreak.workflows.job;

import java.time.Duration;

/**
 * One scheduled job as configured. The schedule itself (cron and zone) is the scheduler's business;
 * the job workflow keeps it only to show it.
 *
 * @param timeout how long one attempt may take
 * @param dryRun whether the call is only described (its secrets are not set in this environment)
 */
public record JobSpec(
    String name,
    String cron,
    String timeZone,
    JobAction action,
    Duration timeout,
    JobRetry retry,
    JobAlerts alerts,
    boolean dryRun) {}
