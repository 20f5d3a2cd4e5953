package dev.firebreak.workflows.webhooks;

import java.util.List;

/**
 * A webhook retry job's progress while it runs (the query) and its result when it ends.
 *
 * @param listed distinct failed events found; an event listed again is counted in {@code
 *     duplicatesSkipped} instead and never delivered twice
 * @param awaitingRetry events whose last delivery failed and that will be tried again
 * @param truncated more events failed than one job run remembers; the rest are left for the next
 *     run
 * @param dryRun the provider is not configured: nothing was listed or sent
 * @param runs continue-as-new count so far
 */
public record WebhookRetryReport(
    String provider,
    WebhookRetryPhase phase,
    boolean paused,
    int listed,
    int delivered,
    int duplicatesSkipped,
    int awaitingRetry,
    List<DeadLetter> deadLettered,
    boolean truncated,
    boolean dryRun,
    int runs) {}
