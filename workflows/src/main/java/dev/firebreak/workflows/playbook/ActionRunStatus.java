package dev.firebreak.workflows.playbook;

/** Where an action run is; the last five are final. */
public enum ActionRunStatus {
  AWAITING_APPROVAL,
  RUNNING,
  VERIFYING,
  /** The step did what it should and every verify check passed (or there were none). */
  SUCCEEDED,
  /** The step ran but a verify check still fails; left as it is for a person to decide. */
  UNVERIFIED,
  REFUSED,
  EXPIRED,
  FAILED;

  public boolean isFinal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }
}
