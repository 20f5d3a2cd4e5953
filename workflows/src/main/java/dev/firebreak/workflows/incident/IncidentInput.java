package dev.firebreak.workflows.incident;

/**
 * The whole input of an incident run (named IncidentState before). The class name is not part of
 * the payload but its property names are: every committed history's input and continue-as-new
 * payload reads them, so keep them. A new incident starts with {@code progress == null};
 * continue-as-new passes everything that happened so far in {@code progress}. {@code openingAlert}
 * is the firing that opens a new incident under a closed one's id (see IncidentWorkflowImpl#alert);
 * it is counted as that incident's first alert.
 */
public record IncidentInput(
    Declaration declaration, IncidentPolicy policy, IncidentProgress progress, AlertReceived openingAlert) {

  public IncidentInput(Declaration declaration, IncidentPolicy policy, IncidentProgress progress) {
    this(declaration, policy, progress, null);
  }

  public static IncidentInput declared(Declaration declaration, IncidentPolicy policy) {
    return new IncidentInput(declaration, policy, null);
  }
}
