package dev.firebreak.workflows.maintenance;

/**
 * How far the checklist got: what failed, whether that failure sent anything, whether a step may
 * have changed something, whether maintenance mode is on. It decides how a window that stopped
 * ends: called off when nothing changed, failed (incident, rollbacks) when something may have.
 */
final class WindowChecklist {

  /** How a window goes on once its steps have run. */
  enum Ending {
    /** Nothing was sent or changed: everyone is told, nothing is rolled back, no incident. */
    CALLED_OFF,
    /** A step failed after something may have changed: incident, rollbacks. */
    FAILED,
    /** Every step done: post-checks and monitoring. */
    POST_CHECKS
  }

  private String failure;

  /** The failure is an HTTP action that never left Firebreak. */
  private boolean failureSentNothing;

  /**
   * A step ran that may have changed something (maintenance mode is undone by switching it off).
   */
  private boolean changed;

  private boolean modeOn;

  /** Notes what failed; false, so a step can end with it. */
  boolean fail(String what) {
    failure = what;
    failureSentNothing = false;
    return false;
  }

  /** After {@link #fail}: the failed HTTP action never left Firebreak. */
  void sentNothing(boolean notSent) {
    failureSentNothing = notSent;
  }

  void modeSwitchedOn() {
    modeOn = true;
  }

  /** A switch that never left Firebreak did not switch the mode on: nothing to switch off. */
  void modeSwitchFailed(boolean onlyWhatChanged) {
    modeOn = !(onlyWhatChanged && failureSentNothing);
  }

  /** True once, when the mode is on and is to be switched off now. */
  boolean switchingModeOff() {
    boolean wasOn = modeOn;
    modeOn = false;
    return wasOn;
  }

  /** A step that failed may still have changed something unless it sent nothing. */
  void stepEnded(boolean done) {
    changed |= done || !failureSentNothing;
  }

  /**
   * Switching the mode off failed after an earlier failure: the report names both, the earlier
   * first.
   */
  void failedAfter(String earlierFailure) {
    if (earlierFailure != null) {
      failure = earlierFailure + "; then " + failure;
    }
  }

  Ending ending(boolean stepsDone, boolean onlyWhatChanged) {
    if (!stepsDone && onlyWhatChanged && !changed && failureSentNothing) {
      return Ending.CALLED_OFF;
    }
    return !stepsDone || failure != null ? Ending.FAILED : Ending.POST_CHECKS;
  }

  String failure() {
    return failure;
  }

  boolean failureSentNothing() {
    return failureSentNothing;
  }
}
