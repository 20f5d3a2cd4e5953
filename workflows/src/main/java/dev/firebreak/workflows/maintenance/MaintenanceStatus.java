package dev.firebreak.workflows.maintenance;

/** Where a window is; the last four are endings. */
public enum MaintenanceStatus {
  SCHEDULED,
  PRE_CHECKS,
  IN_PROGRESS,
  POST_CHECKS,
  MONITORING,
  COMPLETED,
  /** A pre-check failed: nothing was changed. */
  CANCELLED,
  ABORTED,
  /** A step or post-check failed: rolled back where configured, and an incident declared. */
  FAILED;

  public boolean isFinal() {
    return ordinal() >= COMPLETED.ordinal();
  }

  /** Between the start of the pre-checks and the end of monitoring. */
  public boolean isRunning() {
    return !isFinal() && this != SCHEDULED;
  }
}
