package dev.firebreak.workflows.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a heartbeat remembers, carried across continue-as-new; {@link HeartbeatClock} reads its
 * state from it.
 *
 * @param trackedSince when this heartbeat's workflow first started: actions per day count from here
 * @param expectedFrom the instant the next expected time counts from (the last success, or a resume
 *     after it); null while the heartbeat is new
 * @param runStartedAt the open run's {@code /start}; null when no run is open
 * @param runId the open run's {@code ?rid=}, null when it gave none
 * @param failed the last finish was a failure: down until the next success
 * @param incidentId the incident declared for the current outage, null when none is open
 * @param incidentsDeclared how many incidents this heartbeat has declared, for their ids
 * @param signals pings that reached the workflow (each a billed signal)
 * @param pings every ping received, including those the API coalesced
 * @param timers deadline timers started (each a billed action)
 * @param lastDuration the last finished run's duration, from its {@code /start}; null when unknown
 * @param recent the latest pings, newest first
 */
public record HeartbeatRecord(
    Instant trackedSince,
    Instant expectedFrom,
    Instant lastSuccessAt,
    Instant lastFailureAt,
    Instant runStartedAt,
    String runId,
    boolean failed,
    boolean paused,
    String pausedBy,
    String incidentId,
    int incidentsDeclared,
    long signals,
    long pings,
    long timers,
    Duration lastDuration,
    List<HeartbeatPing> recent) {

  public HeartbeatRecord {
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  public static HeartbeatRecord fresh(Instant now) {
    return new HeartbeatRecord(
        now, null, null, null, null, null, false, false, null, null, 0, 0, 0, 0, null, List.of());
  }
}
