package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackRequest;
import dev.firebreak.workflows.rollback.RollbackTargets;
import java.util.List;
import java.util.Locale;

/**
 * Which services a failed or aborted window rolls back, to where, and what it says about each. A
 * window undoes only what it did: a service is rolled back only when a deploy went live on it
 * during the window, and to the deploy it served when the window began changing things. Each
 * rollback runs under its service's rollback lock; a service whose lock another rollback holds is
 * left to that rollback and named in the report.
 */
final class WindowRollbackRules {

  private WindowRollbackRules() {}

  /** The deploy a service serves, from its platform's recent deploys. */
  static LiveDeploy live(DeployHistory history) {
    if (history.dryRun()) {
      return LiveDeploy.notListed("deploys not listed: " + history.detail());
    }
    return RollbackTargets.live(history)
        .map(Deployment::id)
        .map(LiveDeploy::of)
        .orElseGet(
            () ->
                LiveDeploy.unknown(
                    "no successful production deploy among the last "
                        + history.deployments().size()));
  }

  /**
   * Whether the deploys must be read again after the window to decide: only when the deploy before
   * is known.
   */
  static boolean looksAgain(LiveDeploy before) {
    return !before.dryRun() && before.deploymentId() != null;
  }

  /**
   * Null when the service is to be rolled back to the deploy it served before the window; otherwise
   * why not. {@code after} is null when {@link #looksAgain} said no. Deploys not listed (dry-run)
   * still get a rollback, which only says what it would do. When the deploys cannot be read after
   * the window, the rollback still goes to the deploy noted before: a rollback to the deploy
   * already live is refused, so it never undoes what the window did not do.
   */
  static String untouched(String service, LiveDeploy before, LiveDeploy after) {
    if (before.dryRun()) {
      return null;
    }
    if (before.deploymentId() == null) {
      return service
          + " not rolled back: its deploy before the window is not known ("
          + before.unknown()
          + ")";
    }
    if (before.deploymentId().equals(after.deploymentId())) {
      return service
          + " not rolled back: nothing to roll back, no deploy during the window ("
          + before.deploymentId()
          + " still live)";
    }
    return null;
  }

  /**
   * The timeline's sentence for a service that is rolled back after a second look at its deploys.
   */
  static String goingBack(String service, LiveDeploy before, LiveDeploy after) {
    return after.deploymentId() == null
        ? after.describe(service)
            + "; rolling back to "
            + before.deploymentId()
            + ", its deploy before the window"
        : service
            + " was deployed during the window ("
            + before.deploymentId()
            + " → "
            + after.deploymentId()
            + "); rolling back to "
            + before.deploymentId();
  }

  static RollbackOrder order(
      MaintenanceRequest request,
      ServiceRollback service,
      LiveDeploy before,
      String reason,
      String incidentId) {
    return new RollbackOrder(
        new RollbackRequest(
            request.id().toLowerCase(Locale.ROOT),
            service.service(),
            before.deploymentId(),
            reason,
            "maintenance " + request.id(),
            incidentId),
        service.policy());
  }

  static String lockHeld(String service, LockDecision decision) {
    return service + " not rolled back: " + decision.holder().workflowId() + " is running";
  }

  static String lockNotClaimed(String service, String why) {
    return service + " not rolled back: its rollback lock could not be claimed (" + why + ")";
  }

  /** The report's sentence for the rollbacks, each service with how it ended; empty for none. */
  static String report(List<String> results) {
    return results.isEmpty() ? "" : " Rollback: " + String.join(", ", results) + ".";
  }
}
