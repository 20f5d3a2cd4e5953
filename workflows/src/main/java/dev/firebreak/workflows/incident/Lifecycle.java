package dev.firebreak.workflows.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the incident is in its life and who moved it there: the state the responders' commands
 * change (acknowledge, mitigate, resolve, review). Immutable: each change is a new value, which the
 * incident keeps. The methods that make one have no get/is prefix, so they are not part of the
 * continue-as-new payload (IncidentInputPayloadTest checks).
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
    return changed(d -> d.status = next);
  }

  Lifecycle withSeverity(Severity next) {
    return changed(d -> d.severity = next);
  }

  Lifecycle withCommander(String next) {
    return changed(d -> d.commander = next);
  }

  /** Acknowledged {@code by} at {@code at}, who commands unless someone already does. */
  Lifecycle acknowledged(String by, Instant at) {
    return changed(
        d -> {
          d.commander = commander == null ? by : commander;
          d.acknowledgedBy = by;
          d.acknowledgedAt = at;
        });
  }

  Lifecycle withMitigation(Mitigation mitigation) {
    List<Mitigation> all = new ArrayList<>(mitigations);
    all.add(mitigation);
    return changed(d -> d.mitigations = List.copyOf(all));
  }

  /**
   * Resolved {@code by} at {@code at}, or, with a null {@code at}, no longer resolved (reopened:
   * the summary stays for the report).
   */
  Lifecycle resolved(String by, Instant at, String summary) {
    return changed(
        d -> {
          d.resolvedAt = at;
          d.resolvedBy = by;
          d.resolutionSummary = summary;
        });
  }

  Lifecycle closed(String by, Instant at) {
    return changed(
        d -> {
          d.reviewedBy = by;
          d.closedAt = at;
        });
  }

  /** This lifecycle with what {@code change} sets in a draft of it. */
  private Lifecycle changed(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new Lifecycle(
        d.status,
        d.severity,
        d.commander,
        d.acknowledgedBy,
        d.acknowledgedAt,
        d.mitigations,
        d.resolvedAt,
        d.resolvedBy,
        d.resolutionSummary,
        d.reviewedBy,
        d.closedAt);
  }

  /**
   * A lifecycle being changed: the one place besides the record's header that lists every
   * component, so a change names only what it changes.
   */
  private static final class Draft {
    IncidentStatus status;
    Severity severity;
    String commander;
    String acknowledgedBy;
    Instant acknowledgedAt;
    List<Mitigation> mitigations;
    Instant resolvedAt;
    String resolvedBy;
    String resolutionSummary;
    String reviewedBy;
    Instant closedAt;

    Draft(Lifecycle from) {
      status = from.status;
      severity = from.severity;
      commander = from.commander;
      acknowledgedBy = from.acknowledgedBy;
      acknowledgedAt = from.acknowledgedAt;
      mitigations = from.mitigations;
      resolvedAt = from.resolvedAt;
      resolvedBy = from.resolvedBy;
      resolutionSummary = from.resolutionSummary;
      reviewedBy = from.reviewedBy;
      closedAt = from.closedAt;
    }
  }
}
