package dev.firebreak.workflows.incident;

/**
 * The whole input of an incident run. A new incident starts with {@code progress == null};
 * continue-as-new passes everything that happened so far in {@code progress}. {@code openingAlert}
 * is the firing that opens a new incident under a closed one's id (see IncidentWorkflowImpl#alert);
 * it is counted as that incident's first alert.
 */
public record IncidentState(
    Declaration declaration, IncidentPolicy policy, IncidentProgress progress, AlertReceived openingAlert) {

  public IncidentState(Declaration declaration, IncidentPolicy policy, IncidentProgress progress) {
    this(declaration, policy, progress, null);
  }

  public static IncidentState declared(Declaration declaration, IncidentPolicy policy) {
    return new IncidentState(declaration, policy, null);
  }
}
