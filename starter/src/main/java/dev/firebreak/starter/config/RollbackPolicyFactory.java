package dev.firebreak.starter.config;

import dev.firebreak.workflows.rollback.RollbackPolicy;

/** Captures the slice of a validated config a rollback of one service runs by. */
public final class RollbackPolicyFactory {

  private RollbackPolicyFactory() {}

  /**
   * @param channel where an approval is asked for and the outcome reported
   */
  public static RollbackPolicy forService(ServiceConfig service, String channel) {
    RollbackConfig rollback = service.rollback();
    return new RollbackPolicy(
        service.platform(),
        service.platformId(),
        service.healthUrl(),
        rollback.approval(),
        DurationText.require(rollback.approvalTimeout()),
        DurationText.require(rollback.pollInterval()),
        DurationText.require(rollback.liveTimeout()),
        rollback.healthChecks(),
        DurationText.require(rollback.healthInterval()),
        channel);
  }
}
