package dev.firebreak.workflows.rollback;

/** Where a rollback is; the last six are final. */
public enum RollbackStatus {
  RESOLVING_TARGET,
  AWAITING_APPROVAL,
  ROLLING_BACK,
  WAITING_FOR_LIVE,
  VERIFYING_HEALTH,
  /** Live on the platform and the service's health recovered (or it has no health URL). */
  SUCCEEDED,
  /**
   * Live on the platform but the service is still unhealthy; left as it is for a person to decide.
   */
  UNHEALTHY,
  REFUSED,
  EXPIRED,
  FAILED;

  public boolean isFinal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }
}
