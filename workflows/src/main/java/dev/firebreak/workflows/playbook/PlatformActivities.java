package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a playbook action changes on a hosting platform (Vercel, Render): environment variables,
 * deploys and instance counts. Restarts are {@code DeployActivities.restartService}; rollbacks are
 * the rollback workflow. Every method is safe to retry: it compares before it writes, and adopts
 * work a previous attempt already started instead of starting it twice.
 */
@ActivityInterface(namePrefix = "Platform")
public interface PlatformActivities {

  /**
   * Sets and unsets environment variables on the service. A variable that already holds the value
   * asked for is not written again, so a retry after a lost answer changes nothing.
   */
  @ActivityMethod
  EnvChanged changeEnv(EnvChange change);

  /**
   * Starts a deploy of what is live now so that changed environment variables take effect. A deploy
   * of the service created at or after {@code request.notBefore()} is adopted instead of starting a
   * second one.
   */
  @ActivityMethod
  DeployStarted redeploy(RedeployRequest request);

  /**
   * Polls until the deploy is live, heartbeating after every poll; fails (non-retryable) when the
   * platform reports the deploy failed or was canceled.
   */
  @ActivityMethod
  Delivery awaitDeployLive(DeployWatch watch);

  /** Sets the service's number of running instances; asking for the current count is a no-op. */
  @ActivityMethod
  Delivery scale(ScaleRequest request);
}
