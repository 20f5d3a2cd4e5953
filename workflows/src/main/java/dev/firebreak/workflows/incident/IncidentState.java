package dev.firebreak.workflows.incident;

/**
 * The whole input of an incident run. A new incident starts with {@code progress == null};
 * continue-as-new passes everything that happened so far in {@code progress}.
 */
public record IncidentState(Declaration declaration, IncidentPolicy policy, IncidentProgress progress) {

  public static IncidentState declared(Declaration declaration, IncidentPolicy policy) {
    return new IncidentState(declaration, policy, null);
  }
}
