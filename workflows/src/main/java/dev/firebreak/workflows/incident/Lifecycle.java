package dev.firebreak.workflows.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the incident is in its life and who moved it there: the state the responders' commands
 * change (acknowledge, mitigate, resolve, review). Immutable: each change is a new value, which the
 * incident keeps. The methods that make one have no get/is prefix, so they are not part of the
 * continue-as-new payload.
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

  Lifecycle withStatus(IncidentStatus next) {
    return new Lifecycle(
        next,
        severity,
        commander,
        acknowledgedBy,
        acknowledgedAt,
        mitigations,
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        reviewedBy,
        closedAt);
  }

  Lifecycle withSeverity(Severity next) {
    return new Lifecycle(
        status,
        next,
        commander,
        acknowledgedBy,
        acknowledgedAt,
        mitigations,
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        reviewedBy,
        closedAt);
  }

  Lifecycle withCommander(String next) {
    return new Lifecycle(
        status,
        severity,
        next,
        acknowledgedBy,
        acknowledgedAt,
        mitigations,
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        reviewedBy,
        closedAt);
  }

  /** Acknowledged {@code by} at {@code at}, who commands unless someone already does. */
  Lifecycle acknowledged(String by, Instant at) {
    return new Lifecycle(
        status,
        severity,
        commander == null ? by : commander,
        by,
        at,
        mitigations,
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        reviewedBy,
        closedAt);
  }

  Lifecycle withMitigation(Mitigation mitigation) {
    List<Mitigation> all = new ArrayList<>(mitigations);
    all.add(mitigation);
    return new Lifecycle(
        status,
        severity,
        commander,
        acknowledgedBy,
        acknowledgedAt,
        List.copyOf(all),
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        reviewedBy,
        closedAt);
  }

  /**
   * Resolved {@code by} at {@code at}, or, with a null {@code at}, no longer resolved (reopened:
   * the summary stays for the report).
   */
  Lifecycle resolved(String by, Instant at, String summary) {
    return new Lifecycle(
        status,
        severity,
        commander,
        acknowledgedBy,
        acknowledgedAt,
        mitigations,
        at,
        by,
        summary,
        reviewedBy,
        closedAt);
  }

  Lifecycle closed(String by, Instant at) {
    return new Lifecycle(
        status,
        severity,
        commander,
        acknowledgedBy,
        acknowledgedAt,
        mitigations,
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        by,
        at);
  }
}
