package dev.firebreak.workflows.job;

import java.time.Duration;

/** How hard one run tries before it counts as failed: exponential backoff, bounded attempts. */
public record JobRetry(
    Duration initialInterval,
    double backoffCoefficient,
    Duration maximumInterval,
    int maximumAttempts) {}
