package dev.firebreak.workflows.incident;

import java.time.Duration;

/**
 * How fast a severity must be handled: the runbook's response time becomes the ack timeout, its
 * "update every 15 minutes" the update interval.
 *
 * @param paging whether the severity wakes people: false (a P4 "next business day") means the
 *     channel is told but nobody is paged and nothing escalates
 */
public record SeverityPolicy(
    Duration ackTimeout, Duration updateInterval, Duration postMortemDue, boolean paging) {}
