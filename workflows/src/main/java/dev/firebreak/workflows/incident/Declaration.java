package dev.firebreak.workflows.incident;

import java.time.Instant;

/** What the person (or alert) that declared the incident told us. */
public record Declaration(
    String id,
    String title,
    Severity severity,
    String service,
    String description,
    String commander,
    String declaredBy,
    Instant declaredAt) {

  /** This declaration made at {@code at}. */
  Declaration stampedAt(Instant at) {
    return new Declaration(id, title, severity, service, description, commander, declaredBy, at);
  }
}
