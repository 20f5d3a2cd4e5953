package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.diagnostics.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Rollback orders and deploy lists for workflow tests. */
public final class RollbackOrders {

  public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Newest first: a live deploy, a build that failed before it, and two good older ones. */
  public static final List<Deployment> DEPLOYS =
      List.of(
          new Deployment("dep-4", T0, "live", "dddd", null),
          new Deployment("dep-3", T0.minusSeconds(600), "build_failed", "cccc", null),
          new Deployment("dep-2", T0.minusSeconds(3600), "deactivated", "bbbb", null),
          new Deployment("dep-1", T0.minusSeconds(7200), "deactivated", "aaaa", null));

  private RollbackOrders() {}

  public static RollbackPolicy policy(boolean approval) {
    return new RollbackPolicy(
        "render",
        "srv-1",
        "http://127.0.0.1:9/health",
        approval,
        Duration.ofMinutes(30),
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        3,
        Duration.ofSeconds(30),
        "#incidents");
  }

  public static RollbackOrder order(
      String key, String toDeployment, boolean approval, String incidentId) {
    return new RollbackOrder(
        new RollbackRequest(key, "recoup-backend", toDeployment, "bad deploy", "alice", incidentId),
        policy(approval));
  }
}
