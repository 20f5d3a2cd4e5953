package dev.firebreak.workflows.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a webhook retry job has done, carried across continue-as-new. {@code seen} holds every
 * event id listed so far: it is what makes delivery at most once per event across runs.
 *
 * @param cursor the last event id listed ({@code starting_after}), null before the first page
 * @param pending listed, not yet attempted (or due again after a failure), in listing order
 */
public record WebhookRetryLedger(
    Instant since,
    String cursor,
    boolean listingDone,
    boolean truncated,
    List<String> seen,
    List<String> pending,
    Map<String, FailedAttempts> failing,
    List<DeadLetter> deadLetters,
    int delivered,
    int duplicatesSkipped,
    boolean paused,
    boolean dryRun,
    int runs) {}
