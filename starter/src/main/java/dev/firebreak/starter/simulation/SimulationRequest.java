package dev.firebreak.starter.simulation;

import dev.firebreak.workflows.incident.Severity;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * What to simulate: an incident of {@code severity} on {@code service} declared at {@code at},
 * shown in {@code at}'s zone.
 *
 * @param ackAfter how long after the declaration someone acknowledges; null for never
 */
public record SimulationRequest(
    Severity severity, String service, ZonedDateTime at, Duration ackAfter) {}
