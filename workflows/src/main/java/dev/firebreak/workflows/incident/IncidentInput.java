package dev.firebreak.workflows.incident;

/**
 * The whole input of an incident run (named IncidentState before). The class name is not part of
 * the payload but its property names are: every committed history's input and continue-as-new
 * payload reads them, so keep them. A new incident starts with no progress; continue-as-new passes
 * everything that happened so far in {@code state} (one record per runbook step); runs continued by
 * older code carry it flat, in {@code progress} (see {@link LegacyProgress}). {@code openingAlert}
 * is the firing that opens a new incident under a closed one's id (see
 * RunningIncidentAlerts#openNextIncidentIfItFiredAgain); it is counted as that incident's first
 * alert.
 */
public record IncidentInput(
    Declaration declaration,
    IncidentPolicy policy,
    LegacyProgress progress,
    AlertReceived openingAlert,
    IncidentProgress state) {

  public IncidentInput(Declaration declaration, IncidentPolicy policy, IncidentProgress state) {
    this(declaration, policy, state, null);
  }

  public IncidentInput(
      Declaration declaration,
      IncidentPolicy policy,
      IncidentProgress state,
      AlertReceived openingAlert) {
    this(declaration, policy, null, openingAlert, state);
  }

  public static IncidentInput declared(Declaration declaration, IncidentPolicy policy) {
    return new IncidentInput(declaration, policy, null);
  }

  /** What the run resumes from: null for a new incident; a legacy payload is upgraded. */
  IncidentProgress resumed() {
    if (state != null) {
      return state;
    }
    return progress == null ? null : progress.upgrade();
  }
}
