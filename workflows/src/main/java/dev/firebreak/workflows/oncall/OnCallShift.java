package dev.firebreak.workflows.oncall;

import java.time.Instant;

/**
 * A stretch of time in which one person (null: nobody, a coverage gap) is on call.
 *
 * @param source why it is them when the stretch starts: {@code "layer Primary (weekly)"}, {@code
 *     "override by U0BOB"}, {@code "nobody"}
 */
public record OnCallShift(OnCallPerson person, Instant from, Instant to, String source) {}
