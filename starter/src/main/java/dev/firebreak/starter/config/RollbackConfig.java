package dev.firebreak.starter.config;

import java.util.List;

/**
 * How a service may be rolled back. Unset fields take safe defaults: only admins, no approval, the
 * platform polled every 2 seconds for up to 10 minutes, then up to 5 health checks 10 seconds
 * apart.
 *
 * @param approval whether someone other than the requester must approve before anything changes
 * @param approvalTimeout how long a rollback waits for approval before it expires
 * @param roles the API roles that may request and approve rollbacks of this service
 */
public record RollbackConfig(
    Boolean approval,
    String approvalTimeout,
    List<String> roles,
    String pollInterval,
    String liveTimeout,
    Integer healthChecks,
    String healthInterval) {

  public RollbackConfig {
    approval = approval != null && approval;
    approvalTimeout = approvalTimeout == null ? "30m" : approvalTimeout;
    roles = roles == null || roles.isEmpty() ? List.of("admin") : List.copyOf(roles);
    pollInterval = pollInterval == null ? "2s" : pollInterval;
    liveTimeout = liveTimeout == null ? "10m" : liveTimeout;
    healthChecks = healthChecks == null ? 5 : healthChecks;
    healthInterval = healthInterval == null ? "10s" : healthInterval;
  }

  static RollbackConfig defaults() {
    return new RollbackConfig(null, null, null, null, null, null, null);
  }
}
