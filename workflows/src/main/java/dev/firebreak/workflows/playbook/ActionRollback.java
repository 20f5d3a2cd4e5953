package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockActivities;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackStep;
import dev.firebreak.workflows.rollback.RollbackView;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The {@code rollback} kind: today's rollback workflow, run as the rollback API runs it. The caller
 * resolved the {@link RollbackOrder} (the service's policy, the target) as the API does; the run
 * claims the service's rollback lock through an activity (a claim is an update-with-start, which
 * workflow code cannot send), starts the rollback as its child, waits for its end and says how the
 * run ends. The child gives the lock back when it ends; the run only for a child that never got
 * that far. A lock another rollback holds ends the run before anything changes: never a second
 * rollback.
 *
 * <p>The rollback's steps are copied into the run's log with their own times, so the run reads as
 * the whole runbook; the rollback still reports to the incident itself.
 */
final class ActionRollback {

  /**
   * How the rollback ended for the run.
   *
   * @param status the run's final status, or null when the rollback succeeded and the run goes on
   *     to its verify checks
   * @param sentence the run's outcome when {@code status} is set
   * @param delivery what was sent, for the run's report
   */
  record Ending(ActionRunStatus status, String sentence, Delivery delivery) {}

  private final RollbackLockActivities locks =
      Workflow.newActivityStub(RollbackLockActivities.class, ActivityPolicies.READ);
  private final Consumer<ActionRunStep> log;

  /** {@code log} adds a line to the run's log. */
  ActionRollback(Consumer<ActionRunStep> log) {
    this.log = log;
  }

  /** Whether this run takes the rollback branch; runs begun before it failed the kind at once. */
  static boolean supported() {
    return Workflow.getVersion(ActionRunVersions.ROLLBACK, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Rolls back; an {@link ApplicationFailure} when nothing was started (no order, the lock held),
   * which the run reports as not run.
   *
   * @param name how the run's sentences name the action
   */
  Ending run(ActionStep.Rollback step, RollbackOrder order, String name) {
    if (order == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the rollback of " + step.service() + " was not resolved when the run was asked for",
          "InvalidAction");
    }
    String service = order.request().service();
    LockDecision decision = locks.claim(order);
    if (!decision.granted()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a rollback of "
              + service
              + " is already running: "
              + decision.holder().workflowId()
              + "; at most one rollback per service runs at a time, so this run started none and"
              + " changed nothing",
          "RollbackInProgress");
    }
    note("Holds the rollback lock of " + service + "; starting " + order.workflowId());
    if (order.policy().approvalRequired()) {
      note(
          "The rollback policy of "
              + service
              + " asks for its own approval: approve or refuse "
              + order.workflowId()
              + " as any rollback (the run waits for it)");
    }
    RollbackView view;
    try {
      view = child(order, name).run(order);
    } catch (ChildWorkflowFailure failed) {
      releaseLock(order);
      return new Ending(
          ActionRunStatus.FAILED,
          "🚨 "
              + name
              + " FAILED: the rollback "
              + order.workflowId()
              + " did not finish: "
              + RootCause.message(failed),
          new Delivery(false, "Rollback " + order.workflowId() + " started"));
    }
    for (RollbackStep line : view.steps()) {
      log.accept(new ActionRunStep(line.at(), "Rollback: " + line.text()));
    }
    Delivery sent =
        new Delivery(view.dryRun(), "Rollback " + view.workflowId() + " ended " + view.status());
    return switch (view.status()) {
      case SUCCEEDED -> new Ending(null, null, sent);
      case UNHEALTHY ->
          new Ending(
              ActionRunStatus.UNVERIFIED,
              "⚠️ " + name + " rolled back but is NOT VERIFIED: " + view.outcome(),
              sent);
      case REFUSED ->
          new Ending(
              ActionRunStatus.REFUSED,
              name + " refused: its rollback was refused. " + view.outcome(),
              sent);
      case EXPIRED ->
          new Ending(
              ActionRunStatus.EXPIRED,
              name + " expired: its rollback was not approved in time. " + view.outcome(),
              sent);
      default ->
          new Ending(ActionRunStatus.FAILED, "🚨 " + name + " FAILED: " + view.outcome(), sent);
    };
  }

  private RollbackWorkflow child(RollbackOrder order, String name) {
    return Workflow.newChildWorkflowStub(
        RollbackWorkflow.class,
        RollbackWorkflow.childOptions(
            order, Clip.utf8("Rollback of " + order.request().service() + " for " + name, 200)));
  }

  /** For a rollback that never reached its own ending, which is where it gives its lock back. */
  private void releaseLock(RollbackOrder order) {
    try {
      locks.release(order);
    } catch (ActivityFailure failed) {
      note(
          "Rollback lock of "
              + order.request().service()
              + " not given back (its lease frees it): "
              + RootCause.message(failed));
    }
  }

  private void note(String text) {
    log.accept(new ActionRunStep(Instant.ofEpochMilli(Workflow.currentTimeMillis()), text));
  }
}
