package dev.firebreak.workflows.incident;

import java.time.Duration;

/**
 * How fast a severity must be handled: the runbook's response time becomes the ack timeout, its
 * "update every 15 minutes" the update interval.
 */
public record SeverityPolicy(
    Duration ackTimeout, Duration updateInterval, Duration postMortemDue, boolean pageOnDeclare) {}
