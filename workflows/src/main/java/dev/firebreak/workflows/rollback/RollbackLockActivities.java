package dev.firebreak.workflows.rollback;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * A service's rollback lock for workflow code. A workflow cannot claim the lock itself: the claim
 * is an update-with-start, which only a client can send, so an activity sends it. The rollback
 * gives the lock back itself when it ends; {@link #release} is for a rollback that never started.
 */
@ActivityInterface(namePrefix = "RollbackLock")
public interface RollbackLockActivities {

  /**
   * Claims the lock for the order's rollback. Safe to retry: a claim with the holder's key is
   * granted again.
   */
  @ActivityMethod
  LockDecision claim(RollbackOrder order);

  /** Gives the lock back if the order's rollback holds it; ignored otherwise. */
  @ActivityMethod
  void release(RollbackOrder order);
}
