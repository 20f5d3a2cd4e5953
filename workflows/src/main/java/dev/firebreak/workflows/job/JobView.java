package dev.firebreak.workflows.job;

import java.util.List;

/**
 * A job as people see it: schedule, whether it is paused or running, its failure streak and its
 * latest runs (newest first).
 *
 * @param current the run in progress (no outcome or end yet), null when none; the answer to "run
 *     now" on an idle job is the view with the run it started here
 */
public record JobView(
    String name,
    String cron,
    String timeZone,
    String action,
    boolean dryRun,
    boolean paused,
    String pausedBy,
    boolean running,
    int consecutiveFailures,
    long runs,
    JobRun lastRun,
    JobRun lastSuccess,
    String incidentId,
    List<JobRun> history,
    JobRun current) {}
