package dev.firebreak.workflows.incident;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * What the incident reports to {@code /metrics}. It goes through the workflow's metrics scope,
 * which stays silent while a history is replayed, so a worker restart never counts an escalation
 * twice. Timings are recorded as timers; the process turns them into histograms.
 */
final class IncidentMetrics {

  static final String TIME_TO_ACKNOWLEDGE = "firebreak_time_to_acknowledge";
  static final String TIME_TO_RESOLVE = "firebreak_time_to_resolve";
  static final String ESCALATIONS = "firebreak_escalations";
  static final String UPDATES_MISSED = "firebreak_updates_missed";
  static final String DECLARED = "firebreak_incidents_declared";

  private IncidentMetrics() {}

  /** Counted by the incident itself, so every way of declaring one counts, each exactly once. */
  static void declared(Severity severity) {
    bySeverity(severity).counter(DECLARED).inc(1);
  }

  static void acknowledged(Severity severity, Duration timeToAcknowledge) {
    bySeverity(severity).timer(TIME_TO_ACKNOWLEDGE).record(tally(timeToAcknowledge));
  }

  static void resolved(Severity severity, Duration timeToResolve) {
    bySeverity(severity).timer(TIME_TO_RESOLVE).record(tally(timeToResolve));
  }

  /**
   * @param cause {@code no-ack} (the chain walked on) or {@code missed-update}
   */
  static void escalated(Severity severity, String cause) {
    bySeverity(severity).tagged(Map.of("cause", cause)).counter(ESCALATIONS).inc(1);
  }

  static void updateMissed(Severity severity) {
    bySeverity(severity).counter(UPDATES_MISSED).inc(1);
  }

  private static Scope bySeverity(Severity severity) {
    return Workflow.getMetricsScope().tagged(Map.of("severity", severity.name()));
  }

  private static com.uber.m3.util.Duration tally(Duration duration) {
    return com.uber.m3.util.Duration.ofNanos(duration.toNanos());
  }
}
