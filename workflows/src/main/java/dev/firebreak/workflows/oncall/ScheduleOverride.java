package dev.firebreak.workflows.oncall;

import java.time.Instant;

/**
 * {@code person} is on call from {@code from} (inclusive) to {@code to} (exclusive), whatever the
 * layers say: a shift taken over, a "cover me" request someone took, one half of a swap.
 *
 * @param by who made it (a Slack user id, an API token name), for the source text and the audit
 */
public record ScheduleOverride(OnCallPerson person, Instant from, Instant to, String by) {}
