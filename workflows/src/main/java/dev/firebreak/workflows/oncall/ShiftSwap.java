package dev.firebreak.workflows.oncall;

import java.time.Instant;

/**
 * Two people exchange shifts: {@code b} takes the shift {@code a} has at {@code aAt} and {@code a}
 * takes the one {@code b} has at {@code bAt}, the shifts as the schedule computes them when the
 * swap is made (overrides included).
 *
 * @param by who asked for it (a Slack user id, an API token name), for the source text and the
 *     audit
 */
public record ShiftSwap(OnCallPerson a, Instant aAt, OnCallPerson b, Instant bAt, String by) {}
