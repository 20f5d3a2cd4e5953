package dev.firebreak.activities.deploy;

import java.time.Instant;

/** A platform client that can also roll a service back and restart it. */
public interface RollbackPlatform extends DeployLister {

  /**
   * Asks the platform to serve {@code deploymentId} again and returns what to poll. A rollback to
   * the same target already under way (a retry after a lost answer) is returned, not repeated.
   *
   * @param commit the target's commit, or null
   * @param decidedAt rollbacks the platform shows from before this are someone else's
   */
  String startRollback(
      String platformId, String deploymentId, String commit, String reason, Instant decidedAt);

  /** One status read of the rollback {@link #startRollback} returned. */
  RollbackProgress rollbackProgress(String platformId, String deploymentId, String rollbackRef);

  /** Restarts the running service without changing what is deployed. */
  void restart(String platformId);
}
