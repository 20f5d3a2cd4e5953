package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * The runbooks' "roll back the last deploy", step by step. Every wait (approval, the platform,
 * health) has a deadline from the policy, and every ending (success, refusal, expiry, failure)
 * gives the service's lock back and tells the incident.
 *
 * <p>Waiting until the platform serves the rollback is one heartbeating activity rather than a
 * timer loop here: the platform is polled every {@code pollInterval} (Vercel's CLI polls every 250
 * ms for up to 3 minutes), and as workflow timers each poll would cost an activity and a timer in
 * history, hundreds of events for one rollback; heartbeats keep history to one activity however
 * long the platform takes, and a worker that dies mid-wait is noticed within the heartbeat timeout.
 */
public class RollbackWorkflowImpl implements RollbackWorkflow {

  private static final Logger log = Workflow.getLogger(RollbackWorkflowImpl.class);

  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_STEPS = 100;

  private final RollbackRequest request;
  private final RollbackPolicy policy;
  private final String workflowId;
  private final Instant requestedAt;
  private final List<RollbackStep> steps = new ArrayList<>();
  private final DiagnosticsActivities diagnostics =
      Workflow.newActivityStub(DiagnosticsActivities.class, ActivityPolicies.READ);
  private final DiagnosticsActivities health =
      Workflow.newActivityStub(DiagnosticsActivities.class, ActivityPolicies.HEALTH);
  private final DeployActivities deploys =
      Workflow.newActivityStub(DeployActivities.class, ActivityPolicies.CHANGE);
  private final ChatActivities chat =
      Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY);

  private RollbackStatus status = RollbackStatus.RESOLVING_TARGET;
  private RollbackTarget target;
  private final ApprovalWait approval;
  private boolean dryRun;
  private String outcome;
  private Instant finishedAt;

  @WorkflowInit
  public RollbackWorkflowImpl(RollbackOrder order) {
    this.request = order.request();
    this.policy = order.policy();
    this.workflowId = order.workflowId();
    this.requestedAt = now();
    this.approval = new ApprovalWait(workflowId, "this rollback", request.requestedBy());
  }

  @Override
  public RollbackView run(RollbackOrder order) {
    step("Requested by " + request.requestedBy() + ": " + request.reason());
    try {
      resolveTarget();
      if (policy.approvalRequired() && !approved()) {
        return finish();
      }
      rollBack();
      verifyHealth();
    } catch (ActivityFailure failure) {
      end(
          RollbackStatus.FAILED,
          "🚨 Rollback of "
              + request.service()
              + " FAILED: "
              + RootCause.message(failure)
              + ". Nothing more was changed; the service is as the failed step left it.");
    } catch (ApplicationFailure refused) {
      end(
          RollbackStatus.FAILED,
          "Rollback of " + request.service() + " not started: " + RootCause.message(refused));
    }
    return finish();
  }

  // ---- Runbook steps -------------------------------------------------------------------------

  private void resolveTarget() {
    DeployHistory history =
        diagnostics.recentDeploys(
            new DeployQuery(request.service(), policy.platform(), policy.platformId(), null));
    dryRun = history.dryRun();
    target = RollbackTargets.choose(history, request.toDeployment());
    step(
        "Target: "
            + target.description()
            + (target.from() == null ? "" : "; live now: " + target.from()));
  }

  /** Waits for a decision until the policy's deadline; true when approved. */
  private boolean approved() {
    setStatus(RollbackStatus.AWAITING_APPROVAL);
    step(
        "Waiting up to "
            + HumanDuration.of(policy.approvalTimeout())
            + " for approval by someone other than "
            + request.requestedBy());
    if (talks()) {
      // Asked without waiting on it: the API's approve works whether or not the question reached
      // chat.
      Async.function(
              chat::askForApproval,
              new ApprovalRequest(
                  workflowId + "/approval",
                  request.incidentId(),
                  policy.channel(),
                  rollbackId(),
                  "⏪ *Approve rolling back "
                      + request.service()
                      + "?* "
                      + request.requestedBy()
                      + " asks to roll it back to "
                      + targetName()
                      + ": "
                      + request.reason()
                      + "\nAnyone but "
                      + request.requestedBy()
                      + " with a rollback role may decide within "
                      + HumanDuration.of(policy.approvalTimeout())
                      + "; nothing changes until then."))
          .exceptionally(
              failure -> {
                step("Could not ask for approval in chat: " + RootCause.message(failure));
                return null;
              });
    }
    boolean decided = approval.awaitDecision(policy.approvalTimeout());
    if (!decided) {
      end(
          RollbackStatus.EXPIRED,
          "Rollback of "
              + request.service()
              + " expired: nobody approved it within "
              + HumanDuration.of(policy.approvalTimeout())
              + ". Nothing was changed.");
      return false;
    }
    if (approval.refusedBy() != null) {
      end(
          RollbackStatus.REFUSED,
          "Rollback of "
              + request.service()
              + " refused by "
              + approval.refusedBy()
              + ". Nothing was changed.");
      return false;
    }
    return true;
  }

  private void rollBack() {
    setStatus(RollbackStatus.ROLLING_BACK);
    PlatformService service = policy.on(request.service());
    RollbackStarted started =
        deploys.rollBack(
            new RollbackCommand(
                service, target.to(), target.commit(), request.reason(), now(), workflowId));
    dryRun |= started.dryRun();
    step(started.detail());
    setStatus(RollbackStatus.WAITING_FOR_LIVE);
    DeployActivities watcher =
        Workflow.newActivityStub(
            DeployActivities.class,
            ActivityPolicies.untilLive(
                policy.liveTimeout(),
                policy.pollInterval(),
                "Wait until " + request.service() + " serves " + target.to()));
    Delivery live =
        watcher.awaitRollbackLive(
            new RollbackCheck(
                service, target.to(), started.rollbackRef(), policy.pollInterval(), workflowId));
    step(live.detail());
  }

  private void verifyHealth() {
    if (policy.healthUrl() == null || policy.healthUrl().isBlank()) {
      end(
          RollbackStatus.SUCCEEDED,
          "Rolled back "
              + request.service()
              + " to "
              + targetName()
              + "; health not verified (no health URL configured).");
      return;
    }
    setStatus(RollbackStatus.VERIFYING_HEALTH);
    HealthResult result = null;
    for (int check = 1; check <= policy.healthChecks(); check++) {
      result =
          health.checkHealth(
              new HealthCheck(request.service(), policy.healthUrl(), HEALTH_CHECK_TIMEOUT));
      if (result.healthy()) {
        end(
            RollbackStatus.SUCCEEDED,
            "Rolled back "
                + request.service()
                + " to "
                + targetName()
                + "; live and healthy ("
                + result.summary()
                + ").");
        return;
      }
      step(
          "Health check " + check + "/" + policy.healthChecks() + " failed: " + result.whatFails());
      if (check < policy.healthChecks()) {
        Workflow.sleep(policy.healthInterval());
      }
    }
    end(
        RollbackStatus.UNHEALTHY,
        "🚨 Rolled back "
            + request.service()
            + " to "
            + targetName()
            + " but it is STILL UNHEALTHY after "
            + policy.healthChecks()
            + " checks ("
            + result.whatFails()
            + "). The rollback stays in place; a person must decide what next.");
  }

  // ---- Commands ------------------------------------------------------------------------------

  @Override
  public void validateApprove(Approval decision) {
    approval.validateApprove(decision, waitsForApproval(), status);
  }

  @Override
  public RollbackView approve(Approval decision) {
    step(approval.approve(decision));
    return state();
  }

  @Override
  public void validateRefuse(Approval decision) {
    approval.validateRefuse(decision, waitsForApproval(), status);
  }

  @Override
  public RollbackView refuse(Approval decision) {
    step(approval.refuse(decision));
    return state();
  }

  @Override
  public RollbackView state() {
    return new RollbackView(
        workflowId,
        request.key(),
        request.service(),
        policy.platform(),
        status,
        target == null ? null : target.from(),
        target == null ? null : target.to(),
        request.reason(),
        request.requestedBy(),
        request.incidentId(),
        approval.approvedBy(),
        approval.refusedBy(),
        dryRun,
        outcome,
        requestedAt,
        finishedAt,
        List.copyOf(steps));
  }

  // ---- Endings -------------------------------------------------------------------------------

  private void end(RollbackStatus finalStatus, String sentence) {
    outcome = sentence;
    finishedAt = now();
    step(sentence);
    setStatus(finalStatus);
    if (finalStatus == RollbackStatus.SUCCEEDED) {
      log.info("{} {}", workflowId, sentence);
    } else {
      log.warn("{} {}", workflowId, sentence);
    }
  }

  /**
   * Gives the service's lock back and tells the incident; neither may fail the rollback's result. A
   * signal to a workflow that is gone fails with an ApplicationFailure (NOT_FOUND), caught here.
   */
  private RollbackView finish() {
    try {
      Workflow.newExternalWorkflowStub(
              RollbackLockWorkflow.class, RollbackLockWorkflow.workflowId(request.service()))
          .release(request.key());
    } catch (ApplicationFailure lockGone) {
      log.warn(
          "{} could not release the lock of {}: {}",
          workflowId,
          request.service(),
          RootCause.message(lockGone));
    }
    if (request.incidentId() == null && talks()) {
      try {
        chat.post(
            new ThreadMessage(workflowId + "/outcome", null, policy.channel(), null, outcome));
      } catch (ActivityFailure chatDown) {
        step("Could not post the outcome in chat: " + RootCause.message(chatDown));
      }
    }
    if (request.incidentId() != null) {
      try {
        Workflow.newExternalWorkflowStub(
                IncidentWorkflow.class, IncidentWorkflow.workflowId(request.incidentId()))
            .recordRollback(
                new RollbackReport(
                    workflowId, request.service(), status, request.requestedBy(), outcome));
      } catch (ApplicationFailure incidentGone) {
        step(
            "Could not report to " + request.incidentId() + ": " + RootCause.message(incidentGone));
      }
    }
    return state();
  }

  // ---- Small rules ---------------------------------------------------------------------------

  /**
   * Whether this rollback talks in chat: rollbacks requested before it did, or with no channel, do
   * not.
   */
  private boolean talks() {
    return policy.channel() != null
        && Workflow.getVersion(RollbackVersions.CHAT, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * The id people use: {@code GET /api/v1/rollbacks/{id}}, and the value of the approval buttons.
   */
  private String rollbackId() {
    return workflowId.substring(RollbackWorkflow.WORKFLOW_ID_PREFIX.length());
  }

  private boolean waitsForApproval() {
    return status == RollbackStatus.AWAITING_APPROVAL;
  }

  private String targetName() {
    return target.to() == null ? "the previous production deploy" : target.to();
  }

  private void setStatus(RollbackStatus next) {
    status = next;
    Workflow.setCurrentDetails(
        "**"
            + request.service()
            + "** rollback · "
            + next
            + (target == null || target.to() == null ? "" : " · to " + target.to()));
  }

  private void step(String text) {
    if (steps.size() < MAX_STEPS) {
      steps.add(new RollbackStep(now(), text));
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
