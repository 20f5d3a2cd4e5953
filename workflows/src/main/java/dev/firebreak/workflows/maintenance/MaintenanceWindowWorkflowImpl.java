package dev.firebreak.workflows.maintenance;

import static dev.firebreak.workflows.common.ActivityPolicies.HEALTH;
import static dev.firebreak.workflows.common.ActivityPolicies.NOTIFY;
import static dev.firebreak.workflows.common.ActivityPolicies.READ;

import dev.firebreak.workflows.action.ActionNotSent;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.diagnostics.DiagnosticsActivities;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentMemo;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockActivities;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackRequest;
import dev.firebreak.workflows.rollback.RollbackTargets;
import dev.firebreak.workflows.rollback.RollbackView;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The runbooks' maintenance checklist, step by step. Every wait (the announcements, the start, a
 * manual step, monitoring) also listens for an abort; every ending tells the same audiences the
 * announcements reached. A planned-end watcher runs beside the checklist so a window that overruns
 * says where it is instead of going quiet.
 *
 * <p>A failed post-check declares its incident as a child workflow rather than through an activity:
 * starting a child is a command recorded in history, so it is deterministic and idempotent by its
 * workflow id ({@code incident-INC-<window id>}) without a Temporal client inside an activity, and
 * with {@code ABANDON} the incident lives on after the window closes. The rollbacks are children
 * too, awaited so the all-clear (or the failure report) can say how they ended. Each runs under its
 * service's rollback lock, like a rollback from the API or Slack, so two rollbacks never race on one
 * platform: the claim is an update-with-start, which workflow code cannot send, so an activity
 * claims it, and a service whose lock another rollback holds is left to that rollback and named in
 * the report. The child gives the lock back when it ends; the window does only for a child that
 * never got that far. A window undoes only what it did: a service is rolled back only when a deploy
 * went live on it during the window, and to the deploy it served when the window began changing
 * things; a step that failed before anything was sent or changed calls the window off instead.
 */
public class MaintenanceWindowWorkflowImpl implements MaintenanceWindowWorkflow {

  private static final Logger log = Workflow.getLogger(MaintenanceWindowWorkflowImpl.class);

  static final String INVALID_TRANSITION = "InvalidTransition";
  /** The failure type of a window whose times are beyond {@link MaintenanceLimits}. */
  public static final String INVALID_WINDOW = "InvalidWindow";
  private static final int MAX_ENTRIES = 300;
  private static final Duration DEFAULT_ACTION_TIMEOUT = Duration.ofSeconds(30);
  /** Since this version an extension moves the Statuspage maintenance's end too. */
  private static final String STATUSPAGE_EXTEND = "statuspage-extend";

  /**
   * Version 1: an extension is answered as soon as it is made, and chat, mail and the status page
   * are told in the background. Before, the answer waited for them: during a Slack outage the caller
   * timed out on an extension that had been made, and asking again was refused as not later than
   * the new end.
   */
  private static final String EXTEND_ANSWERS_FIRST = "extend-answers-first";

  /** Version 1: a rollback starts only once the window holds its service's rollback lock. */
  private static final String ROLLBACK_LOCK = "window-rollback-lock";

  /**
   * Version 1: a window undoes only what it changed. It notes each service's live deploy as it
   * begins changing things, and a failure or abort rolls a service back only when another deploy
   * went live during the window, to the deploy noted. A step whose HTTP action never left Firebreak
   * (an unset secret, an action that cannot be built), before any step changed something, calls the
   * window off like a failed pre-check: no incident, no rollback. Before, any failure paged and rolled
   * back whatever deploy was current, so a missing secret rolled production back a release.
   */
  private static final String ONLY_WHAT_CHANGED = "window-undoes-only-what-it-changed";

  private final MaintenanceRequest request;
  private final MaintenancePlan plan;
  private final List<MaintenanceEntry> timeline = new ArrayList<>();
  private final ChatActivities chat = Workflow.newActivityStub(ChatActivities.class, NOTIFY);
  private final MaintenanceMailActivities mail = Workflow.newActivityStub(MaintenanceMailActivities.class, NOTIFY);
  private final StatusPageActivities statusPage = Workflow.newActivityStub(StatusPageActivities.class, NOTIFY);
  private final DiagnosticsActivities diagnostics = Workflow.newActivityStub(DiagnosticsActivities.class, HEALTH);
  private final WorkflowLock rescheduling = Workflow.newWorkflowLock();
  private final RollbackLockActivities locks = Workflow.newActivityStub(RollbackLockActivities.class, READ);
  private final Map<String, LiveDeploy> deploysBefore = new HashMap<>();

  private MaintenanceStatus status = MaintenanceStatus.SCHEDULED;
  private Instant end;
  private int extensions;
  private String waitingFor;
  private StepConfirmation confirmation;
  private Abort abort;
  private boolean modeOn;
  private String failure;
  /** The failure is an HTTP action that never left Firebreak. */
  private boolean failureSentNothing;
  /** A step ran that may have changed something (maintenance mode is undone by switching it off). */
  private boolean changed;
  private boolean onlyWhatChanged;
  private String incidentId;
  private String outcome;
  private PublicIncidentRef statusPageRef;

  @WorkflowInit
  public MaintenanceWindowWorkflowImpl(MaintenanceOrder order) {
    this.request = order.request();
    this.plan = order.plan();
    this.end = request.end();
  }

  @Override
  public MaintenanceView run(MaintenanceOrder order) {
    // Before any command: a window beyond the limits fails once, saying why, instead of retrying its
    // first task forever on a timer too long to compute. Valid windows issue the same commands as before.
    Optional<String> beyondLimits = MaintenanceLimits.problem(request.start(), request.end(), now());
    if (beyondLimits.isPresent()) {
      outcome = "Maintenance " + request.id() + " cannot run: " + beyondLimits.get() + ". Nothing was changed.";
      setStatus(MaintenanceStatus.CANCELLED);
      log.warn("{}", outcome);
      throw ApplicationFailure.newNonRetryableFailure(outcome, INVALID_WINDOW);
    }
    setStatus(MaintenanceStatus.SCHEDULED);
    record("scheduled", "Scheduled by " + request.requestedBy() + ": " + request.title() + " on "
        + String.join(", ", request.services()) + ", " + request.start() + " to " + end);
    if (!request.openIncidents().isEmpty()) {
      record("incident", "Scheduled while " + String.join(", ", request.openIncidents())
          + " were open; " + request.requestedBy() + " confirmed");
    }
    Async.procedure(this::watchPlannedEnd);
    announceAhead();
    waitUntil(request.start());
    if (aborted()) {
      return finish(MaintenanceStatus.ABORTED, "Maintenance " + request.id() + " aborted by " + abort.by()
          + " before it started: " + abort.reason() + ". Nothing was changed.");
    }
    setStatus(MaintenanceStatus.PRE_CHECKS);
    for (MaintenanceStep check : plan.preChecks()) {
      if (!perform("pre-check", check)) {
        return aborted()
            ? finish(MaintenanceStatus.ABORTED, "Maintenance " + request.id() + " aborted by " + abort.by()
                + " during the pre-checks: " + abort.reason() + ". Nothing was changed.")
            : calledOff("pre-check " + failure + ". Nothing was changed.");
      }
    }
    setStatus(MaintenanceStatus.IN_PROGRESS);
    tell("started", "🛠️ Maintenance " + request.id() + " (" + request.title() + ") has started on "
        + String.join(", ", request.services()) + "; planned end " + end + ".");
    onlyWhatChanged = Workflow.getVersion(ONLY_WHAT_CHANGED, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (onlyWhatChanged) {
      noteLiveDeploys();
    }
    boolean done = duringWindow();
    switchModeOff();
    if (aborted()) {
      return abortAfterChanges();
    }
    if (!done && onlyWhatChanged && !changed && failureSentNothing) {
      return calledOff(failure + ". Nothing was changed" + (plan.maintenanceModeOn() == null ? "." : "; maintenance mode is off."));
    }
    if (!done || failure != null) {
      return failWindow();
    }
    setStatus(MaintenanceStatus.POST_CHECKS);
    if (!checkHealth("post-check") || !performAll("post-check", plan.postChecks())) {
      return aborted() ? abortAfterChanges() : failWindow();
    }
    if (!monitor()) {
      return aborted() ? abortAfterChanges() : failWindow();
    }
    return finish(MaintenanceStatus.COMPLETED, "✅ All clear: maintenance " + request.id() + " (" + request.title()
        + ") is complete; " + String.join(", ", request.services()) + " healthy after " + HumanDuration.of(plan.monitoringPeriod())
        + " of monitoring.");
  }

  // ---- Before ---------------------------------------------------------------------------------

  /**
   * One announcement per offset, at its time; offsets already past when the window was scheduled
   * fold into a single announcement at once, so a window closer than an offset is announced once,
   * never not at all and never twice.
   */
  private void announceAhead() {
    List<Duration> offsets = plan.announceOffsets().stream().distinct().sorted(Comparator.reverseOrder()).toList();
    List<Duration> passed = offsets.stream().filter(offset -> !now().isBefore(request.start().minus(offset))).toList();
    if (!passed.isEmpty()) {
      announce("announce-now", "starts " + request.start() + " (less than " + HumanDuration.of(passed.get(passed.size() - 1)) + " ahead)");
    }
    for (Duration offset : offsets.subList(passed.size(), offsets.size())) {
      waitUntil(request.start().minus(offset));
      if (aborted()) {
        return;
      }
      announce("announce-" + offset.toString().toLowerCase(Locale.ROOT), "starts in " + HumanDuration.of(offset));
    }
  }

  private void announce(String key, String when) {
    String text = "🗓️ Planned maintenance " + request.id() + ": " + request.title() + " on "
        + String.join(", ", request.services()) + ", " + when + ", planned end " + end + ".";
    tell(key, text);
    if (statusPageRef == null) {
      try {
        statusPageRef = statusPage.scheduleMaintenance(new ScheduledMaintenance(request.workflowId(),
            request.title(), text, request.start(), end, plan.statusPageComponents()));
        record("announce", "Status page maintenance " + statusPageRef.id() + (statusPageRef.dryRun() ? " (dry-run)" : ""));
      } catch (ActivityFailure failed) {
        record("announce", "Status page not told: " + RootCause.message(failed));
      }
    }
  }

  // ---- During ---------------------------------------------------------------------------------

  /** Maintenance mode on, the steps, health checks; false at the first failure or an abort. */
  private boolean duringWindow() {
    if (plan.maintenanceModeOn() != null) {
      modeOn = true;
      if (!perform("mode", plan.maintenanceModeOn())) {
        // A switch that never left Firebreak did not switch the mode on: nothing to switch off.
        modeOn = !(onlyWhatChanged && failureSentNothing);
        return false;
      }
    }
    for (MaintenanceStep step : plan.steps()) {
      boolean done = perform("step", step);
      changed |= done || !failureSentNothing;
      if (!done) {
        return false;
      }
    }
    return checkHealth("health");
  }

  /**
   * Notes the deploy each service with a rollback serves as the window begins changing things, so
   * a rollback can tell whether the window deployed and where to go back to.
   */
  private void noteLiveDeploys() {
    for (ServiceRollback service : plan.rollbacks()) {
      LiveDeploy live = liveDeploy(service);
      deploysBefore.put(service.service(), live);
      record("deploys", live.describe(service.service()));
    }
  }

  private LiveDeploy liveDeploy(ServiceRollback service) {
    try {
      DeployHistory history = diagnostics.recentDeploys(
          new DeployQuery(service.service(), service.policy().platform(), service.policy().platformId(), null));
      if (history.dryRun()) {
        return LiveDeploy.notListed("deploys not listed: " + history.detail());
      }
      return RollbackTargets.live(history).map(Deployment::id).map(LiveDeploy::of)
          .orElseGet(() -> LiveDeploy.unknown("no successful production deploy among the last " + history.deployments().size()));
    } catch (ActivityFailure failed) {
      return LiveDeploy.unknown("deploys could not be read: " + RootCause.message(failed));
    }
  }

  /**
   * Runs whatever else happened, an abort included: a window never leaves maintenance mode on. The
   * config makes both mode switches HTTP actions, so nothing here waits for a person.
   */
  private void switchModeOff() {
    if (!modeOn || plan.maintenanceModeOff() == null) {
      return;
    }
    modeOn = false;
    String earlierFailure = failure;
    if (!called("mode", plan.maintenanceModeOff()) && earlierFailure != null) {
      failure = earlierFailure + "; then " + failure;
    }
  }

  private boolean performAll(String kind, List<MaintenanceStep> steps) {
    for (MaintenanceStep step : steps) {
      if (!perform(kind, step)) {
        return false;
      }
    }
    return true;
  }

  /** One checklist line with its result in the timeline; false (and {@link #failure} set) when it failed. */
  private boolean perform(String kind, MaintenanceStep step) {
    if (aborted()) {
      return false;
    }
    return step.manual() ? confirmed(kind, step) : called(kind, step);
  }

  private boolean called(String kind, MaintenanceStep step) {
    HttpAction action = step.action();
    Duration timeout = action.timeout() == null ? DEFAULT_ACTION_TIMEOUT : action.timeout();
    HttpActionActivities http = Workflow.newActivityStub(HttpActionActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumAttempts(3).build())
        .setSummary(kind + ": " + step.name())
        .build());
    try {
      HttpActionResult result = http.perform(action);
      record(kind, "✅ " + step.name() + ": " + (result.dryRun() ? result.detail() : "HTTP " + result.status()));
      return true;
    } catch (ActivityFailure failed) {
      failed(kind, step.name() + " failed: " + RootCause.message(failed));
      failureSentNothing = ActionNotSent.is(failed);
      return false;
    }
  }

  private boolean confirmed(String kind, MaintenanceStep step) {
    waitingFor = step.name();
    record(kind, "Waiting up to " + HumanDuration.of(plan.manualStepTimeout()) + " for a person to confirm: " + step.name()
        + (step.instruction() == null ? "" : " (" + step.instruction() + ")"));
    tell("confirm-" + timeline.size(), "✋ Maintenance " + request.id() + " waits for: " + step.name()
        + (step.instruction() == null ? "" : " — " + step.instruction()) + ". When done: firebreak maintenance confirm "
        + request.id() + " --step '" + step.name() + "'");
    boolean answered = Workflow.await(plan.manualStepTimeout(), () -> confirmation != null || aborted());
    waitingFor = null;
    if (aborted()) {
      return false;
    }
    if (!answered) {
      return failed(kind, step.name() + " was not confirmed within " + HumanDuration.of(plan.manualStepTimeout()));
    }
    StepConfirmation answer = confirmation;
    confirmation = null;
    String note = answer.note() == null || answer.note().isBlank() ? "" : ": " + answer.note();
    if (answer.failed()) {
      return failed(kind, step.name() + " reported failed by " + answer.by() + note);
    }
    record(kind, "✅ " + step.name() + " confirmed by " + answer.by() + note);
    return true;
  }

  private boolean checkHealth(String kind) {
    for (HealthCheck check : plan.healthChecks()) {
      HealthResult result = diagnostics.checkHealth(check);
      if (!result.healthy()) {
        String why = result.failingChecks().isEmpty() ? result.summary() : String.join(", ", result.failingChecks());
        return failed(kind, check.service() + " is unhealthy (" + why + ")");
      }
      record(kind, "✅ " + check.service() + " healthy (" + result.summary() + ")");
    }
    return true;
  }

  // ---- After ----------------------------------------------------------------------------------

  /** Health every interval for the monitoring period; false at the first unhealthy check or an abort. */
  private boolean monitor() {
    setStatus(MaintenanceStatus.MONITORING);
    Instant until = now().plus(plan.monitoringPeriod());
    record("monitor", "Monitoring for " + HumanDuration.of(plan.monitoringPeriod()));
    while (now().isBefore(until)) {
      Duration left = Duration.between(now(), until);
      Workflow.await(left.compareTo(plan.monitoringInterval()) < 0 ? left : plan.monitoringInterval(), this::aborted);
      if (aborted() || !checkHealth("monitor")) {
        return false;
      }
    }
    return true;
  }

  /** A step or post-check failed: declare the incident, roll back where configured, tell everyone. */
  private MaintenanceView failWindow() {
    declareIncident();
    String rollbacks = rollBack("Maintenance " + request.id() + " failed: " + failure);
    return finish(MaintenanceStatus.FAILED, "🚨 Maintenance " + request.id() + " (" + request.title() + ") FAILED: "
        + failure + "." + rollbacks + (incidentId == null ? "" : " Incident " + incidentId + " declared."));
  }

  private MaintenanceView abortAfterChanges() {
    String rollbacks = rollBack("Maintenance " + request.id() + " aborted by " + abort.by() + ": " + abort.reason());
    return finish(MaintenanceStatus.ABORTED, "Maintenance " + request.id() + " aborted by " + abort.by() + ": "
        + abort.reason() + "." + (plan.maintenanceModeOn() == null ? "" : " Maintenance mode is off.") + rollbacks);
  }

  /** Stopped before anything changed: everyone is told, nothing is rolled back, no incident. */
  private MaintenanceView calledOff(String why) {
    return finish(MaintenanceStatus.CANCELLED, "⛔ Maintenance " + request.id() + " (" + request.title()
        + ") is called off: " + why);
  }

  private void declareIncident() {
    if (plan.incidentPolicy() == null || plan.incidentSeverity() == null) {
      return;
    }
    String id = "INC-" + request.id();
    Declaration declaration = new Declaration(id, "Maintenance " + request.id() + " failed: " + request.title(),
        plan.incidentSeverity(), request.services().get(0), failure + " (maintenance " + request.id() + ")", null,
        "maintenance " + request.id(), now());
    IncidentWorkflow incident = Workflow.newChildWorkflowStub(IncidentWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(IncidentWorkflow.workflowId(id))
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(plan.incidentSeverity() + " · " + declaration.service() + " · maintenance " + request.id() + " failed")
        .setMemo(IncidentMemo.of(declaration, plan.incidentSeverity(), now()))
        .build());
    Async.function(incident::run, IncidentInput.declared(declaration, plan.incidentPolicy())).handle((outcome, failed) -> null);
    try {
      Workflow.getWorkflowExecution(incident).get();
      incidentId = id;
      record("incident", "Declared " + id + " (" + plan.incidentSeverity() + ") for the failed maintenance");
    } catch (ChildWorkflowFailure alreadyStarted) {
      record("incident", "Could not declare " + id + ": " + RootCause.message(alreadyStarted));
    }
  }

  /** Rolls the configured services back one after the other; the sentence saying how each ended. */
  private String rollBack(String reason) {
    List<String> results = new ArrayList<>();
    for (ServiceRollback service : plan.rollbacks()) {
      LiveDeploy before = deploysBefore.getOrDefault(service.service(), LiveDeploy.unknown("not noted"));
      String untouched = onlyWhatChanged ? notToRollBack(service, before) : null;
      if (untouched != null) {
        record("rollback", untouched);
        results.add(untouched);
        continue;
      }
      RollbackOrder order = new RollbackOrder(new RollbackRequest(request.id().toLowerCase(Locale.ROOT), service.service(),
          before.deploymentId(), reason, "maintenance " + request.id(), incidentId), service.policy());
      boolean locked = Workflow.getVersion(ROLLBACK_LOCK, Workflow.DEFAULT_VERSION, 1) >= 1;
      String refused = locked ? claimLock(order) : null;
      if (refused != null) {
        record("rollback", refused);
        results.add(refused);
        continue;
      }
      RollbackWorkflow rollback = Workflow.newChildWorkflowStub(RollbackWorkflow.class, ChildWorkflowOptions.newBuilder()
          .setWorkflowId(order.workflowId())
          .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
          .setStaticSummary("Rollback of " + service.service() + " for maintenance " + request.id())
          .build());
      try {
        RollbackView view = rollback.run(order);
        record("rollback", view.outcome());
        results.add(service.service() + " " + view.status());
      } catch (ChildWorkflowFailure failed) {
        record("rollback", "Rollback of " + service.service() + " did not run: " + RootCause.message(failed));
        results.add(service.service() + " not rolled back");
        if (locked) {
          releaseLock(order);
        }
      }
    }
    return results.isEmpty() ? "" : " Rollback: " + String.join(", ", results) + ".";
  }

  /**
   * Null when the service is to be rolled back to the deploy it served before the window; otherwise
   * why not. Deploys not listed (dry-run) still get a rollback, which only says what it would do.
   * When the deploys cannot be read after the window, the rollback still goes to the deploy noted
   * before: a rollback to the deploy already live is refused, so it never undoes what the window
   * did not do.
   */
  private String notToRollBack(ServiceRollback service, LiveDeploy before) {
    String name = service.service();
    if (before.dryRun()) {
      return null;
    }
    if (before.deploymentId() == null) {
      return name + " not rolled back: its deploy before the window is not known (" + before.unknown() + ")";
    }
    LiveDeploy after = liveDeploy(service);
    if (before.deploymentId().equals(after.deploymentId())) {
      return name + " not rolled back: nothing to roll back, no deploy during the window (" + before.deploymentId()
          + " still live)";
    }
    record("rollback", after.deploymentId() == null
        ? after.describe(name) + "; rolling back to " + before.deploymentId() + ", its deploy before the window"
        : name + " was deployed during the window (" + before.deploymentId() + " → " + after.deploymentId()
            + "); rolling back to " + before.deploymentId());
    return null;
  }

  /** Null once the window holds the service's rollback lock; otherwise why the service is not rolled back. */
  private String claimLock(RollbackOrder order) {
    String service = order.request().service();
    String refused;
    try {
      LockDecision decision = locks.claim(order);
      if (decision.granted()) {
        return null;
      }
      refused = service + " not rolled back: " + decision.holder().workflowId() + " is running";
    } catch (ActivityFailure failed) {
      refused = service + " not rolled back: its rollback lock could not be claimed (" + RootCause.message(failed) + ")";
    }
    log.warn("{} {}", request.id(), refused);
    return refused;
  }

  /** For a rollback that never reached its own ending, which is where a rollback gives its lock back. */
  private void releaseLock(RollbackOrder order) {
    try {
      locks.release(order);
    } catch (ActivityFailure failed) {
      record("rollback", "Rollback lock of " + order.request().service() + " not given back (its lease frees it): "
          + RootCause.message(failed));
    }
  }

  // ---- The planned end ------------------------------------------------------------------------

  /** At the planned end (as extended) a window still going says where it is, once per planned end. */
  private void watchPlannedEnd() {
    while (!status.isFinal()) {
      Instant plannedEnd = end;
      Duration left = Duration.between(now(), plannedEnd);
      boolean moved = !left.isNegative() && !left.isZero()
          && Workflow.await(MaintenanceLimits.bounded(left), () -> status.isFinal() || !end.equals(plannedEnd));
      if (status.isFinal()) {
        return;
      }
      if (!moved) {
        String text = "⏰ Maintenance " + request.id() + " reached its planned end (" + plannedEnd + ") and is not done: "
            + status + (waitingFor == null ? "" : ", waiting for '" + waitingFor + "'")
            + ". Extend it (firebreak maintenance extend " + request.id() + ") or abort it.";
        tell("overrun-" + extensions, text);
        record("overrun", text);
        log.warn("{} overran its planned end {} while {}", request.id(), plannedEnd, status);
        Workflow.await(() -> status.isFinal() || !end.equals(plannedEnd));
      }
    }
  }

  // ---- Commands -------------------------------------------------------------------------------

  @Override
  public void validateExtend(Extension extension) {
    requirePerson(extension == null ? null : extension.by(), "extending");
    requireNotFinished();
    if (extension.until() == null || !extension.until().isAfter(end)) {
      throw refusal("'until' must be later than the planned end " + end);
    }
    if (Duration.between(request.start(), extension.until()).compareTo(MaintenanceLimits.MAX_LENGTH) > 0) {
      throw refusal("'until' " + extension.until() + " would make the window last more than "
          + MaintenanceLimits.MAX_LENGTH.toDays() + " days");
    }
  }

  @Override
  public MaintenanceView extend(Extension extension) {
    end = extension.until();
    extensions++;
    String why = extension.reason() == null || extension.reason().isBlank() ? "" : ": " + extension.reason();
    record("extend", "Extended to " + end + " by " + extension.by() + why);
    String key = "extend-" + extensions;
    String text = "⏳ Maintenance " + request.id() + " extended to " + end + " by " + extension.by() + why + ".";
    if (Workflow.getVersion(EXTEND_ANSWERS_FIRST, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      tell(key, text);
      rescheduleStatusPage();
    } else {
      Async.procedure(() -> {
        tell(key, text);
        rescheduleStatusPage();
      });
    }
    log.info("{} extended to {} by {}", request.id(), end, extension.by());
    return state();
  }

  /**
   * Moves the announced Statuspage maintenance's end with the window's, so customers read the new end
   * and Statuspage does not complete it early. Extensions take turns and each sends the latest end:
   * a retried earlier call can then never land after a later one and bring an older end back.
   */
  private void rescheduleStatusPage() {
    if (statusPageRef == null || statusPageRef.dryRun()
        || Workflow.getVersion(STATUSPAGE_EXTEND, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return;
    }
    rescheduling.lock();
    try {
      statusPage.reschedule(new MaintenanceReschedule(request.workflowId(), statusPageRef, request.start(), end));
      record("extend", "Status page maintenance " + statusPageRef.id() + " now ends " + end);
    } catch (ActivityFailure failed) {
      record("extend", "Status page not told of the new end: " + RootCause.message(failed));
      log.warn("{} status page maintenance {} still shows the old end: {}", request.id(), statusPageRef.id(),
          RootCause.message(failed));
    } finally {
      rescheduling.unlock();
    }
  }

  @Override
  public void validateAbort(Abort abort) {
    requirePerson(abort == null ? null : abort.by(), "aborting");
    requireNotFinished();
    if (this.abort != null) {
      throw refusal(request.id() + " is already being aborted by " + this.abort.by());
    }
  }

  @Override
  public MaintenanceView abort(Abort abort) {
    this.abort = new Abort(abort.by(), abort.reason() == null || abort.reason().isBlank() ? "no reason given" : abort.reason());
    record("abort", "Abort requested by " + abort.by() + ": " + this.abort.reason());
    log.info("{} abort requested by {} while {}", request.id(), abort.by(), status);
    return state();
  }

  @Override
  public void validateConfirmStep(StepConfirmation answer) {
    requirePerson(answer == null ? null : answer.by(), "confirming");
    if (waitingFor == null || confirmation != null) {
      throw refusal(request.id() + " is not waiting for a manual step (it is " + status + ")");
    }
    if (answer.step() != null && !answer.step().isBlank() && !answer.step().equals(waitingFor)) {
      throw refusal(request.id() + " is waiting for '" + waitingFor + "', not '" + answer.step() + "'");
    }
  }

  @Override
  public MaintenanceView confirmStep(StepConfirmation answer) {
    confirmation = answer;
    log.info("{} step '{}' answered by {} ({})", request.id(), waitingFor, answer.by(), answer.failed() ? "failed" : "done");
    return state();
  }

  @Override
  public void recordIncident(IncidentNotice notice) {
    if (notice == null || notice.incidentId() == null) {
      return;
    }
    String text = notice.severity() + " " + notice.incidentId() + " declared on " + notice.service() + " while the window is "
        + status + ": " + notice.title();
    record("incident", text);
    log.info("{} noted {}", request.id(), text);
  }

  @Override
  public MaintenanceView state() {
    return new MaintenanceView(request.id(), request.workflowId(), request.title(), request.services(), request.start(), end,
        status, waitingFor, incidentId, request.requestedBy(), outcome, List.copyOf(timeline));
  }

  @Override
  public List<MaintenanceEntry> timeline() {
    return List.copyOf(timeline);
  }

  // ---- Endings and small rules ----------------------------------------------------------------

  private MaintenanceView finish(MaintenanceStatus finalStatus, String sentence) {
    outcome = sentence;
    record(finalStatus.name().toLowerCase(Locale.ROOT), sentence);
    tell("end", sentence);
    if (statusPageRef != null && !statusPageRef.dryRun()) {
      try {
        statusPage.update(new PublicIncidentUpdate(request.workflowId(), statusPageRef, "completed", sentence, null, null));
      } catch (ActivityFailure failed) {
        record("end", "Status page not told: " + RootCause.message(failed));
      }
    }
    setStatus(finalStatus);
    log.info("{} {}", request.id(), sentence);
    Workflow.await(Workflow::isEveryHandlerFinished);
    return state();
  }

  /** Slack and mail; a message that cannot be delivered is noted, never a reason to stop the window. */
  private void tell(String key, String text) {
    String fullKey = request.id() + "/" + key;
    try {
      Delivery posted = chat.post(new ThreadMessage(fullKey, request.id(), plan.channel(), null, text));
      if (posted.dryRun()) {
        record("notify", posted.detail());
      }
      if (!plan.emails().isEmpty()) {
        mail.send(new MaintenanceEmail(fullKey, request.id(), plan.emails(), subject(), text));
      }
    } catch (ActivityFailure failed) {
      record("notify", "Could not tell everyone (" + key + "): " + RootCause.message(failed));
    }
  }

  private String subject() {
    return "[Maintenance " + request.id() + "] " + request.title();
  }

  private boolean failed(String kind, String what) {
    failure = what;
    failureSentNothing = false;
    record(kind, "❌ " + what);
    log.warn("{} {}", request.id(), what);
    return false;
  }

  private void waitUntil(Instant instant) {
    Duration left = Duration.between(now(), instant);
    if (!left.isNegative() && !left.isZero()) {
      Workflow.await(MaintenanceLimits.bounded(left), this::aborted);
    }
  }

  private boolean aborted() {
    return abort != null;
  }

  private void requireNotFinished() {
    if (status.isFinal()) {
      throw refusal(request.id() + " has already ended (" + status + ")");
    }
  }

  private void setStatus(MaintenanceStatus next) {
    status = next;
    Workflow.setCurrentDetails("**" + request.id() + "** " + request.title() + " · " + next + " · until " + end);
  }

  private void record(String kind, String text) {
    if (timeline.size() < MAX_ENTRIES) {
      timeline.add(new MaintenanceEntry(now(), kind, text));
    }
  }

  private static void requirePerson(String by, String what) {
    if (by == null || by.isBlank()) {
      throw refusal("'by' is required: say who is " + what + " the window");
    }
  }

  private static ApplicationFailure refusal(String message) {
    return ApplicationFailure.newFailure(message, INVALID_TRANSITION);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
