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

  /** The same declaration under the id it was given, declared at the time given. */
  public Declaration issued(String id, Instant at) {
    return new Declaration(id, title, severity, service, description, commander, declaredBy, at);
  }

  /** The same declaration with the title and commander as they will be declared. */
  Declaration withTitleAndCommander(String title, String commander) {
    return new Declaration(
        id, title, severity, service, description, commander, declaredBy, declaredAt);
  }
}
