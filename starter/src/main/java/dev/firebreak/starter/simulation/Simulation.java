package dev.firebreak.starter.simulation;

import java.time.Instant;
import java.util.List;

/**
 * What a simulated incident pages, in order, and how it ends.
 *
 * @param declared the declaration's local time in {@code timeZone}
 * @param ackAfter as the request gave it ({@code 20m}); null when nobody acknowledges
 * @param outcome one sentence: acknowledged, escalation exhausted, a severity that pages nobody, or
 *     still unanswered when the simulation ends
 * @param unreachable how many of the pages' targets reached nobody
 */
public record Simulation(
    String severity,
    String service,
    Instant declaredAt,
    String declared,
    String timeZone,
    String ackAfter,
    List<SimulatedPage> pages,
    String outcome,
    int unreachable) {}
