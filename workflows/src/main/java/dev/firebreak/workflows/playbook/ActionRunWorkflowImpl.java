package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.ApprovalWait;
import dev.firebreak.workflows.rollback.DeployActivities;
import dev.firebreak.workflows.rollback.PlatformService;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * One playbook action, as the runbook says it: wait for a second person when the action asks for
 * one, do the step, wait until the platform serves it, verify, and tell the incident. Every call is
 * an activity with a summary, so the Temporal UI's history reads as the runbook; every ending
 * (success, refusal, expiry, failure) is reported to the incident, who asked, who approved, what
 * was sent and the result.
 *
 * <p>A worker that dies mid-step costs nothing twice: an environment change compares before it
 * writes, and a redeploy adopts the deploy an earlier attempt started after this step began.
 */
public class ActionRunWorkflowImpl implements ActionRunWorkflow {

  private static final Logger log = Workflow.getLogger(ActionRunWorkflowImpl.class);

  /** How long an approval waits when the rule names no deadline. */
  static final Duration DEFAULT_APPROVAL_WINDOW = Duration.ofMinutes(30);

  /**
   * How often a deploy is asked whether it is live: the Vercel CLI's own 250 ms on Vercel, whose
   * builds often take seconds; once a second on Render, whose deploys take minutes and whose rate
   * limit a tighter poll would spend.
   */
  static Duration pollInterval(PlatformService service) {
    return "vercel".equals(service.platform()) ? Duration.ofMillis(250) : Duration.ofSeconds(1);
  }

  static final Duration LIVE_TIMEOUT = Duration.ofMinutes(15);

  /** Verify rounds: a service that just redeployed may need a moment before its checks pass. */
  static final int VERIFY_ROUNDS = 3;

  static final Duration VERIFY_INTERVAL = Duration.ofSeconds(20);

  private static final int MAX_STEPS = 100;

  private final ActionOrder order;
  private final ActionSpec action;
  private final String workflowId;
  private final Instant requestedAt;
  private final List<ActionRunStep> steps = new ArrayList<>();
  private final List<String> sent = new ArrayList<>();
  private final ApprovalWait approval;

  private ActionRunStatus status = ActionRunStatus.RUNNING;
  private boolean dryRun;
  private String outcome;
  private Instant finishedAt;

  @WorkflowInit
  public ActionRunWorkflowImpl(ActionOrder order) {
    this.order = order;
    this.action = order.action();
    this.workflowId = order.workflowId();
    this.requestedAt = now();
    this.approval = new ApprovalWait(workflowId, "this action run", order.requestedBy());
  }

  @Override
  public ActionRunView run(ActionOrder order) {
    step(
        "Requested by "
            + order.requestedBy()
            + (isBlank(order.reason()) ? "" : ": " + order.reason())
            + (order.parameters().isEmpty() ? "" : " (" + parameters() + ")"));
    if (order.undoes() != null) {
      step("Undoes " + order.undoes());
    }
    try {
      if (action.approval() != null && !approved()) {
        return finish();
      }
      setStatus(ActionRunStatus.RUNNING);
      perform(action.step(), now());
      if (!status.isFinal()) {
        verify();
      }
    } catch (ActivityFailure failure) {
      end(
          ActionRunStatus.FAILED,
          "🚨 "
              + name()
              + " FAILED: "
              + RootCause.message(failure)
              + ". Nothing more was changed; the service is as the failed step left it.");
    } catch (ApplicationFailure refused) {
      end(ActionRunStatus.FAILED, name() + " not run: " + RootCause.message(refused));
    }
    return finish();
  }

  // ---- Runbook steps -------------------------------------------------------------------------

  /** Waits for a decision until the rule's deadline; true when approved. */
  private boolean approved() {
    setStatus(ActionRunStatus.AWAITING_APPROVAL);
    Duration window = approvalWindow();
    List<String> roles = action.approval().approverRoles();
    step(
        "Waiting up to "
            + HumanDuration.of(window)
            + " for approval by someone other than "
            + order.requestedBy());
    report(
        "🔐 *Approve "
            + name()
            + "?* "
            + order.requestedBy()
            + " asks to run it"
            + (isBlank(order.reason()) ? "" : ": " + order.reason())
            + (order.parameters().isEmpty() ? "" : " (" + parameters() + ")")
            + ".\nAnyone but "
            + order.requestedBy()
            + (roles.isEmpty() ? "" : " with the role " + String.join(" or ", roles))
            + " may approve or refuse run "
            + workflowId
            + " within "
            + HumanDuration.of(window)
            + "; nothing changes until then.");
    boolean decided = approval.awaitDecision(window);
    if (!decided) {
      end(
          ActionRunStatus.EXPIRED,
          name()
              + " expired: nobody approved it within "
              + HumanDuration.of(window)
              + ". Nothing was changed.");
      return false;
    }
    if (approval.refusedBy() != null) {
      end(
          ActionRunStatus.REFUSED,
          name() + " refused by " + approval.refusedBy() + ". Nothing was changed.");
      return false;
    }
    return true;
  }

  /**
   * Does the step. {@code startedAt} is when the step began, after any approval: a deploy the
   * platform created since then is this step's own, started by an attempt whose answer was lost.
   */
  private void perform(ActionStep step, Instant startedAt) {
    if (step instanceof ActionStep.Env env) {
      changeEnv(env, startedAt);
    } else if (step instanceof ActionStep.Restart restart) {
      said(
          stub(DeployActivities.class, "Restart " + restart.service().service())
              .restartService(restart.service()));
    } else if (step instanceof ActionStep.Scale scale) {
      int instances = instances(scale.instances());
      said(
          stub(
                  PlatformActivities.class,
                  "Scale " + scale.service().service() + " to " + instances + " instances")
              .scale(new ScaleRequest(scale.service(), instances)));
    } else if (step instanceof ActionStep.Redeploy redeploy) {
      redeployAndWait(redeploy.service(), startedAt);
    } else if (step instanceof ActionStep.Rollback rollback && ActionRollback.supported()) {
      ActionRollback.Ending ending =
          new ActionRollback(this::step).run(rollback, order.rollback(), name());
      said(ending.delivery());
      if (ending.status() != null) {
        end(ending.status(), ending.sentence());
      }
    } else if (step instanceof ActionStep.Http http) {
      HttpActionResult result =
          stub(
                  HttpActionActivities.class,
                  "HTTP " + http.call().method() + " " + http.call().name())
              .perform(http.call());
      said(new Delivery(result.dryRun(), result.detail()));
    } else if (step instanceof ActionStep.RunJob job && JobStep.supported()) {
      JobStep.run(job, order, workflowId, this::said);
    } else if (step instanceof ActionStep.ReplayWebhooks replay && WebhookReplayStep.supported()) {
      WebhookReplayStep.run(replay, workflowId, this::step, this::said);
    } else {
      // replay-webhooks and job start other workflows; not wired to action runs yet.
      throw ApplicationFailure.newNonRetryableFailure(
          "the '"
              + step.kind()
              + "' action kind is not supported yet; run it by hand (nothing was changed)",
          "UnsupportedAction");
    }
  }

  private void changeEnv(ActionStep.Env env, Instant startedAt) {
    Map<String, String> set = env.set() == null ? Map.of() : env.set();
    List<String> unset = env.unset() == null ? List.of() : env.unset();
    EnvChanged changed =
        stub(PlatformActivities.class, envSummary(env.service(), set, unset))
            .changeEnv(new EnvChange(env.service(), set, unset));
    said(new Delivery(changed.dryRun(), changed.detail()));
    if (changed.written().isEmpty()) {
      step("Every variable already held what was asked, so nothing is redeployed.");
      return;
    }
    redeployAndWait(env.service(), startedAt);
  }

  private void redeployAndWait(PlatformService service, Instant startedAt) {
    DeployStarted started =
        stub(PlatformActivities.class, "Redeploy " + service.service())
            .redeploy(
                new RedeployRequest(
                    service, startedAt, action.name() + " for " + order.incidentId()));
    said(new Delivery(started.dryRun(), started.detail()));
    Duration poll = pollInterval(service);
    PlatformActivities watcher =
        Workflow.newActivityStub(
            PlatformActivities.class,
            ActivityPolicies.untilLive(
                LIVE_TIMEOUT,
                poll,
                "Wait until " + service.service() + " serves deploy " + started.deployRef()));
    Delivery live = watcher.awaitDeployLive(new DeployWatch(service, started.deployRef(), poll));
    dryRun |= live.dryRun();
    step(live.detail());
  }

  private void verify() {
    if (order.verify().isEmpty()) {
      end(ActionRunStatus.SUCCEEDED, name() + " done; it names no checks to verify.");
      return;
    }
    setStatus(ActionRunStatus.VERIFYING);
    List<String> failing = List.of();
    for (int round = 1; round <= VERIFY_ROUNDS; round++) {
      failing = failingChecks();
      if (failing.isEmpty()) {
        end(
            ActionRunStatus.SUCCEEDED,
            name()
                + " done and verified: "
                + order.verify().stream().map(HealthCheck::service).distinct().toList()
                + " healthy.");
        return;
      }
      step(
          "Verify "
              + round
              + "/"
              + VERIFY_ROUNDS
              + ": "
              + String.join("; ", failing)
              + (round < VERIFY_ROUNDS
                  ? "; checking again in " + HumanDuration.of(VERIFY_INTERVAL)
                  : ""));
      if (round < VERIFY_ROUNDS) {
        Workflow.sleep(VERIFY_INTERVAL);
      }
    }
    end(
        ActionRunStatus.UNVERIFIED,
        "⚠️ "
            + name()
            + " ran but is NOT VERIFIED after "
            + VERIFY_ROUNDS
            + " rounds of checks: "
            + String.join("; ", failing)
            + ". What it changed stays in place; a person must decide what next.");
  }

  /** One round of the verify checks: each failing one as a phrase, empty when all pass. */
  private List<String> failingChecks() {
    List<String> failing = new ArrayList<>();
    for (HealthCheck check : order.verify()) {
      try {
        HealthResult result =
            stub(DiagnosticsActivities.class, ActivityPolicies.HEALTH, "Verify " + check.service())
                .checkHealth(check);
        dryRun |= result.dryRun();
        if (!result.healthy()) {
          failing.add(check.service() + " unhealthy (" + result.whatFails() + ")");
        }
      } catch (ActivityFailure unchecked) {
        failing.add(check.service() + " could not be checked: " + RootCause.message(unchecked));
      }
    }
    return failing;
  }

  // ---- Commands ------------------------------------------------------------------------------

  /**
   * The approver's roles are checked by whoever calls this (the API knows the caller's roles; an
   * {@link Approval} carries only the name), so the run checks what only it knows: who asked.
   */
  @Override
  public void validateApprove(Approval decision) {
    approval.validateApprove(decision, waitsForApproval(), status);
  }

  @Override
  public ActionRunView approve(Approval decision) {
    step(approval.approve(decision));
    return stateOnceDecided();
  }

  @Override
  public void validateRefuse(Approval decision) {
    approval.validateRefuse(decision, waitsForApproval(), status);
  }

  @Override
  public ActionRunView refuse(Approval decision) {
    step(approval.refuse(decision));
    return stateOnceDecided();
  }

  /**
   * The view once the run has acted on the decision (running, or refused), so whoever decided sees
   * its effect rather than the wait they just ended.
   */
  private ActionRunView stateOnceDecided() {
    Workflow.await(() -> status != ActionRunStatus.AWAITING_APPROVAL);
    return state();
  }

  @Override
  public ActionRunView state() {
    boolean ran = status == ActionRunStatus.SUCCEEDED || status == ActionRunStatus.UNVERIFIED;
    return new ActionRunView(
        workflowId,
        order.incidentId(),
        order.playbook(),
        action.name(),
        action.title(),
        action.step().kind(),
        status,
        order.parameters(),
        order.reason(),
        order.requestedBy(),
        approval.approvedBy(),
        approval.refusedBy(),
        dryRun,
        outcome,
        requestedAt,
        finishedAt,
        ran ? action.undo() : null,
        order.undoes(),
        List.copyOf(steps));
  }

  // ---- Endings -------------------------------------------------------------------------------

  private void end(ActionRunStatus finalStatus, String sentence) {
    outcome = dryRun ? sentence + " (Dry run: the provider is not configured.)" : sentence;
    finishedAt = now();
    step(outcome);
    setStatus(finalStatus);
    if (finalStatus == ActionRunStatus.SUCCEEDED) {
      log.info("{} {}", workflowId, outcome);
    } else {
      log.warn("{} {}", workflowId, outcome);
    }
  }

  /** Tells the incident how the run ended: the result, who asked, who approved, what was sent. */
  private ActionRunView finish() {
    StringBuilder text = new StringBuilder(outcome);
    text.append(" Asked by ").append(order.requestedBy());
    if (approval.approvedBy() != null) {
      text.append(", approved by ").append(approval.approvedBy());
    }
    text.append('.');
    if (!sent.isEmpty()) {
      text.append(" Sent: ").append(String.join("; ", sent)).append('.');
    }
    if (state().undo() != null) {
      text.append(" Undo with the action ").append(action.undo()).append('.');
    }
    report(text.toString());
    return state();
  }

  /**
   * Signals the incident; a report must never fail the run. A signal to an incident that is gone
   * fails with an ApplicationFailure (NOT_FOUND), caught here.
   */
  private void report(String text) {
    try {
      Workflow.newExternalWorkflowStub(
              IncidentWorkflow.class, IncidentWorkflow.workflowId(order.incidentId()))
          .recordActionRun(
              new ActionRunReport(workflowId, action.name(), status, order.requestedBy(), text));
    } catch (ApplicationFailure incidentGone) {
      step("Could not report to " + order.incidentId() + ": " + RootCause.message(incidentGone));
    }
  }

  // ---- Small rules ---------------------------------------------------------------------------

  private void said(Delivery delivery) {
    dryRun |= delivery.dryRun();
    sent.add(delivery.detail());
    step((delivery.dryRun() ? "Dry run: " : "") + delivery.detail());
  }

  private int instances(String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException | NullPointerException notANumber) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the number of instances '" + value + "' is not a whole number", "InvalidAction");
    }
  }

  private Duration approvalWindow() {
    Duration window = action.approval().expiresAfter();
    return window == null || window.isZero() || window.isNegative()
        ? DEFAULT_APPROVAL_WINDOW
        : window;
  }

  private boolean waitsForApproval() {
    return status == ActionRunStatus.AWAITING_APPROVAL;
  }

  /** A call of the step as one activity whose summary says what it does, for the Temporal UI. */
  private static <T> T stub(Class<T> activities, String summary) {
    return stub(activities, ActivityPolicies.CHANGE, summary);
  }

  private static <T> T stub(Class<T> activities, ActivityOptions policy, String summary) {
    return Workflow.newActivityStub(
        activities, ActivityOptions.newBuilder(policy).setSummary(summary).build());
  }

  private static String envSummary(
      PlatformService service, Map<String, String> set, List<String> unset) {
    List<String> parts = new ArrayList<>();
    if (!set.isEmpty()) {
      parts.add("set " + String.join(", ", new TreeMap<>(set).keySet()));
    }
    if (!unset.isEmpty()) {
      parts.add("unset " + String.join(", ", unset));
    }
    return (parts.isEmpty() ? "Change nothing" : capitalised(String.join(" and ", parts)))
        + " on "
        + service.service();
  }

  private String name() {
    return isBlank(action.title()) || action.title().equals(action.name())
        ? "Action " + action.name()
        : action.title() + " (" + action.name() + ")";
  }

  private String parameters() {
    List<String> pairs = new ArrayList<>();
    new TreeMap<>(order.parameters()).forEach((k, v) -> pairs.add(k + "=" + v));
    return String.join(", ", pairs);
  }

  private void setStatus(ActionRunStatus next) {
    status = next;
    Workflow.setCurrentDetails(
        "**"
            + action.name()
            + "** ("
            + action.step().kind()
            + ") for "
            + order.incidentId()
            + " · "
            + next);
  }

  private void step(String text) {
    step(new ActionRunStep(now(), text));
  }

  private void step(ActionRunStep line) {
    if (steps.size() < MAX_STEPS) {
      steps.add(line);
    }
  }

  private static String capitalised(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
