package dev.firebreak.workflows.incident;

/** Runbook severities: P0 is the worst. */
public enum Severity {
  P0,
  P1,
  P2,
  P3,
  P4;

  /** P0 and P1 are the "critical" severities of the runbooks (immediate response, 48 h review). */
  public boolean isCritical() {
    return this == P0 || this == P1;
  }
}
