package dev.firebreak.workflows.job;

import java.time.Instant;

/**
 * One run in the job's history.
 *
 * @param number the run's number over the job's whole life (continue-as-new keeps counting)
 * @param startedAt when the run began calling; for a skipped run, when it was skipped
 * @param detail what happened, in a sentence (the endpoint's answer or the failure)
 */
public record JobRun(
    long number,
    JobTrigger trigger,
    Instant startedAt,
    Instant finishedAt,
    JobOutcome outcome,
    boolean dryRun,
    String detail) {}
