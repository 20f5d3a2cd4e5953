package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Instant;
import java.util.List;

/**
 * After a resolve the incident is watched for the monitoring period: a health check every interval,
 * reopening on the first failure, and the post-mortem once the whole period was healthy.
 */
final class Monitoring {

  /** The monitoring period's end and next check; both null while the incident is not monitored. */
  public record State(Instant endsAt, Instant nextCheckAt) {
    static final State FRESH = new State(null, null);

    State withNextCheckAt(Instant at) {
      return new State(endsAt, at);
    }
  }

  /** What a monitoring wake-up leads to. */
  enum Verdict {
    WAIT,
    REOPEN,
    PASSED,
    NEXT_CHECK
  }

  private final IncidentPolicy policy;

  Monitoring(IncidentPolicy policy) {
    this.policy = policy;
  }

  /**
   * A healthy resolve at {@code now}: the incident is resolved (its root cause goes into the
   * post-mortem), monitoring starts, and the thread is told for how long.
   */
  void resolved(Incident incident, Resolution resolution, Instant now, ChatLane chat) {
    String summary = Clip.of(resolution.summary(), Clip.HISTORY_TEXT);
    incident.lifecycle = incident.lifecycle.resolved(resolution.by(), now, summary);
    incident.escalation = incident.escalation.withNextAt(null);
    if (resolution.rootCause() != null && !resolution.rootCause().isBlank()) {
      PostMortemReminders.merge(
          incident,
          new PostMortemInput(
              resolution.by(),
              null,
              Clip.of(resolution.rootCause(), Clip.HISTORY_TEXT),
              null,
              List.of(),
              null));
    }
    start(incident, now);
    String text =
        "Resolved by "
            + resolution.by()
            + (IncidentCommandRules.isBlank(summary) ? "" : ": " + summary)
            + ". Health checks pass; monitoring for "
            + HumanDuration.of(policy.monitoringPeriod());
    incident.record(now, "resolved", resolution.by(), text);
    chat.post("resolved", "🟢 " + text + ".", true);
  }

  /**
   * Back to mitigating (a person, a failing check or the alert says the problem is back): everyone
   * is told why.
   */
  static void reopened(Incident incident, String by, String reason, Instant now, ChatLane chat) {
    Lifecycle life = incident.lifecycle;
    incident.lifecycle = life.resolved(null, null, life.resolutionSummary());
    incident.monitoring = State.FRESH;
    incident.postMortem = incident.postMortem.withdrawn();
    incident.updates = incident.updates.restartedAt(now);
    incident.record(now, "reopened", by, "Reopened into mitigating: " + reason);
    chat.post("reopened", "🔁 " + incident.id() + " reopened into mitigating: " + reason, true);
  }

  /** Starts the monitoring period at {@code now}, the resolve. */
  void start(Incident incident, Instant now) {
    Instant endsAt = now.plus(policy.monitoringPeriod());
    incident.monitoring = new State(endsAt, nextCheck(endsAt, now));
  }

  /** Whether a wake-up at {@code now} needs health checks: a check is due or the period is over. */
  boolean checkDue(Incident incident, Instant now) {
    return incident.status() == IncidentStatus.MONITORING
        && (!now.isBefore(incident.monitoring.nextCheckAt()) || periodOver(incident, now));
  }

  /** Whether the monitoring period is over at {@code now}. */
  boolean periodOver(Incident incident, Instant now) {
    return !now.isBefore(incident.monitoring.endsAt());
  }

  /**
   * What checks that came back {@code failing} mean; {@code periodOver} is asked before they ran,
   * so a period that ends while they run gets one more check.
   */
  Verdict afterChecks(Incident incident, boolean periodOver, List<HealthResult> failing) {
    if (incident.status() != IncidentStatus.MONITORING) {
      return Verdict.WAIT; // a command changed the state while the checks ran
    }
    if (!failing.isEmpty()) {
      return Verdict.REOPEN;
    }
    return periodOver ? Verdict.PASSED : Verdict.NEXT_CHECK;
  }

  /** Schedules the next check, never after the end of the period. */
  void scheduleNextCheck(Incident incident, Instant now) {
    incident.monitoring =
        incident.monitoring.withNextCheckAt(nextCheck(incident.monitoring.endsAt(), now));
  }

  static String reopenReason(List<HealthResult> failing) {
    return "health check failed during monitoring: " + IncidentDiagnostics.describe(failing);
  }

  String passedText() {
    return "Healthy for the whole monitoring period ("
        + HumanDuration.of(policy.monitoringPeriod())
        + ")";
  }

  private Instant nextCheck(Instant endsAt, Instant now) {
    Instant next = now.plus(policy.monitoringCheckInterval());
    return next.isAfter(endsAt) ? endsAt : next;
  }
}
