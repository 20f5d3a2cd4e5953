package dev.firebreak.workflows.job;

import java.util.List;

/**
 * A job as people see it: schedule, whether it is paused or running, its failure streak and its
 * latest runs (newest first).
 */
public record JobView(String name, String cron, String timeZone, String action, boolean dryRun, boolean paused,
    String pausedBy, boolean running, int consecutiveFailures, long runs, JobRun lastRun, JobRun lastSuccess,
    String incidentId, List<JobRun> history) {}
