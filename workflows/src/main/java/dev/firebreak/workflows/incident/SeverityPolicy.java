package dev.firebreak.workflows.incident;

import java.time.Duration;

/**
 * How fast a severity must be handled: the runbook's response time becomes the ack timeout, its
 * "update every 15 minutes" the update interval.
 *
 * @param paging whether the severity wakes people: false (a P4 "next business day") means the
 *     channel is told but nobody is paged and nothing escalates
 * @param statusPageImpact the public status page's impact ({@code none|minor|major|critical}) when
 *     the severity is shown to customers; null keeps it off the public page
 */
public record SeverityPolicy(
    Duration ackTimeout,
    Duration updateInterval,
    Duration postMortemDue,
    boolean paging,
    String statusPageImpact) {

  /** A severity that stays off the public status page. */
  public SeverityPolicy(
      Duration ackTimeout, Duration updateInterval, Duration postMortemDue, boolean paging) {
    this(ackTimeout, updateInterval, postMortemDue, paging, null);
  }
}
