package dev.firebreak.workflows.oncall;

import java.time.Instant;

/**
 * @param person who is on call, or null when nobody is (a coverage gap)
 * @param source why it is them, for the timeline: {@code "layer Primary (weekly)"}, {@code
 *     "override by U0BOB"}
 * @param shiftEnds when this person's shift ends, or null in a gap with no next shift
 */
public record OnCallAnswer(
    String schedule, Instant at, OnCallPerson person, String source, Instant shiftEnds) {}
