package dev.firebreak.activities.deploy;

import dev.firebreak.workflows.playbook.DeployStarted;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform client that can change what a service runs with: environment variables, a fresh deploy
 * of what is live, the number of instances. Every method compares or looks before it writes, so a
 * retry after a lost answer changes nothing twice. Values of environment variables may be secrets:
 * implementations never put them in failures, logs or details, only names.
 */
public interface PlatformChanges {

  DeployPlatform platform();

  /**
   * Writes the variables whose current value differs and removes those present among {@code unset}.
   *
   * @return the names written or removed, in the order asked; empty when nothing differed
   */
  List<String> changeEnv(String platformId, Map<String, String> set, List<String> unset);

  /**
   * Starts a deploy of what serves production now, or adopts a deploy created at or after {@code
   * notBefore} (an earlier attempt's, whose answer was lost).
   */
  DeployStarted redeploy(String platformId, Instant notBefore, String reason);

  /** One status read of the deploy {@link #redeploy} returned. */
  RollbackProgress deployProgress(String platformId, String deployRef);

  /**
   * The newest deploy of the service created at or after {@code notBefore}, as adopted: on
   * platforms without an idempotency key it is the one an earlier attempt started.
   *
   * @param noun what the platform calls a deploy, for the detail ("Render deploy")
   */
  static Optional<DeployStarted> adoptSince(
      DeployLister platform, String platformId, Instant notBefore, String noun) {
    return platform.recentProductionDeploys(platformId, notBefore).stream()
        .findFirst()
        .map(
            own ->
                new DeployStarted(
                    own.id(),
                    true,
                    false,
                    noun
                        + " "
                        + own.id()
                        + " of "
                        + platformId
                        + " adopted ("
                        + own.state()
                        + ")"));
  }

  /**
   * Sets the number of instances.
   *
   * @return false when the service already ran that many and nothing was sent
   */
  boolean scale(String platformId, int instances);
}
