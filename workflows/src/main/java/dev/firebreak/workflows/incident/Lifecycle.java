package dev.firebreak.workflows.incident;

import java.time.Instant;
import java.util.List;

/**
 * Where the incident is in its life and who moved it there: the state the responders' commands
 * change (acknowledge, mitigate, resolve, review).
 */
public record Lifecycle(
    IncidentStatus status,
    Severity severity,
    String commander,
    String acknowledgedBy,
    Instant acknowledgedAt,
    List<Mitigation> mitigations,
    Instant resolvedAt,
    String resolvedBy,
    String resolutionSummary,
    String reviewedBy,
    Instant closedAt) {

  /** Just declared: at the declared severity, commanded by whoever the declaration names. */
  static Lifecycle fresh(Declaration declaration) {
    return new Lifecycle(
        IncidentStatus.DECLARED,
        declaration.severity(),
        declaration.commander(),
        null,
        null,
        List.of(),
        null,
        null,
        null,
        null,
        null);
  }
}
