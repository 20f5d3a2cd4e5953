package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.ActivityPolicies.HEALTH;
import static dev.firebreak.workflows.common.ActivityPolicies.READ;

import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockActivities;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackView;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * The window's rollbacks as commands: it reads each service's live deploy as it begins changing
 * things, and on a failure or an abort rolls back, one service after the other, as {@link
 * WindowRollbackRules} decides. The rollbacks are children, awaited so the report can say how they
 * ended. The lock claim is an update-with-start, which workflow code cannot send, so an activity
 * claims it; the child gives the lock back when it ends, the window only for a child that never got
 * that far.
 */
final class WindowRollbacks {

  private static final Logger log = Workflow.getLogger(WindowRollbacks.class);

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final BiConsumer<String, String> timeline;
  private final DiagnosticsActivities diagnostics =
      Workflow.newActivityStub(DiagnosticsActivities.class, HEALTH);
  private final RollbackLockActivities locks =
      Workflow.newActivityStub(RollbackLockActivities.class, READ);
  private final Map<String, LiveDeploy> deploysBefore = new HashMap<>();

  /** {@code timeline} records an entry (kind, text) in the window's timeline. */
  WindowRollbacks(
      MaintenanceRequest request, MaintenancePlan plan, BiConsumer<String, String> timeline) {
    this.request = request;
    this.plan = plan;
    this.timeline = timeline;
  }

  /**
   * Notes the deploy each service with a rollback serves, so a rollback can tell whether the window
   * deployed.
   */
  void noteLiveDeploys() {
    for (ServiceRollback service : plan.rollbacks()) {
      LiveDeploy live = liveDeploy(service);
      deploysBefore.put(service.service(), live);
      timeline.accept("deploys", live.describe(service.service()));
    }
  }

  /** Rolls the configured services back one after the other; the sentence saying how each ended. */
  String rollBack(String reason, String incidentId, boolean onlyWhatChanged) {
    List<String> results = new ArrayList<>();
    for (ServiceRollback service : plan.rollbacks()) {
      LiveDeploy before =
          deploysBefore.getOrDefault(service.service(), LiveDeploy.unknown("not noted"));
      String untouched = onlyWhatChanged ? untouched(service, before) : null;
      if (untouched != null) {
        timeline.accept("rollback", untouched);
        results.add(untouched);
        continue;
      }
      RollbackOrder order = WindowRollbackRules.order(request, service, before, reason, incidentId);
      boolean locked =
          Workflow.getVersion(MaintenanceWindowVersions.ROLLBACK_LOCK, Workflow.DEFAULT_VERSION, 1)
              >= 1;
      String refused = locked ? claimLock(order) : null;
      if (refused != null) {
        timeline.accept("rollback", refused);
        results.add(refused);
        continue;
      }
      RollbackWorkflow rollback =
          Workflow.newChildWorkflowStub(
              RollbackWorkflow.class,
              RollbackWorkflow.childOptions(
                  order, "Rollback of " + service.service() + " for maintenance " + request.id()));
      try {
        RollbackView view = rollback.run(order);
        timeline.accept("rollback", view.outcome());
        results.add(service.service() + " " + view.status());
      } catch (ChildWorkflowFailure failed) {
        timeline.accept(
            "rollback",
            "Rollback of " + service.service() + " did not run: " + RootCause.message(failed));
        results.add(service.service() + " not rolled back");
        if (locked) {
          releaseLock(order);
        }
      }
    }
    return WindowRollbackRules.report(results);
  }

  private String untouched(ServiceRollback service, LiveDeploy before) {
    LiveDeploy after = WindowRollbackRules.looksAgain(before) ? liveDeploy(service) : null;
    String untouched = WindowRollbackRules.untouched(service.service(), before, after);
    if (untouched == null && after != null) {
      timeline.accept("rollback", WindowRollbackRules.goingBack(service.service(), before, after));
    }
    return untouched;
  }

  private LiveDeploy liveDeploy(ServiceRollback service) {
    try {
      return WindowRollbackRules.live(
          diagnostics.recentDeploys(
              new DeployQuery(
                  service.service(),
                  service.policy().platform(),
                  service.policy().platformId(),
                  null)));
    } catch (ActivityFailure failed) {
      return LiveDeploy.unknown("deploys could not be read: " + RootCause.message(failed));
    }
  }

  /**
   * Null once the window holds the service's rollback lock; otherwise why the service is not rolled
   * back.
   */
  private String claimLock(RollbackOrder order) {
    String service = order.request().service();
    String refused;
    try {
      LockDecision decision = locks.claim(order);
      if (decision.granted()) {
        return null;
      }
      refused = WindowRollbackRules.lockHeld(service, decision);
    } catch (ActivityFailure failed) {
      refused = WindowRollbackRules.lockNotClaimed(service, RootCause.message(failed));
    }
    log.warn("{} {}", request.id(), refused);
    return refused;
  }

  /**
   * For a rollback that never reached its own ending, which is where a rollback gives its lock
   * back.
   */
  private void releaseLock(RollbackOrder order) {
    try {
      locks.release(order);
    } catch (ActivityFailure failed) {
      timeline.accept(
          "rollback",
          "Rollback lock of "
              + order.request().service()
              + " not given back (its lease frees it): "
              + RootCause.message(failed));
    }
  }
}
