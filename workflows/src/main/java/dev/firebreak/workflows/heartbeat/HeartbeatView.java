package dev.firebreak.workflows.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A heartbeat as the API, the CLI and Slack show it.
 *
 * @param expectedAt when the next ping is due; null while new or paused
 * @param running whether a run ({@code /start}) is open
 * @param lastDuration the last finished run's duration from its {@code /start}
 * @param signals pings that reached the workflow
 * @param pings every ping received, including those the API coalesced
 * @param actionsPerDay the billed Temporal actions (signals and deadline timers) per day since the
 *     heartbeat was first started
 * @param recent the latest pings, newest first
 */
public record HeartbeatView(
    String name,
    String schedule,
    Duration grace,
    Duration maxRunTime,
    String service,
    String severity,
    HeartbeatState state,
    Instant expectedAt,
    boolean running,
    Instant runStartedAt,
    Instant lastSuccessAt,
    Instant lastFailureAt,
    Duration lastDuration,
    String incidentId,
    String pausedBy,
    long signals,
    long pings,
    double actionsPerDay,
    List<HeartbeatPing> recent) {}
