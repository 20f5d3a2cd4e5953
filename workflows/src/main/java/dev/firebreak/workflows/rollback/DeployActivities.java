package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a rollback does on a hosting platform. Deploys are listed with {@code
 * DiagnosticsActivities.recentDeploys}; these are the calls that change something.
 */
@ActivityInterface(namePrefix = "Deploy")
public interface DeployActivities {

  /**
   * Asks the platform to serve {@code command.deploymentId()} again. Idempotent: a rollback the
   * platform already started for this command (a retry after a lost answer) is found and returned
   * instead of being started twice.
   */
  @ActivityMethod
  RollbackStarted rollBack(RollbackCommand command);

  /**
   * Polls the platform until the rollback is live, heartbeating after every poll; fails
   * (non-retryable) when the platform reports the rollback failed.
   */
  @ActivityMethod
  Delivery awaitRollbackLive(RollbackCheck check);

  /** Restarts the service's running instances without changing what is deployed. */
  @ActivityMethod
  Delivery restartService(PlatformService service);
}
