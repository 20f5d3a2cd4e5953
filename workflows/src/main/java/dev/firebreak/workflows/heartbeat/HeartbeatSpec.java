package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.Severity;
import java.time.Duration;

/**
 * One heartbeat as configured: a job that runs elsewhere and pings Firebreak when it has run.
 *
 * @param period how often a ping is expected; null when {@code cron} says when instead
 * @param cron a 5-field cron expression read in {@code timeZone}; null when {@code period} is set
 * @param grace how long after the expected time the heartbeat is late before it is down
 * @param maxRunTime how long a {@code /start} may go without its finish before the run is late;
 *     null when runs are not timed
 * @param incidentPolicy the runbook slice the incident declared when it goes down runs by
 */
public record HeartbeatSpec(
    String name,
    Duration period,
    String cron,
    String timeZone,
    Duration grace,
    Duration maxRunTime,
    String service,
    Severity severity,
    IncidentPolicy incidentPolicy) {

  /** "every 15m" or "0 2 * * * (Europe/London)", for people. */
  public String schedule() {
    return period != null ? "every " + HumanDuration.of(period) : cron + " (" + timeZone + ")";
  }
}
