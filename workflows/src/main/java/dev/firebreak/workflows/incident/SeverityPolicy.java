package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.oncall.BusinessHours;
import java.time.Duration;

/**
 * How fast a severity must be handled: the runbook's response time becomes the ack timeout, its
 * "update every 15 minutes" the update interval.
 *
 * @param paging whether the severity wakes people: false (a P4 "next business day") means the
 *     channel is told but nobody is paged and nothing escalates
 * @param statusPageImpact the public status page's impact ({@code none|minor|major|critical}) when
 *     the severity is shown to customers; null keeps it off the public page
 * @param businessHours set for a severity that pages only in business hours (a P3 declared at 03:00
 *     on a Saturday pages at 09:00 on Monday, holidays skipped); null pages at any hour. The
 *     definition travels with the policy because the workflow reads no config.
 */
public record SeverityPolicy(
    Duration ackTimeout,
    Duration updateInterval,
    Duration postMortemDue,
    boolean paging,
    String statusPageImpact,
    BusinessHours businessHours) {

  /** A severity that pages at any hour. */
  public SeverityPolicy(
      Duration ackTimeout,
      Duration updateInterval,
      Duration postMortemDue,
      boolean paging,
      String statusPageImpact) {
    this(ackTimeout, updateInterval, postMortemDue, paging, statusPageImpact, null);
  }

  /** A severity that stays off the public status page and pages at any hour. */
  public SeverityPolicy(
      Duration ackTimeout, Duration updateInterval, Duration postMortemDue, boolean paging) {
    this(ackTimeout, updateInterval, postMortemDue, paging, null, null);
  }
}
