package dev.firebreak.workflows.incident;

import java.time.Duration;
import java.util.List;

/**
 * One rung of the escalation chain. Targets carry their channel as a scheme, for example {@code
 * slack:U012AB3CD} or {@code pagerduty:ops}, so new paging providers need no model change.
 *
 * @param after how long nobody acknowledges before this level is paged; null keeps the severity's
 *     ack timeout, which is how chains recorded before per-level waits behave
 * @param severities the severities this level pages for (for example only P0 for "critical only");
 *     null or empty pages for every severity
 */
public record EscalationLevel(
    String name, List<String> targets, Duration after, List<Severity> severities) {

  /** A level with the severity's ack timeout as its wait, paging for every severity. */
  public EscalationLevel(String name, List<String> targets) {
    this(name, targets, null, null);
  }

  /** Whether this level pages for an incident of {@code severity}. */
  public boolean pagesFor(Severity severity) {
    return severities == null || severities.isEmpty() || severities.contains(severity);
  }
}
