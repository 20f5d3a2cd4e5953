package dev.firebreak.workflows.rollback;

import java.time.Duration;

/**
 * The slice of the runbook a rollback runs by, captured when it is requested so a config change
 * never alters a running rollback.
 *
 * @param platform {@code vercel} or {@code render}
 * @param platformId the Vercel project id or the Render service id
 * @param healthUrl checked after the rollback is live; null when the service has none
 * @param approvalTimeout how long a rollback waits for approval before it expires
 * @param pollInterval how often the platform is asked whether the rollback is live
 * @param liveTimeout how long the platform may take to make the rollback live
 * @param healthChecks how many health checks may fail before the rollback is declared unhealthy
 * @param healthInterval the wait between two health checks
 * @param channel the chat channel where an approval is asked for and the outcome reported; null in
 *     rollbacks requested before rollbacks talked
 */
public record RollbackPolicy(
    String platform,
    String platformId,
    String healthUrl,
    boolean approvalRequired,
    Duration approvalTimeout,
    Duration pollInterval,
    Duration liveTimeout,
    int healthChecks,
    Duration healthInterval,
    String channel) {

  /** Longest a rollback can hold its service's lock: every wait it may do, plus a margin. */
  public Duration longestRun() {
    Duration approval = approvalRequired ? approvalTimeout : Duration.ZERO;
    return approval
        .plus(liveTimeout)
        .plus(healthInterval.multipliedBy(healthChecks))
        .plus(Duration.ofMinutes(5));
  }

  /**
   * The policy for a rollback someone already approved elsewhere (a playbook action's own
   * approval), so it does not ask a second time.
   */
  public RollbackPolicy withoutApproval() {
    return new RollbackPolicy(
        platform,
        platformId,
        healthUrl,
        false,
        approvalTimeout,
        pollInterval,
        liveTimeout,
        healthChecks,
        healthInterval,
        channel);
  }

  public PlatformService on(String service) {
    return new PlatformService(service, platform, platformId);
  }
}
