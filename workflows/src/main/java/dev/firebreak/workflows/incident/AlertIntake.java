package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;

/**
 * What an incident opened by an alert does with the alert's later deliveries: its resolution may
 * resolve the incident, and a firing after the incident closed declares the next incident.
 */
final class AlertIntake {

  /** What one delivery does besides being counted. */
  enum Action {
    COUNT_ONLY,
    REOPEN,
    NEXT_INCIDENT,
    RESOLVE
  }

  private AlertIntake() {}

  /**
   * A firing while the incident is monitored or in its post-mortem means the problem is back; a
   * firing once it closed is the next incident; a resolution resolves an open incident when the
   * alert's config says so (at the loop's next wake-up, as a responder's resolve would be).
   */
  static Action decide(IncidentStatus status, AlertReceived alert) {
    if (alert.firing()) {
      return switch (status) {
        case MONITORING, POST_MORTEM -> Action.REOPEN;
        case CLOSED -> Action.NEXT_INCIDENT;
        default -> Action.COUNT_ONLY;
      };
    }
    return alert.autoResolve() && status.isOpen() ? Action.RESOLVE : Action.COUNT_ONLY;
  }

  /** The resolve an alert's resolution asks for, as if its sender were a responder. */
  static Resolution resolution(AlertTally tally, String by) {
    return new Resolution(
        by,
        "The alert resolved after "
            + tally.firings()
            + (tally.firings() == 1 ? " firing" : " firings"),
        null);
  }

  /**
   * The next incident under the same id (the alert's deduplication key), declared by the alert's
   * firing.
   */
  static Declaration nextDeclaration(Incident closed, AlertReceived alert) {
    return new Declaration(
        closed.id(),
        Clip.of(alert.title(), 200),
        alert.severity(),
        closed.declaration.service(),
        Clip.of(alert.detail(), Clip.HISTORY_TEXT),
        null,
        alert.source(),
        null);
  }
}
