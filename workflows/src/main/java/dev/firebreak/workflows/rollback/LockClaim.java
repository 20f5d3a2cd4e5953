package dev.firebreak.workflows.rollback;

import java.time.Duration;

/**
 * A request to hold a service's rollback lock.
 *
 * @param key the rollback's idempotency key; a claim with the holder's key is granted again
 * @param workflowId the rollback that will run under the lock
 * @param lease how long the lock is held at most if the rollback never releases it
 */
public record LockClaim(String key, String workflowId, Duration lease) {

  /** The claim an order's rollback makes: its key, its workflow, its policy's longest run. */
  public static LockClaim of(RollbackOrder order) {
    return new LockClaim(order.request().key(), order.workflowId(), order.policy().longestRun());
  }
}
