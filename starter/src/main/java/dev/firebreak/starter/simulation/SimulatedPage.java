package dev.firebreak.starter.simulation;

import java.time.Instant;

/**
 * One target of one escalation page in a simulation.
 *
 * @param local {@code at} in the simulation's time zone, as the table shows it
 * @param target the target as the policy names it ({@code schedule:primary}, {@code slack:U0…})
 * @param person who a {@code schedule:} target resolved to at that moment; null for other targets,
 *     when nobody was on call, or while escalations page the schedule's name unresolved
 * @param channel how the page went ({@code slack}, {@code sms}, {@code call}, {@code email}, {@code
 *     pagerduty}); null when it reached nobody
 * @param reached whether the pager was asked to page someone for this target
 * @param note why nobody was reached, or what the row leaves open; null when there is nothing to
 *     add
 */
public record SimulatedPage(
    Instant at,
    String local,
    int level,
    String levelName,
    int round,
    String target,
    String person,
    String channel,
    boolean reached,
    String note) {}
